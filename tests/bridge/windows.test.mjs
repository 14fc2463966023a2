// Pages as windows: a connecting page creates its window, close-requested and destroy as
// @tauri-apps/api drives them, a reload (same label after the first socket closed), a second
// page with a live label.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/core';
import { getCurrentWindow, getAllWindows } from '@tauri-apps/api/window';
import { getAllWebviews } from '@tauri-apps/api/webview';
import { serve, page, settle, waitFor, withDeadline, rules } from './helpers.mjs';

const labels = async (p) => (await p.run(() => getAllWindows())).map((w) => w.label).sort();

describe('windows, the default mode', () => {
  let server;
  let main;
  before(async () => {
    server = await serve([]);
    main = await page(server.url, 'main');
  });
  after(async () => {
    await main?.close();
    await server?.stop();
  });

  it('the globals say which window and webview the code runs in', async () => {
    const other = await page(server.url, 'other');
    try {
      assert.equal(main.run(() => getCurrentWindow().label), 'main');
      assert.equal(other.run(() => getCurrentWindow().label), 'other');
      assert.deepEqual(other.run(() => window.__TAURI_INTERNALS__.metadata),
        { currentWindow: { label: 'other' }, currentWebview: { label: 'other', windowLabel: 'other' } });
      // Outside run(): the first page connected.
      assert.equal(getCurrentWindow().label, 'main');
      assert.equal(window.__TAURI_INTERNALS__.convertFileSrc('/a b/c.png'), 'asset://localhost/%2Fa%20b%2Fc.png');
      assert.equal(window.__TAURI_INTERNALS__.convertFileSrc('x', 'stream'), 'stream://localhost/x');
    } finally {
      await other.close();
    }
  });

  it('a page that connects creates its window: webview-created, then window-created', async () => {
    const created = [];
    const unlistenWebview = await main.run(() => listen('tauri://webview-created', (e) => created.push([e.event, e.payload])));
    const unlistenWindow = await main.run(() => listen('tauri://window-created', (e) => created.push([e.event, e.payload])));
    const fresh = await page(server.url, 'fresh');
    try {
      await settle(fresh, main);
      assert.deepEqual(created, [
        ['tauri://webview-created', { label: 'fresh' }],
        ['tauri://window-created', { label: 'fresh' }],
      ]);
      assert.deepEqual(await labels(main), ['fresh', 'main']);
      // Tauri sends `window_label`, which the api's getAllWebviews() does not read (it reads
      // `windowLabel`): the webviews' window labels are undefined, as under Tauri.
      const webviews = (await main.run(() => getAllWebviews())).map((w) => [w.label, w.window.label]).sort();
      assert.deepEqual(webviews, [['fresh', undefined], ['main', undefined]]);
    } finally {
      await main.run(() => unlistenWebview());
      await main.run(() => unlistenWindow());
      await fresh.close();
    }
  });

  it('onCloseRequested without preventDefault: close() destroys the window', async () => {
    const closer = await page(server.url, 'closer');
    const destroyedSeen = [];
    const unlisten = await main.run(() => listen('tauri://destroyed', (e) => destroyedSeen.push(e)));
    let asked = 0;
    await closer.run(() => getCurrentWindow().onCloseRequested(() => { asked += 1; }));
    await closer.run(() => getCurrentWindow().close());
    await withDeadline(closer.destroyed, 5000, 'page.destroyed of the closed window');
    assert.equal(asked, 1);
    assert.deepEqual(await labels(main), ['main']);
    // A global listen in another window gets tauri://destroyed (target Any).
    await waitFor(() => destroyedSeen.length === 1, 5000, 'tauri://destroyed in main');
    assert.equal(destroyedSeen[0].payload, null);
    await main.run(() => unlisten());
    // The window is gone: later calls reject with a clear text.
    await assert.rejects(closer.run(() => invoke('plugin:window|get_all_windows')), /destroyed/);
    await closer.close();
  });

  it('onCloseRequested with preventDefault: the window stays', async () => {
    const keeper = await page(server.url, 'keeper');
    let asked = 0;
    await keeper.run(() => getCurrentWindow().onCloseRequested((event) => {
      asked += 1;
      event.preventDefault();
    }));
    await keeper.run(() => getCurrentWindow().close());
    await waitFor(() => asked === 1, 5000, 'the close-requested handler');
    await settle(main, keeper);
    assert.deepEqual(await labels(main), ['keeper', 'main']);
    assert.deepEqual(await labels(keeper), ['keeper', 'main'], 'the page still works');

    // Destroyed from another page: the page is told.
    const handle = (await main.run(() => getAllWindows())).find((w) => w.label === 'keeper');
    await main.run(() => handle.destroy());
    await withDeadline(keeper.destroyed, 5000, 'page.destroyed after another page destroyed it');
    assert.deepEqual(await labels(main), ['main']);
    await keeper.close();
  });

  it('close() from another page on a window without a close handler destroys it', async () => {
    const plain = await page(server.url, 'plain');
    const handle = (await main.run(() => getAllWindows())).find((w) => w.label === 'plain');
    await main.run(() => handle.close());
    await withDeadline(plain.destroyed, 5000, 'page.destroyed');
    assert.deepEqual(await labels(main), ['main']);
    await plain.close();
  });

  it('a page reconnecting with the same label after its socket closed works (a reload)', async () => {
    const first = await page(server.url, 'reloaded');
    await first.close();
    const again = await page(server.url, 'reloaded');
    try {
      const got = [];
      await again.run(() => listen('after-reload', (e) => got.push(e.payload)));
      await main.run(() => invoke('plugin:event|emit', { event: 'after-reload', payload: 'hi' }));
      await settle(main, again);
      assert.deepEqual(got, ['hi']);
      assert.deepEqual(await labels(main), ['main', 'reloaded']);
    } finally {
      await again.close();
    }
    await waitFor(async () => (await labels(main)).length === 1, 5000, 'the closed page to leave');
  });

  it('a second page with a live label is refused with a clear error', async () => {
    await assert.rejects(page(server.url, 'main'), (error) => {
      assert.match(error.message, /main/);
      assert.match(error.message, /already exists/);
      return true;
    });
    // The live page is unaffected.
    assert.deepEqual(await labels(main), ['main']);
  });
});

