// A benchmark client process (forked by run.mjs): Node pages through the real
// eventlab-tauri.js, driven with the real @tauri-apps/api. The same code runs against
// `eventlab serve` and against the peer, which speaks the bridge's wire format.
//
// run.mjs talks to it over the fork IPC channel: {op, ...} in, {op, ...} back.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { listen, emit } from '@tauri-apps/api/event';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { connect } = require(path.resolve(here, '../../src/bridge/eventlab-tauri.js'));

let pages = [];
let unlistens = [];
let count = 0; // deliveries seen by every page of this process
let samples = []; // one-way latencies in ns (latency mode)
let flooding = false;
let sent = 0;

const now = () => process.hrtime.bigint();

const ops = {
  async connect({ url, labels }) {
    // In small batches: 200 pages at once would measure the accept queue, not the pages.
    for (let i = 0; i < labels.length; i += 20) {
      const batch = labels.slice(i, i + 20).map((label) => connect({ url, label, WebSocket }));
      pages.push(...(await Promise.all(batch)));
    }
    return { pages: pages.length };
  },

  async listen({ event, latency, perPage = 1 }) {
    count = 0;
    samples = [];
    const handler = latency
      ? (e) => {
          samples.push(Number(now() - BigInt(e.payload)));
          count++;
        }
      : () => {
          count++;
        };
    for (const page of pages) {
      for (let i = 0; i < perPage; i++) unlistens.push(await page.run(() => listen(event, handler)));
    }
    return {};
  },

  async mark() {
    return { count, t: now().toString() };
  },

  async samples() {
    const out = samples;
    samples = [];
    return { samples: out };
  },

  // As fast as it can, at most `inflight` emits awaiting their result, until `stop`.
  async flood({ event, inflight }) {
    flooding = true;
    sent = 0;
    let waiting = 0;
    const page = pages[0];
    await new Promise((resolve) => {
      const pump = () => {
        while (flooding && waiting < inflight) {
          waiting++;
          page.run(() => emit(event, sent++)).then(done, done);
        }
      };
      const done = () => {
        waiting--;
        if (flooding) {
          // Refill in batches (a tenth of the window), not one emit per result.
          if (waiting <= inflight - inflight / 10) pump();
        } else if (waiting === 0) resolve();
      };
      pump();
    });
    return { sent };
  },

  // The same flood from a raw WebSocket speaking the wire format directly (pre-built invoke
  // texts, no @tauri-apps/api, no promises per emit): a cheaper sender, to see how far the
  // servers go when the sender is not the bottleneck.
  async rawFlood({ url, label, event, inflight }) {
    flooding = true;
    sent = 0;
    const socket = new WebSocket(url.replace(/^http/, 'ws') + '/ipc');
    await new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
    socket.send(JSON.stringify({ t: 'hello', label, url: 'node:raw' }));
    let waiting = 0;
    const head = `{"t":"invoke","cmd":"plugin:event|emit","args":{"event":${JSON.stringify(event)},"payload":`;
    const pump = () => {
      while (flooding && waiting < inflight) {
        waiting++;
        sent++;
        socket.send(`${head}${sent}},"id":${sent}}`);
      }
    };
    await new Promise((resolve) => {
      socket.on('message', (data) => {
        const text = String(data);
        if (text.includes('"ready"')) return pump();
        // Count results without parsing: one per answered emit.
        for (let at = text.indexOf('"result"'); at >= 0; at = text.indexOf('"result"', at + 8)) waiting--;
        if (flooding) {
          if (waiting <= inflight - inflight / 10) pump();
        } else if (waiting === 0) resolve();
      });
    });
    socket.close();
    return { sent };
  },

  async stop() {
    flooding = false;
    return {};
  },

  // One emit at a time, `intervalMs` apart, the payload the send time (a monotonic clock
  // shared by the processes of this machine). Each emit's result is awaited, so a slow
  // server delays the next emit instead of queueing them.
  async pace({ event, n, intervalMs }) {
    const page = pages[0];
    for (let i = 0; i < n; i++) {
      await page.run(() => emit(event, now().toString()));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return { sent: n };
  },

  // The floor: one direct WebSocket hop between two Node processes, no server between them
  // (the servers' path is two hops: sender → server → receiver). What this machine and Node's
  // `ws` cost before any server does anything.
  async floorListen() {
    samples = [];
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.on('listening', resolve));
    server.on('connection', (socket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data);
        samples.push(Number(now() - BigInt(message.payload)));
      });
    });
    return { url: `ws://127.0.0.1:${server.address().port}` };
  },

  async floorPace({ url, n, intervalMs }) {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
    for (let i = 0; i < n; i++) {
      socket.send(JSON.stringify({ t: 'emit', event: 'floor', payload: now().toString() }));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    socket.close();
    return { sent: n };
  },

  async unlisten() {
    for (const unlisten of unlistens) await unlisten();
    unlistens = [];
    return {};
  },

  async close() {
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
    return {};
  },
};

process.on('message', async (message) => {
  try {
    const result = await ops[message.op](message);
    process.send({ op: message.op, seq: message.seq, ok: true, ...result });
  } catch (error) {
    process.send({ op: message.op, seq: message.seq, ok: false, error: String(error?.stack || error) });
  }
});
process.send({ op: 'started', seq: 0, ok: true });
