// Shared by the bridge tests: a real `eventlab serve` per test file, pages connected through
// the real eventlab-tauri.js, and bounded polling.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const scriptPath = path.resolve(here, '../../src/bridge/eventlab-tauri.js');
export const fixture = (name) => path.join(here, 'fixtures', name);
export const binary = process.env.EVENTLAB_BINARY || '/work/main/build/src/app/eventlab';

const { connect } = require(scriptPath);

const LISTENING = /^eventlab: bridge listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/;

// Starts `eventlab serve --port 0 [extra…]` and waits for its "listening" line. `openFiles`
// runs it under that open-files limit (`ulimit -n`), to see what it does when it runs out.
export async function serve(extra = [], { deadlineMs = 10000, openFiles } = {}) {
  const args = ['serve', '--port', '0', ...extra];
  const child = openFiles
    ? spawn('sh', ['-c', `ulimit -n ${Number(openFiles)} && exec "$0" "$@"`, binary, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

// A page (one simulated window) in this process, through the real script.
export function page(url, label) {
  return connect({ url, label, WebSocket });
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
