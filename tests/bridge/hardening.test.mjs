// The bridge process against what wears it out or wedges it: the open-files limit used up, a
// named pipe in --static, names and numbers as Tauri reads them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listen, emit } from '@tauri-apps/api/event';
import { serve, page, settle, waitFor, withDeadline } from './helpers.mjs';

// A TCP connection that asks for a small page and keeps the connection open. `answered` turns
// true when the first bytes of the answer arrive.
function askingSocket(port) {
  const socket = net.connect(port, '127.0.0.1');
  socket.answered = false;
  socket.on('error', () => {});
  socket.on('data', () => { socket.answered = true; });
  socket.on('connect', () => socket.write('GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
  return socket;
}

async function get(url) {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

describe('the bridge under exhaustion and wedging', () => {
  it('keeps accepting once the open-files limit frees up again, and says so once', async (t) => {
    const server = await serve([], { openFiles: 48 });
    t.after(() => server.kill());
    const warning = /cannot accept connections: Too many open files/g;
    const sockets = [];
    t.after(() => sockets.forEach((socket) => socket.destroy()));
    // Connections until one is left waiting at the limit: the bridge warns instead of answering.
    let waiting = null;
    for (let i = 0; i < 200 && !waiting; ++i) {
      const socket = askingSocket(server.port);
      sockets.push(socket);
      const outcome = await waitFor(
        () => (socket.answered ? 'answered' : warning.test(server.stderr) && 'warned'),
        10000, `an answer on connection ${i + 1} or a warning about the open-files limit`);
      warning.lastIndex = 0;
      if (outcome === 'warned') waiting = socket;
    }
    assert.ok(waiting, 'the limit was reached');
    for (const socket of sockets) if (socket !== waiting) socket.destroy();
    await waitFor(() => waiting.answered, 10000, 'an answer for the connection that waited at the limit');
    assert.equal((await withDeadline(get(`${server.url}/eventlab-tauri.js`), 10000, 'GET after the limit')).status, 200);
    const main = await page(server.url, 'main');
    await main.close();
    assert.equal(server.stderr.match(warning).length, 1, `said once:\n${server.stderr}`);
    waiting.destroy();
    await server.stop();
  });

  it('a named pipe in --static is refused at once, and SIGTERM still ends the bridge', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eventlab-static-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const server = await serve(['--static', dir]);
    t.after(() => server.kill());
    const pipe = await withDeadline(get(`${server.url}/pipe`), 5000, 'an answer for /pipe');
    assert.equal(pipe.status, 404);
    const main = await page(server.url, 'main');
    await server.stop();
    await main.close();
  });

  it('a non-ASCII event name takes the same punctuation rule as an ASCII one', async (t) => {
    const server = await serve([]);
    t.after(() => server.kill());
    const main = await page(server.url, 'main');
    await assert.rejects(main.run(() => listen('caf\u00e9.menu', () => {})), (error) => {
      assert.equal(error, 'invalid args `event` for command `listen`: Event name must include only '
        + 'alphanumeric characters, `-`, `/`, `:` and `_`.');
      return true;
    });
    const got = [];
    await main.run(() => listen('caf\u00e9-menu/a:b_c', (e) => got.push(e.payload)));
    await main.run(() => emit('caf\u00e9-menu/a:b_c', 1));
    await settle(main, main);
    assert.deepEqual(got, [1]);
    await main.close();
    await server.stop();
  });
});
