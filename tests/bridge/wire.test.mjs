// The bridge's socket as bytes: how messages are framed, numbers as Tauri's backend reads them,
// and the budget that bounds what all pages together can make the bridge hold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listen, emit } from '@tauri-apps/api/event';
import { serve, page, waitFor, withDeadline, frame, rawWs } from './helpers.mjs';

const invoke = (id, cmd, args) => frame(1, JSON.stringify({ t: 'invoke', id, cmd, args }));
const hello = (label) => frame(1, JSON.stringify({ t: 'hello', label, url: 'raw://' }));

describe('the wire', () => {
  it('a 1 MiB delivery arrives as one frame, not in fragments', async (t) => {
    const server = await serve([]);
    t.after(() => server.kill());
    const sender = await page(server.url, 'sender');
    const big = 'x'.repeat(1 << 20);
    let sending = null;
    const raw = await rawWs(server.port, [hello('raw'),
      invoke(1, 'plugin:event|listen', { event: 'big', target: { kind: 'Any' }, handler: 1 })], {
      ms: 10000,
      until: (messages) => {
        if (!sending && messages.some((m) => m.t === 'result' && m.id === 1)) {
          sending = sender.run(() => emit('big', big));
        }
        return messages.some((m) => m.t === 'emit');
      },
    });
    assert.deepEqual(raw.received.filter((f) => !f.fin || f.opcode !== 1).slice(0, 3), [],
      'every frame is a whole text message');
    assert.equal(raw.messages.find((m) => m.t === 'emit')?.payload, big);
    // The delivery can reach the raw page before the sender's own reply reaches the sender
    // (slow under sanitizers): closing the sender first would reject its emit.
    await sending;
    await sender.close();
    await server.stop();
  });

  it('-0 in a page\'s payload arrives as -0.0, as serde_json reads it', async (t) => {
    const server = await serve([]);
    t.after(() => server.kill());
    const main = await page(server.url, 'main');
    const got = [];
    await main.run(() => listen('numbers', (e) => got.push(e.payload)));
    // JSON.stringify never writes -0, so the text is written by hand, as any client may.
    const text = '{"t":"invoke","id":1,"cmd":"plugin:event|emit","args":{"event":"numbers",' +
      '"payload":{"z":-0,"list":[-0,0,-0.0,-1,1e2]}}}';
    const raw = await rawWs(server.port, [hello('raw'), frame(1, text)], {
      until: (messages) => messages.some((m) => m.t === 'result'),
    });
    assert.equal(raw.messages.find((m) => m.t === 'result').ok, true);
    await waitFor(() => got.length === 1, 5000, 'the delivery');
    const [{ z, list }] = got;
    assert.ok(Object.is(z, -0), `z is ${z} (Object.is -0: ${Object.is(z, -0)})`);
    assert.ok(Object.is(list[0], -0) && Object.is(list[1], 0) && Object.is(list[2], -0));
    assert.deepEqual(list.slice(3), [-1, 100]);
    await main.close();
    await server.stop();
  });

  it('messages half received count in --max-buffered: past it the page holding most is cut', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eventlab-wire-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const trace = path.join(dir, 'session.jsonl');
    const server = await serve(['--max-buffered', String(8 << 20), '--trace', trace]);
    t.after(() => server.kill());
    // Three pages each send 3 MiB of a 4 MiB message and stop there: 9 MiB held, 8 allowed.
    const MiB = 1 << 20;
    const partial = () => frame(1, Buffer.alloc(4 * MiB, 0x20)).subarray(0, 14 + 3 * MiB);
    const pages = ['half-0', 'half-1', 'half-2'].map((label) =>
      rawWs(server.port, [hello(label), partial()], { ms: 30000 }));
    const first = await withDeadline(Promise.race(pages.map((p, i) => p.then(() => i))), 30000,
      'one of the pages to be cut off');
    await server.stop();
    const closed = await Promise.all(pages);
    assert.ok(!closed[first].timeout, 'the page that ended was closed by the bridge');
    const records = (await readFile(trace, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const budget = records.filter((r) => r.type === 'error' && /--max-buffered/.test(r.message));
    assert.equal(budget.length, 1, JSON.stringify(budget));
    assert.match(budget[0].message, new RegExp(`page \`half-${first}\``));
  });
});
