// The bridge process around the pages: --trace records what pages do and is complete after
// SIGTERM; a bridge that goes away fails the page's calls with a clear text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listen, emit } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/core';
import { serve, page, settle, withDeadline } from './helpers.mjs';

describe('the bridge process', () => {
  it('--trace records the pages\' windows, listeners, emits and deliveries; complete after SIGTERM', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eventlab-bridge-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const trace = path.join(dir, 'session.jsonl');
    const server = await serve(['--trace', trace, '--tauri', '2.0']);
    const main = await page(server.url, 'main');
    const got = [];
    await main.run(() => listen('traced', (e) => got.push(e.payload)));
    await main.run(() => emit('traced', { n: 1 }));
    await settle(main, main);
    assert.deepEqual(got, [{ n: 1 }]);
    await server.stop(); // the page is still connected: the bridge ends it

    const lines = (await readFile(trace, 'utf8')).split('\n');
    assert.equal(lines.pop(), '', 'the trace ends with a complete line');
    const [header, ...records] = lines.map((line) => JSON.parse(line));
    assert.equal(header.format, 'eventlab-trace');
    assert.equal(header.tauri, '2.0');
    records.forEach((record, i) => assert.equal(record.seq, i + 1, 'seq without gaps'));
    const find = (predicate, what) => {
      const record = records.find(predicate);
      assert.ok(record, `${what} in the trace:\n${lines.join('\n')}`);
      return record;
    };
    find((r) => r.type === 'window' && r.action === 'created' && r.label === 'main', 'main created');
    const listener = find((r) => r.type === 'listen' && r.event === 'traced' && r.side === 'js' && r.in === 'main',
      'the JS listen');
    const emitted = find((r) => r.type === 'emit' && r.event === 'traced' && r.from === 'js:main', 'the JS emit');
    assert.deepEqual(emitted.payload, { n: 1 });
    find((r) => r.type === 'deliver' && r.emit === emitted.emit && r.listener === listener.listener, 'the delivery');
    find((r) => r.type === 'window' && r.action === 'destroyed' && r.label === 'main', 'main destroyed at shutdown');
    await main.close();
  });

  it("when the bridge goes away, the page's calls reject with a clear text", async () => {
    const server = await serve([]);
    const main = await page(server.url, 'main');
    await main.run(() => invoke('plugin:window|get_all_windows'));
    await server.stop();
    await assert.rejects(
      withDeadline(main.run(() => invoke('plugin:window|get_all_windows')), 5000, 'the rejection'),
      (error) => {
        assert.equal(typeof error, 'string');
        assert.match(error, /^eventlab: connection to EventLab at ws:\/\/127\.0\.0\.1:\d+\/ipc closed/);
        return true;
      });
    await main.close();
  });

  it('connect() to a port nobody listens on rejects, saying where it tried', async () => {
    const server = await serve([]);
    const { url } = server;
    await server.stop();
    await assert.rejects(page(url, 'main'), /eventlab: connection to EventLab at ws:\/\/127\.0\.0\.1:\d+\/ipc closed/);
  });
});
