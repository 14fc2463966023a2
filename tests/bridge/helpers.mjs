// Shared by the bridge tests: a real `eventlab serve` per test file, pages connected through
// the real eventlab-tauri.js, and bounded polling.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const scriptPath = path.resolve(here, '../../src/bridge/eventlab-tauri.js');
export const fixture = (name) => path.join(here, 'fixtures', name);
export const binary = process.env.EVENTLAB_BINARY || '/work/main/build/src/app/eventlab';

const { connect } = require(scriptPath);

// The rules of a --tauri mode (a name or an alias, as --tauri takes it), from the binary's one
// table (`eventlab modes`): {any_label_matching, js_unlisten_at_once, …}. Tests derive what they
// expect from these, never from the mode's name, so a release that differs is one table row.
let modeTable;
export function rules(mode) {
  modeTable ??= JSON.parse(execFileSync(binary, ['modes'], { encoding: 'utf8' }));
  const row = modeTable.find((m) => m.name === mode || m.aliases.includes(mode) || (mode === 'latest' && m.latest));
  assert.ok(row, `eventlab modes has no mode ${mode}`);
  return row.rules;
}

const LISTENING = /^eventlab: bridge listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/;

// Starts `eventlab serve --port 0 [extra…]` (with `env` added to this process's environment)
// and waits for its "listening" line. `openFiles` runs it under that open-files limit
// (`ulimit -n`), to see what it does when it runs out.
export async function serve(extra = [], { deadlineMs = 10000, openFiles, env = {} } = {}) {
  const args = ['serve', '--port', '0', ...extra];
  const options = { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } };
  const child = openFiles
    ? spawn('sh', ['-c', `ulimit -n ${Number(openFiles)} && exec "$0" "$@"`, binary, ...args], options)
    : spawn(binary, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise((_, reject) => child.on('error', reject));

  const listening = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const match = LISTENING.exec(stdout.slice(0, newline));
      if (match) resolve({ url: match[1], port: Number(match[2]) });
      else reject(new Error(`unexpected first line from eventlab serve: ${JSON.stringify(stdout.slice(0, newline))}`));
    });
    exited.then(({ code, signal }) =>
      reject(new Error(`eventlab serve ${extra.join(' ')} exited (code ${code}, signal ${signal}) before listening`)));
  });
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`eventlab serve did not say it was listening within ${deadlineMs} ms`)), deadlineMs);
  });
  let address;
  try {
    address = await Promise.race([listening, deadline, spawnError]);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    error.message += `\nbinary: ${binary}\nstdout: ${stdout}\nstderr: ${stderr}`;
    throw error;
  } finally {
    clearTimeout(timer);
  }

  let stopping = null;
  return {
    ...address,
    pid: child.pid,
    get stderr() { return stderr; },
    // For t.after: a bridge that a failed test left stuck is killed, not left behind.
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    // SIGTERM; the bridge must end within a second or so, with exit 0.
    stop() {
      if (!stopping) {
        stopping = (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const result = await withDeadline(exited, 5000, 'eventlab serve did not exit within 5 s of SIGTERM');
          assert.deepEqual(result, { code: 0, signal: null }, `eventlab serve exit status; stderr:\n${stderr}`);
        })();
      }
      return stopping;
    },
  };
}

// A page (one simulated window) in this process, through the real script. `from` makes it a
// page of that web origin, as a browser tab there would be: its Origin header and its URL
// (`from` + `path`, or `pageUrl`: what the page says it is).
export function page(url, label, { from, path: pagePath = '/', pageUrl } = {}) {
  if (!from) return connect({ url, label, WebSocket, pageUrl });
  class FromOrigin extends WebSocket {
    constructor(address, protocols) { super(address, protocols, { origin: from }); }
  }
  return connect({ url, label, WebSocket: FromOrigin, pageUrl: pageUrl ?? new URL(pagePath, from).href });
}

