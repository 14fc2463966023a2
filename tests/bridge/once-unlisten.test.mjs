// once and unlisten as the page itself does them: in `2.0` the page keeps the callback until
// the backend's later unregister message, so deliveries already queued still call it; in
// `2.11`/`2.12` unregisterListener drops it at once (PR #13306).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen, once, emit } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/core';
import { serve, page, settle } from './helpers.mjs';

for (const mode of ['2.11', '2.0', '2.12']) {
  describe(`once and unlisten, --tauri ${mode}`, () => {
    // From the mode's rules as the bridge sends them (`ready`), never from its name: a page whose
    // unlisten drops the callback at once runs a handler once; otherwise once per queued delivery.
    let queuedRuns;
    let server;
    let main;
    let emitter;
    before(async () => {
      server = await serve(['--tauri', mode]);
      // The emitter connects first, so it is the default page: code in main (and main's
      // handlers) act as main only through page.run and the bridge's AsyncLocalStorage.
      emitter = await page(server.url, 'emitter');
      main = await page(server.url, 'main');
      queuedRuns = main.flags.jsUnlistenAtOnce ? 1 : 2;
    });
    after(async () => {
      await main?.close();
      await emitter?.close();
      await server?.stop();
    });

    it(`once, two emits queued at once from another page: the handler runs as the mode's unlisten timing says`, async () => {
      const got = [];
      await main.run(() => once('once-twice', (e) => got.push(e.payload)));
      // Both emits are queued to main before main has run the first delivery.
      await emitter.run(() => Promise.all([emit('once-twice', 1), emit('once-twice', 2)]));
      await settle(emitter, main);
      assert.deepEqual(got, [1, 2].slice(0, queuedRuns));

      // Either way the listener is gone afterwards.
      await emitter.run(() => emit('once-twice', 3));
      await settle(emitter, main);
      assert.deepEqual(got, [1, 2].slice(0, queuedRuns));
    });

    it(`unlisten inside a handler, two emits already queued: the handler runs as the mode's unlisten timing says`, async () => {
      const got = [];
      let unlisten;
      unlisten = await main.run(() => listen('unlisten-inside', (e) => {
        got.push(e.payload);
        void unlisten();
      }));
      await emitter.run(() => Promise.all([emit('unlisten-inside', 'a'), emit('unlisten-inside', 'b')]));
      await settle(emitter, main);
      assert.deepEqual(got, ['a', 'b'].slice(0, queuedRuns));

      await emitter.run(() => emit('unlisten-inside', 'c'));
      await settle(emitter, main);
      assert.deepEqual(got, ['a', 'b'].slice(0, queuedRuns));
    });

    it('unlisten outside a handler: later emits do not reach it', async () => {
      const got = [];
      const unlisten = await main.run(() => listen('unlisten-outside', (e) => got.push(e.payload)));
      await emitter.run(() => emit('unlisten-outside', 1));
      await settle(emitter, main);
      await main.run(() => unlisten());
      await emitter.run(() => emit('unlisten-outside', 2));
      await settle(emitter, main);
      assert.deepEqual(got, [1]);
    });

    it("JS unlisten from another page removes the listener (Tauri's unlisten_js: every webview's table)", async () => {
      const got = [];
      await main.run(() => listen('foreign-unlisten', (e) => got.push(e)));
      await emitter.run(() => emit('foreign-unlisten', 'first'));
      await settle(emitter, main);
      assert.equal(got.length, 1);
      const id = got[0].id;

      // Another event name removes nothing.
      await emitter.run(() => invoke('plugin:event|unlisten', { event: 'other-name', eventId: id }));
      await emitter.run(() => emit('foreign-unlisten', 'second'));
      await settle(emitter, main);
      assert.deepEqual(got.map((e) => e.payload), ['first', 'second']);

      await emitter.run(() => invoke('plugin:event|unlisten', { event: 'foreign-unlisten', eventId: id }));
      await emitter.run(() => emit('foreign-unlisten', 'third'));
      await settle(emitter, main);
      assert.deepEqual(got.map((e) => e.payload), ['first', 'second']);
    });

    it('an unknown id unlistens nothing and is no error', async () => {
      await main.run(() => invoke('plugin:event|unlisten', { event: 'nothing-here', eventId: 999999 }));
    });
  });
}