describe('close-requested: who gets it and who holds the close', () => {
  for (const mode of ['2.0', '2.11', '2.12']) {
    describe(`--tauri ${mode}`, () => {
      let server;
      let main;
      before(async () => {
        server = await serve(['--tauri', mode]);
        main = await page(server.url, 'main');
      });
      after(async () => {
        await main?.close();
        await server?.stop();
      });
      const closeFromMain = async (label) => {
        const handle = (await main.run(() => getAllWindows())).find((w) => w.label === label);
        assert.ok(handle, `window ${label} is live`);
        await main.run(() => handle.close());
      };

      it('only Any, Window{L} and WebviewWindow{L} get close-requested; Any and AnyLabel listeners never hold the close', async () => {
        const w = await page(server.url, 'w');
        // JS listeners match by their stored target, wherever they live: these live in main,
        // which stays alive to run what reaches it.
        const got = [];
        const record = (row) => (e) => got.push([row, e.payload]);
        const unlisten = [
          await main.run(() => listen('tauri://close-requested', record('listen()'))),
          await main.run(() => listen('tauri://close-requested', record('listen({target:"w"})'), { target: 'w' })),
          await main.run(() => listen('tauri://close-requested', record('Webview{w}'), { target: { kind: 'Webview', label: 'w' } })),
          await main.run(() => listen('tauri://close-requested', record('App'), { target: { kind: 'App' } })),
        ];
        await w.run(() => listen('tauri://close-requested', () => {}));
        await w.run(() => listen('tauri://close-requested', () => {}, { target: 'w' }));
        await closeFromMain('w');
        await withDeadline(w.destroyed, 5000, 'w destroyed');
        await settle(main, main);
        assert.deepEqual(got, [['listen()', null]]);
        for (const u of unlisten) await main.run(() => u());
        await w.close();
      });

      const holds = !rules(mode).destroy_purges_listeners;
      it(`a dead page's onCloseRequested ${holds ? 'holds' : 'does not hold (purged)'} the close of a window that reuses its label`, async () => {
        const first = await page(server.url, 'reused');
        await first.run(() => getCurrentWindow().onCloseRequested(() => {}));
        await first.close();
        const second = await page(server.url, 'reused');
        await closeFromMain('reused');
        if (holds) {
          await settle(main, second);
          await settle(main, main);
          assert.deepEqual(await labels(main), ['main', 'reused'], 'the close waits for a handler that no page runs');
          await main.run(async () => (await getAllWindows()).find((w) => w.label === 'reused').destroy());
        }
        await withDeadline(second.destroyed, 5000, 'the reused window destroyed');
        assert.deepEqual(await labels(main), ['main']);
        await second.close();
      });
    });
  }
});
