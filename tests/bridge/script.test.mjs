// The script itself: the bridge serves exactly src/bridge/eventlab-tauri.js, and its browser
// branch (classic script, label from ?eventlab-label= or data-label, socket from its own src)
// works, run here in a vm context that stands in for a page; with --with-global-tauri the script
// also defines window.__TAURI__.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import WebSocket, { WebSocketServer } from 'ws';
import { getAllWindows } from '@tauri-apps/api/window';
import { emit } from '@tauri-apps/api/event';
import { serve, page, scriptPath, waitFor, withDeadline } from './helpers.mjs';

// Objects made inside the vm context have its own prototypes; compare them as JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));

// A stand-in for a browser window that loaded the script with <script src=… data-label=…>.
function browserPage(source, { src, dataLabel, href }) {
  const dispatched = [];
  const errors = [];
  const location = new URL(href);
  const sandbox = {
    document: { currentScript: { src, dataset: dataLabel === undefined ? {} : { label: dataLabel } } },
    location: { href: location.href, search: location.search },
    WebSocket,
    URL,
    URLSearchParams,
    crypto: globalThis.crypto,
    queueMicrotask,
    setTimeout,
    CustomEvent: globalThis.CustomEvent,
    console: { ...console, error: (...args) => errors.push(args.join(' ')) },
    dispatchEvent: (event) => dispatched.push(event),
  };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox, { filename: 'eventlab-tauri.js' });
  return { window: sandbox, dispatched, errors };
}

describe('the script', () => {
  let server;
  let main;
  let source;
  before(async () => {
    server = await serve([]);
    main = await page(server.url, 'main');
    source = await readFile(scriptPath, 'utf8');
  });
  after(async () => {
    await main?.close();
    await server?.stop();
  });

  const labels = async () => (await main.run(() => getAllWindows())).map((w) => w.label).sort();

  it('GET /eventlab-tauri.js serves the file byte for byte, as JavaScript', async () => {
    const response = await fetch(`${server.url}/eventlab-tauri.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(await response.text(), source);
  });

  it('in a page: data-label names the window, the socket comes from the script\'s src', async () => {
    const tab = browserPage(source, {
      src: `${server.url}/eventlab-tauri.js`,
      dataLabel: 'tab',
      href: 'http://localhost:5173/index.html',
    });
    const internals = tab.window.__TAURI_INTERNALS__;
    assert.deepEqual(plain(internals.metadata.currentWindow), { label: 'tab' });
    assert.equal(typeof tab.window.__TAURI_EVENT_PLUGIN_INTERNALS__.unregisterListener, 'function');

    // Calls made before the socket is open wait for it.
    const got = [];
    const handler = internals.transformCallback((e) => got.push(e));
    const id = await internals.invoke('plugin:event|listen', { event: 'to-tab', target: { kind: 'Any' }, handler });
    assert.equal(typeof id, 'number');
    assert.deepEqual(await labels(), ['main', 'tab']);
    await main.run(() => emit('to-tab', { n: 1 }));
    await waitFor(() => got.length === 1, 5000, 'the delivery in the page');
    assert.deepEqual(plain(got[0]), { event: 'to-tab', payload: { n: 1 }, id });

    // Destroyed from elsewhere: the page gets a DOM event.
    const handle = (await main.run(() => getAllWindows())).find((w) => w.label === 'tab');
    await main.run(() => handle.destroy());
    await waitFor(() => tab.dispatched.length === 1, 5000, 'eventlab:destroyed');
    assert.equal(tab.dispatched[0].type, 'eventlab:destroyed');
    await assert.rejects(internals.invoke('plugin:window|get_all_windows'), /destroyed/);
    assert.equal(tab.errors.length, 0, tab.errors.join('\n'));
  });

  it('in a page: ?eventlab-label= wins over data-label, so one index.html serves two windows', async () => {
    const open = (href) => browserPage(source, { src: `${server.url}/eventlab-tauri.js`, dataLabel: 'home', href });
    const first = open('http://localhost:1420/');
    const second = open('http://localhost:1420/?eventlab-label=second');
    assert.equal(first.window.__TAURI_INTERNALS__.metadata.currentWindow.label, 'home');
    assert.equal(second.window.__TAURI_INTERNALS__.metadata.currentWindow.label, 'second');
    await first.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows');
    await second.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows');
    assert.deepEqual(await labels(), ['home', 'main', 'second']);
    await first.window.__TAURI_INTERNALS__.invoke('plugin:window|destroy');
    await second.window.__TAURI_INTERNALS__.invoke('plugin:window|destroy');
    await waitFor(async () => (await labels()).join() === 'main', 5000, 'home and second destroyed');
  });

  it('in a page without data-label: the eventlab-label query parameter, else main', async () => {
    const tab = browserPage(source, {
      src: `${server.url}/eventlab-tauri.js`,
      href: 'http://localhost:5173/?eventlab-label=from-query',
    });
    assert.equal(tab.window.__TAURI_INTERNALS__.metadata.currentWebview.label, 'from-query');
    await tab.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows');
    assert.deepEqual(await labels(), ['from-query', 'main']);

    // No label at all: `main`, which is taken here, so the bridge refuses it and says why.
    const refused = browserPage(source, { src: `${server.url}/eventlab-tauri.js`, href: 'http://localhost:5173/' });
    assert.equal(refused.window.__TAURI_INTERNALS__.metadata.currentWindow.label, 'main');
    await assert.rejects(
      withDeadline(refused.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows'), 5000, 'the refusal'),
      /already exists/);
    assert.equal(refused.errors.length, 1);
    assert.match(refused.errors[0], /main.*already exists/);
  });

  it('in a page: a bridge that goes away is reported on the console, and calls reject', async () => {
    const own = await serve([]);
    const tab = browserPage(source, { src: `${own.url}/eventlab-tauri.js`, dataLabel: 'tab', href: 'http://localhost:5173/' });
    await tab.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows');
    await own.stop();
    await waitFor(() => tab.errors.length === 1, 5000, 'the console error');
    assert.match(tab.errors[0], /^eventlab: connection to EventLab at ws:\/\/127\.0\.0\.1:\d+\/ipc closed/);
    await assert.rejects(tab.window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows'), /closed/);
  });

  it('asked to unlisten (the inspector\'s ×): the page drops the listener and invokes plugin:event|unlisten', async (t) => {
    // A stand-in for the bridge, so the test sends the message the window panel's × causes.
    const fake = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ipc' });
    t.after(() => {
      for (const client of fake.clients) client.terminate();
      fake.close();
    });
    await new Promise((resolve) => fake.once('listening', resolve));
    const invokes = [];
    let socket;
    fake.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.t === 'hello') {
          ws.send(JSON.stringify([{ t: 'ready', label: message.label, mode: 'stable', flags: { jsUnlistenAtOnce: true } }]));
        }
        if (message.t !== 'invoke') return;
        invokes.push(message);
        const value = message.cmd === 'plugin:event|listen' ? 42 : null;
        ws.send(JSON.stringify([{ t: 'result', id: message.id, ok: true, value }]));
      });
    });
    const tab = browserPage(source, {
      src: `http://127.0.0.1:${fake.address().port}/eventlab-tauri.js`, dataLabel: 'tab', href: 'http://localhost:5173/',
    });
    const internals = tab.window.__TAURI_INTERNALS__;
    const got = [];
    const handler = internals.transformCallback((e) => got.push(e.payload));
    assert.equal(await internals.invoke('plugin:event|listen', { event: 'tick', target: { kind: 'Any' }, handler }), 42);
    socket.send(JSON.stringify([{ t: 'emit', event: 'tick', payload: 1, ids: [42] }]));
    await waitFor(() => got.length === 1, 5000, 'the delivery before');

    socket.send(JSON.stringify([{ t: 'unlisten', event: 'tick', id: 42 }]));
    await waitFor(() => invokes.length === 2, 5000, 'the page\'s unlisten');
    assert.deepEqual(plain({ cmd: invokes[1].cmd, args: invokes[1].args }),
      { cmd: 'plugin:event|unlisten', args: { event: 'tick', eventId: 42 } });
    // Its callback is gone: a delivery already on its way runs nothing.
    socket.send(JSON.stringify([{ t: 'emit', event: 'tick', payload: 2, ids: [42] }]));
    await internals.invoke('plugin:window|get_all_windows');
    assert.deepEqual(got, [1]);
    assert.equal(tab.errors.length, 0, tab.errors.join('\n'));
  });
});