export async function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (waited ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls `predicate` until it returns a truthy value (returned) or the deadline passes.
export async function waitFor(predicate, ms = 5000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Deliveries to one page arrive in emit order: once the page has seen a marker emitted after
// the calls under test, every delivery those calls caused has arrived (or never will).
let markers = 0;
export async function settle(sender, receiver, ms = 5000) {
  const { listen, emit } = await import('@tauri-apps/api/event');
  const name = `eventlab-test-marker-${++markers}`;
  let seen = false;
  const unlisten = await receiver.run(() => listen(name, () => { seen = true; }));
  await sender.run(() => emit(name));
  await waitFor(() => seen, ms, `marker ${name} in page ${receiver.label}`);
  await receiver.run(() => unlisten());
}

export function upgradeRequest(fields) {
  const key = crypto.randomBytes(16).toString('base64');
  return `GET /ipc HTTP/1.1\r\n${fields}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`;
}

// A WebSocket frame as a client must send it (masked unless told otherwise).
export function frame(opcode, payload, { fin = true, mask = true, rsv = 0 } = {}) {
  const body = Buffer.from(payload);
  const head = [((fin ? 0x80 : 0) | (rsv << 4) | opcode)];
  const m = mask ? 0x80 : 0;
  if (body.length < 126) head.push(m | body.length);
  else if (body.length < 65536) head.push(m | 126, body.length >> 8, body.length & 255);
  else {
    head.push(m | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(body.length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), body]);
  const key = crypto.randomBytes(4);
  const masked = Buffer.from(body.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

// Opens /ipc by hand (no WebSocket library between the test and the bytes), sends `frames`
// after the 101, and reports how the server closed: {code} from its close frame, or the HTTP
// status when the upgrade was refused; `messages` are the bridge's messages in its text frames
// and `received` each frame's {fin, opcode, length}. `until(messages)` ends it early.
export function rawWs(port, frames, { fields = 'Host: 127.0.0.1\r\n', ms = 5000, until } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let done = false;
    const messages = [];
    const received = [];
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...result, messages, received });
    };
    const timer = setTimeout(() => finish({ timeout: true }), ms);
    socket.on('connect', () => socket.write(upgradeRequest(fields)));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.toString('latin1'))?.[1] ?? 0);
        if (status !== 101) return finish({ status });
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        for (const f of frames) socket.write(f);
      }
      while (buffer.length >= 2) {
        let len = buffer[1] & 127;
        let at = 2;
        if (len === 126) { if (buffer.length < 4) return; len = buffer.readUInt16BE(2); at = 4; }
        else if (len === 127) { if (buffer.length < 10) return; len = Number(buffer.readBigUInt64BE(2)); at = 10; }
        if (buffer.length < at + len) return;
        const opcode = buffer[0] & 15;
        const fin = (buffer[0] & 0x80) !== 0;
        const payload = buffer.subarray(at, at + len);
        buffer = buffer.subarray(at + len);
        received.push({ fin, opcode, length: len });
        if (opcode === 8) return finish({ code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005 });
        if (opcode === 1 && fin) messages.push(...JSON.parse(payload.toString('utf8')));
        if (until && until(messages)) return finish({ open: true });
      }
    });
    socket.on('close', () => finish({ closedWithoutCode: true }));
    socket.on('error', () => finish({ closedWithoutCode: true }));
  });
}

// For a describe(): `eventlab serve [extra…]` and one page per label, started before its tests
// and closed after them. The returned object fills in: {server, main, settings, …}.
export function servedPages(extra = [], labels = ['main', 'settings']) {
  const state = {};
  before(async () => {
    state.server = await serve(extra);
    for (const label of labels) state[label] = await page(state.server.url, label);
  });
  after(async () => {
    for (const label of labels) await state[label]?.close();
    await state.server?.stop();
  });
  return state;
}

// Headless Chromium (Debian's, or EVENTLAB_CHROMIUM) with a fresh profile of its own; close()
// ends it and removes the profile.
export const chromiumPath = process.env.EVENTLAB_CHROMIUM || '/usr/bin/chromium';
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'eventlab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
