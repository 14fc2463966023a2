// Hostile peers against `eventlab serve`, run by hand (not a CTest test: some cases take half a
// minute and one needs thousands of sockets). Each case prints one line: what was tried, what
// came back, and whether that is what the bridge promises (docs/bridge.md). Everything binds
// to and connects over loopback; every loop is bounded.
//
//   node tests/bridge/hostile.mjs [--only NAME,…]   (EVENTLAB_BINARY as for the tests)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { serve, waitFor, withDeadline, upgradeRequest, frame, rawWs } from './helpers.mjs';

const only = (() => {
  const at = process.argv.indexOf('--only');
  return at < 0 ? null : process.argv[at + 1].split(',');
})();

const results = [];
function report(group, what, got, ok) {
  results.push({ group, what, got, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${group.padEnd(10)} ${what.padEnd(58)} → ${got}`);
}

// Sends raw bytes, reads until the server closes (or `ms`); the status (0: none) and the bytes.
function rawHttp(port, bytes, ms = 5000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ closed, status: status ? Number(status[1]) : 0, text });
    };
    const timer = setTimeout(() => finish(false), ms);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

const request = (target, fields = 'Host: 127.0.0.1\r\n', method = 'GET') =>
  `${method} ${target} HTTP/1.1\r\n${fields}Connection: close\r\n\r\n`;

// SIGTERM and the promised exit 0 within the deadline, else a failed check and SIGKILL.
async function stop(server, group) {
  try {
    await server.stop();
  } catch (error) {
    report(group, 'SIGTERM at the end', String(error.message).split('\n')[0], false);
    server.kill();
  }
}

const hello = (label) => frame(1, JSON.stringify({ t: 'hello', label, url: 'hostile://' }));

// ---------------------------------------------------------------------------------------------

const cases = {
  async origins() {
    const server = await serve([]);
    try {
      for (const [origin, expect] of [
        ['http://evil.example', 403], ['null', 403], ['http://localhost.evil.example', 403],
        ['http://127.0.0.1.nip.io', 403], ['file://', 403], ['http://localhost:5173/path', 403],
        ['https://localhost:5173', 403], ['http://localhost:5173', 101], ['HTTP://LOCALHOST:5173', 101],
        ['http://[::1]:5173', 101], ['http://127.0.0.2:1', 101], ['tauri://localhost', 101],
        ['http://tauri.localhost', 101], ['http://localhost:', 403], ['http://localhost:abc', 403],
      ]) {
        const r = await rawWs(server.port, [], { fields: `Host: 127.0.0.1\r\nOrigin: ${origin}\r\n`, ms: 2000 });
        const got = r.status ?? (r.timeout || r.code ? 101 : 0);
        report('origin', `Origin: ${origin}`, got, got === expect);
      }
    } finally { await stop(server, 'origin'); }
  },

  async hosts() {
    const server = await serve([]);
    try {
      for (const [fields, expect] of [
        ['Host: rebind.attacker.test\r\n', 403], ['Host: localhost.\r\n', 403], ['Host: LOCALHOST\r\n', 200],
        ['Host: 127.0.0.1:abc\r\n', 403], ['Host: [::1]:1430\r\n', 200], ['Host: \r\n', 403],
        ['Host: 2130706433\r\n', 403], ['Host: 127.0.0.1\r\nHost: evil.test\r\n', 400], ['', 400],
        ['Host: 127.0.0.1, evil.test\r\n', 403], ['Host: 10.0.0.1\r\n', 200],
      ]) {
        const r = await rawHttp(server.port, request('/eventlab-tauri.js', fields));
        report('host', JSON.stringify(fields.trim()) || '(none)', r.status, r.status === expect);
      }
    } finally { await stop(server, 'host'); }
  },

  async paths() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eventlab-hostile-'));
    const www = path.join(dir, 'www');
    mkdirSync(path.join(www, 'sub'), { recursive: true });
    mkdirSync(path.join(www, 'empty'));
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    writeFileSync(path.join(www, 'index.html'), 'home');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(www, 'sub', 'index.html'));
    symlinkSync(path.join(dir, 'secret.txt'), path.join(www, 'link-out.txt'));
    symlinkSync('/dev/zero', path.join(www, 'zero'));
    execFileSync('mkfifo', [path.join(www, 'pipe')]);
    const server = await serve(['--static', www]);
    try {
      for (const [target, expect] of [
        ['/', 200], ['/index.html', 200], ['/../secret.txt', 404], ['/%2e%2e/secret.txt', 404],
        ['/..%2fsecret.txt', 404], ['/%2e%2e%2fsecret.txt', 404], ['//etc/passwd', 404],
        ['/%00', 404], ['/sub', 404], ['/sub/', 404], ['/sub/.', 404], ['/sub/..', 200],
        ['/link-out.txt', 404], ['/zero', 404], ['/pipe', 404], ['/empty', 404],
        ['/index.html%00.js', 404], ['/index.html?x=../../secret.txt', 200],
      ]) {
        const r = await rawHttp(server.port, request(target), 5000);
        const leaked = r.text.includes('SECRET');
        report('path', `GET ${target}`, `${r.status || (r.closed ? 'closed' : 'no answer')}${leaked ? ' LEAKED' : ''}`,
          r.status === expect && !leaked);
      }
      const head = await rawHttp(server.port, request('/index.html', undefined, 'HEAD'));
      report('path', 'HEAD /index.html', `${head.status}, body ${head.text.split('\r\n\r\n')[1].length} bytes`,
        head.status === 200 && head.text.split('\r\n\r\n')[1] === '');
    } finally {
      await stop(server, 'path');
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async bigFile() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eventlab-hostile-'));
    writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(64 << 20, 1));
    const server = await serve(['--static', dir]);
    const { pid } = server;
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
    const sockets = [];
    try {
      const before = rss();
      for (let i = 0; i < 4; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        let head = '';
        await new Promise((resolve) => {
          socket.on('connect', () => socket.write(request('/big.bin', 'Host: 127.0.0.1\r\n')));
          socket.on('data', function first(chunk) { head += chunk.toString('latin1'); if (head.includes('\r\n\r\n')) { socket.pause(); socket.off('data', first); resolve(); } });
        });
        sockets.push(socket);
      }
      const grown = rss() - before;
      const t0 = process.hrtime.bigint();
      const r = await rawHttp(server.port, request('/eventlab-tauri.js'));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      report('flood', '4 unread GETs of a 64 MiB file: RSS growth', `${grown.toFixed(1)} MiB`, grown < 16);
      report('flood', '... and a GET of the script meanwhile', `${r.status} in ${ms.toFixed(1)} ms`, r.status === 200);
    } finally {
      sockets.forEach((s) => s.destroy());
      await stop(server, 'flood');
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async http() {
    const server = await serve([]);
    try {
      for (const [what, bytes, expect] of [
        ['header fields of 20 KiB', request('/', `Host: 127.0.0.1\r\nX: ${'a'.repeat(20 << 10)}\r\n`), 431],
        ['Transfer-Encoding: gzip, chunked', request('/', 'Host: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n') + '0\r\n\r\n', 501],
        ['Transfer-Encoding: chunked, gzip', request('/', 'Host: 127.0.0.1\r\nTransfer-Encoding: chunked, gzip\r\n'), 400],
        ['Transfer-Encoding and Content-Length', request('/', 'Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n') + '0\r\n\r\n', 400],
        ['Content-Length: 1000000', request('/', 'Host: 127.0.0.1\r\nContent-Length: 1000000\r\n') + 'x'.repeat(100 << 10), 413],
        ['two Content-Length', request('/', 'Host: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n'), 400],
        ['request line garbage', 'HELLO THERE\r\n\r\n', 400],
        ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
        ['a bare LF request', 'GET / HTTP/1.1\nHost: 127.0.0.1\n\n', 400],
        ['POST /eventlab-tauri.js', request('/eventlab-tauri.js', 'Host: 127.0.0.1\r\nContent-Length: 0\r\n', 'POST'), 405],
        ['GET /ipc without upgrade', request('/ipc'), 426],
        ['upgrade on another path', upgradeRequest('Host: 127.0.0.1\r\n').replace('/ipc', '/other'), 404],
      ]) {
        const r = await rawHttp(server.port, bytes);
        report('http', what, r.status || (r.closed ? 'closed without answer' : 'no answer'), r.status === expect);
      }
      // 200 keep-alive requests pipelined on one connection: every one answered.
      const pipelined = Array.from({ length: 200 }, () => 'GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n').join('') + request('/nothing');
      const r = await rawHttp(server.port, pipelined, 10000);
      const answers = (r.text.match(/HTTP\/1\.1 404/g) || []).length;
      report('http', '201 pipelined GETs on one connection', `${answers} answers`, answers === 201);
    } finally { await stop(server, 'http'); }
  },

  async frames() {
    const server = await serve(['--max-message', '65536']);
    try {
      let n = 0;
      const label = () => `f${++n}`;
      for (const [what, frames, expect] of [
        ['not JSON', [hello(label()), frame(1, '{not json')], 'error'],
        ['a JSON array, not an object', [hello(label()), frame(1, '[1,2]')], 'error'],
        ['unknown kind', [hello(label()), frame(1, '{"t":"teleport"}')], 'error'],
        ['invoke before hello', [frame(1, '{"t":"invoke","id":1,"cmd":"x"}')], 'result'],
        ['JSON nested 100000 deep', [hello(label()), frame(1, '['.repeat(60000))], 'error'],
        ['a binary frame', [hello(label()), frame(2, Buffer.from([1, 2, 3]))], 'error'],
        ['invalid UTF-8 in a text frame', [hello(label()), frame(1, Buffer.from([0x22, 0xff, 0xfe, 0x22]))], 1007],
        ['an unmasked client frame', [frame(1, '{"t":"hello","label":"u"}', { mask: false })], 1002],
        ['reserved bits set', [frame(1, '{}', { rsv: 4 })], 1002],
        ['a fragmented ping', [frame(9, 'x', { fin: false })], 1002],
        ['an unknown opcode', [frame(3, 'x')], 1002],
        ['a continuation without a start', [frame(0, 'x')], 1002],
        ['a message over --max-message', [hello(label()), frame(1, 'x'.repeat(70000))], 1009],
        ['a close with code 999', [frame(8, Buffer.from([0x03, 0xe7]))], 1002],
        ['hello twice', [hello(label()), hello(label())], 'error'],
        ['hello with a label Tauri refuses', [frame(1, '{"t":"hello","label":"a b"}')], 'refused'],
      ]) {
        const r = await rawWs(server.port, frames, { ms: 3000 });
        const kinds = r.messages.map((m) => m.t);
        const got = r.code ?? (r.status ? `HTTP ${r.status}` : r.timeout ? `open, got ${kinds.join(',')}` : 'closed without a code');
        const ok = typeof expect === 'number' ? r.code === expect : kinds.includes(expect);
        report('frame', what, got, ok);
      }
      const alive = await rawHttp(server.port, request('/eventlab-tauri.js'));
      report('frame', 'the bridge after all of them', alive.status, alive.status === 200);
    } finally { await stop(server, 'frame'); }
  },

  async connections() {
    const server = await serve([]);
    const sockets = [];
    try {
      for (let i = 0; i < 2000; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        sockets.push(socket);
      }
      await waitFor(() => sockets.every((s) => s.readyState === 'open'), 20000, '2000 connections');
      const r = await rawHttp(server.port, request('/eventlab-tauri.js'), 10000);
      report('flood', '2000 idle connections, then a GET', r.status, r.status === 200);
      const pages = [];
      for (let i = 0; i < 200; i++) {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ipc`);
        await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
        ws.send(JSON.stringify({ t: 'hello', label: `p${i}` }));
        pages.push(ws);
      }
      report('flood', '... plus 200 pages', 'all connected', true);
      pages.forEach((ws) => ws.terminate());
    } finally {
      sockets.forEach((s) => s.destroy());
      await stop(server, 'flood');
    }
  },

  // Pages that stop reading while 1 MiB emits pile up for them: the bridge's memory stays
  // bounded by --max-buffered (not 8 × --max-send-queue) and each cut page gets a record.
  async stuck() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eventlab-hostile-'));
    const trace = path.join(dir, 't.jsonl');
    const server = await serve(['--trace', trace]);
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
    const stuck = [];
    try {
      const before = rss();
      for (let i = 0; i < 8; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        await new Promise((resolve) => {
          socket.on('connect', () => socket.write(upgradeRequest('Host: 127.0.0.1\r\n')));
          socket.once('data', () => {
            socket.write(frame(1, JSON.stringify({ t: 'hello', label: `stuck${i}` })));
            socket.write(frame(1, JSON.stringify({ t: 'invoke', id: 1, cmd: 'plugin:event|listen', args: { event: 'big', target: { kind: 'Any' }, handler: 1 } })));
            socket.pause(); // and never reads again
            resolve();
          });
        });
        stuck.push(socket);
      }
      const sender = new WebSocket(`ws://127.0.0.1:${server.port}/ipc`);
      await new Promise((resolve) => sender.on('open', resolve));
      sender.send(JSON.stringify({ t: 'hello', label: 'sender' }));
      const payload = JSON.stringify('x'.repeat(1 << 20));
      let peak = 0;
      for (let i = 0; i < 600; i++) {
        sender.send(`{"t":"invoke","id":${i + 1},"cmd":"plugin:event|emit","args":{"event":"big","payload":${payload}}}`);
        if (i % 20 === 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          peak = Math.max(peak, rss());
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      peak = Math.max(peak, rss());
      sender.terminate();
      await stop(server, 'stuck');
      const errors = readFileSync(trace, 'utf8').split('\n').filter((l) => l.includes('"type":"error"'));
      const budget = errors.filter((l) => l.includes('--max-buffered')).length;
      const queue = errors.filter((l) => l.includes('--max-send-queue')).length;
      report('stuck', '8 pages stop reading, 600 emits of 1 MiB', `peak RSS +${(peak - before).toFixed(0)} MiB; ` +
        `${budget} cut by --max-buffered, ${queue} by --max-send-queue`, peak - before < 400 && budget + queue === 8);
    } finally {
      stuck.forEach((s) => s.destroy());
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async labels() {
    const server = await serve([]);
    try {
      const t0 = Date.now();
      const r = await rawWs(server.port, [frame(1, JSON.stringify({ t: 'hello', label: 'a'.repeat(4 << 20) }))],
        { until: (m) => m.length > 0, ms: 10000 });
      const first = r.messages[0];
      report('label', 'hello with a 4 MiB label', `${first ? first.t : 'no answer'} in ${Date.now() - t0} ms`,
        first?.t === 'refused');
      const u = await rawWs(server.port, [frame(1, JSON.stringify({ t: 'hello', label: 'main', url: `http://x/${'q'.repeat(1 << 20)}` })),
        frame(1, '{"t":"teleport"}')], { until: (m) => m.some((x) => x.t === 'error'), ms: 10000 });
      const error = u.messages.find((m) => m.t === 'error');
      report('label', 'hello with a 1 MiB URL, then a bad message', `${u.messages.map((m) => m.t).join(',')}`,
        u.messages[0]?.t === 'ready' && Boolean(error));
    } finally { await stop(server, 'label'); }
  },

  async slowloris() {
    const server = await serve([]);
    const sockets = [];
    try {
      const closedAt = [];
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: '));
        socket.on('close', () => closedAt.push(Date.now() - t0));
        sockets.push(socket);
      }
      // A byte every second keeps nothing alive past the 30 s limit.
      const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write('a')), 1000);
      await waitFor(() => closedAt.length === 20, 40000, 'the slow requests to be closed');
      clearInterval(drip);
      report('flood', '20 slowloris requests (a byte a second)', `closed after ${(Math.max(...closedAt) / 1000).toFixed(1)} s`,
        Math.max(...closedAt) < 35000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await stop(server, 'flood');
    }
  },

  async fds() {
    const server = await serve([], { openFiles: 48 });
    const sockets = [];
    try {
      for (let i = 0; i < 200; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        sockets.push(socket);
      }
      await waitFor(() => /Too many open files/.test(server.stderr), 10000, 'the warning');
      sockets.forEach((s) => s.destroy());
      const r = await withDeadline(rawHttp(server.port, request('/eventlab-tauri.js'), 10000), 12000, 'GET');
      report('fds', 'ulimit -n 48, 200 connections, all closed, then a GET', r.status, r.status === 200);
      report('fds', '... said on stderr', `${(server.stderr.match(/Too many open files/g) || []).length} line(s)`,
        (server.stderr.match(/Too many open files/g) || []).length === 1);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.kill();
    }
  },

  async signals() {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'eventlab-hostile-'));
      const trace = path.join(dir, 't.jsonl');
      const server = await serve(['--trace', trace]);
      const sender = new WebSocket(`ws://127.0.0.1:${server.port}/ipc`);
      sender.on('error', () => {});
      await new Promise((resolve) => sender.on('open', resolve));
      const receivers = [];
      for (let i = 0; i < 8; i++) {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ipc`);
        await new Promise((resolve) => ws.on('open', resolve));
        ws.send(JSON.stringify({ t: 'hello', label: `r${i}` }));
        ws.send(JSON.stringify({ t: 'invoke', id: 1, cmd: 'plugin:event|listen', args: { event: 'flood', target: { kind: 'Any' }, handler: 1 } }));
        ws.on('error', () => {});
        receivers.push(ws);
      }
      sender.send(JSON.stringify({ t: 'hello', label: 'sender' }));
      let id = 1;
      const pump = setInterval(() => {
        for (let i = 0; i < 200; i++) sender.send(`{"t":"invoke","id":${++id},"cmd":"plugin:event|emit","args":{"event":"flood","payload":${id}}}`);
      }, 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const t0 = Date.now();
      let exit;
      try {
        process.kill(server.pid, signal);
        exit = await withDeadline(server.stop(), 5000, 'exit');
      } catch (error) { exit = error; }
      clearInterval(pump);
      const ms = Date.now() - t0;
      const lines = readFileSync(trace, 'utf8').split('\n');
      const complete = lines.pop() === '' && lines.every((l) => { try { JSON.parse(l); return true; } catch { return false; } });
      report('signal', `${signal} mid-flood (8 pages, --trace)`, `${exit instanceof Error ? exit.message : 'exit 0'} in ${ms} ms, trace ${complete ? 'complete' : 'BROKEN'} (${lines.length} lines)`,
        !(exit instanceof Error) && ms < 1500 && complete);
      [sender, ...receivers].forEach((ws) => ws.terminate());
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

for (const [name, run] of Object.entries(cases)) {
  if (only && !only.includes(name)) continue;
  try {
    await run();
  } catch (error) {
    report(name, 'the case itself', String(error.message || error).split('\n')[0], false);
  }
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length} checks, ${failed} not as promised`);
process.exitCode = failed ? 1 : 0;