describe('the script of an app with withGlobalTauri (--with-global-tauri)', () => {
  let server;
  before(async () => { server = await serve(['--with-global-tauri']); });
  after(async () => { await server?.stop(); });

  it('defines window.__TAURI__ with the api\'s global modules as soon as it has run', async () => {
    const response = await fetch(`${server.url}/eventlab-tauri.js`);
    const served = await response.text();
    assert.ok(served.startsWith(await readFile(scriptPath, 'utf8')), 'the script comes first');
    const tab = browserPage(served, { src: `${server.url}/eventlab-tauri.js`, href: 'http://localhost:1420/' });
    const tauri = tab.window.__TAURI__;
    assert.deepEqual(Object.keys(tauri).sort(), ['app', 'core', 'dpi', 'event', 'image', 'menu', 'mocks',
      'path', 'tray', 'webview', 'webviewWindow', 'window']);
    // The plain-JS templates' first lines.
    const { invoke } = tauri.core;
    const { listen, emit: emitEvent } = tauri.event;
    assert.equal(await invoke('plugin:app|name'), 'eventlab-app');
    assert.equal(tauri.window.getCurrentWindow().label, 'main');
    const got = [];
    await listen('plain', (e) => got.push(e.payload));
    await emitEvent('plain', 'hello');
    await waitFor(() => got.length === 1, 5000, 'the delivery through window.__TAURI__.event');
    assert.deepEqual(got, ['hello']);
    await invoke('plugin:window|destroy');
    await waitFor(() => tab.dispatched.length === 1, 5000, 'eventlab:destroyed');
    assert.equal(tab.errors.length, 0, tab.errors.join('\n'));
  });

  it('without the flag the script is the file alone and there is no window.__TAURI__', async () => {
    const plainServer = await serve([]);
    try {
      const served = await (await fetch(`${plainServer.url}/eventlab-tauri.js`)).text();
      assert.equal(served, await readFile(scriptPath, 'utf8'));
    } finally {
      await plainServer.stop();
    }
  });
});
