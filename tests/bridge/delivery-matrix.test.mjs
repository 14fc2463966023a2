// The delivery matrix of the Tauri events spec, driven through the real @tauri-apps/api: every
// way a page can register a listener (the rows) against every emit another page can make (the
// columns), per mode. Page `main` (L) listens; page `emitter` (M) emits.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen, emit, emitTo } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { getCurrentWebviewWindow } from '@tauri-apps/api/webviewWindow';
import { serve, page, settle, rules } from './helpers.mjs';

const L = 'main';
const M = 'emitter';

// Rows: name, the listener's stored target (its matrix row), and how the page registers it.
const rows = [
  ['listen()', 'Any', (ev, h) => listen(ev, h)],
  ['listen({kind:Any})', 'Any', (ev, h) => listen(ev, h, { target: { kind: 'Any' } })],
  ['listen({kind:App})', 'App', (ev, h) => listen(ev, h, { target: { kind: 'App' } })],
  ['listen({kind:Window,L})', 'Window', (ev, h) => listen(ev, h, { target: { kind: 'Window', label: L } })],
  ['getCurrentWindow().listen', 'Window', (ev, h) => getCurrentWindow().listen(ev, h)],
  ['listen({kind:Webview,L})', 'Webview', (ev, h) => listen(ev, h, { target: { kind: 'Webview', label: L } })],
  ['getCurrentWebview().listen', 'Webview', (ev, h) => getCurrentWebview().listen(ev, h)],
  ['listen({kind:WebviewWindow,L})', 'WebviewWindow',
    (ev, h) => listen(ev, h, { target: { kind: 'WebviewWindow', label: L } })],
  ['getCurrentWebviewWindow().listen', 'WebviewWindow', (ev, h) => getCurrentWebviewWindow().listen(ev, h)],
  ['listen({target:"L"})', 'AnyLabel', (ev, h) => listen(ev, h, { target: L })],
  ['listen({kind:AnyLabel,L})', 'AnyLabel', (ev, h) => listen(ev, h, { target: { kind: 'AnyLabel', label: L } })],
];

// Columns: name, the emit, and the matrix's answer per row target (the mode's rules -> yes?):
// an emit_to a label reaches AnyLabel listeners only where the mode matches them (PR #11581).
const anyLabel = (r) => r.any_label_matching;
const yes = () => true;
const columns = [
  ['emit', (ev, p) => emit(ev, p), { Any: yes, App: yes, Window: yes, Webview: yes, WebviewWindow: yes, AnyLabel: yes }],
  ['emitTo({kind:Any})', (ev, p) => emitTo({ kind: 'Any' }, ev, p),
    { Any: yes, App: yes, Window: yes, Webview: yes, WebviewWindow: yes, AnyLabel: yes }],
  ['emitTo("L")', (ev, p) => emitTo(L, ev, p),
    { Any: yes, Window: yes, Webview: yes, WebviewWindow: yes, AnyLabel: anyLabel }],
  ['emitTo({kind:AnyLabel,L})', (ev, p) => emitTo({ kind: 'AnyLabel', label: L }, ev, p),
    { Any: yes, Window: yes, Webview: yes, WebviewWindow: yes, AnyLabel: anyLabel }],
  ['emitTo({kind:App})', (ev, p) => emitTo({ kind: 'App' }, ev, p), { Any: yes, App: yes }],
  ['emitTo({kind:Window,L})', (ev, p) => emitTo({ kind: 'Window', label: L }, ev, p),
    { Any: yes, Window: yes, AnyLabel: anyLabel }],
  ['emitTo({kind:Webview,L})', (ev, p) => emitTo({ kind: 'Webview', label: L }, ev, p),
    { Any: yes, Webview: yes, AnyLabel: anyLabel }],
  ['emitTo({kind:WebviewWindow,L})', (ev, p) => emitTo({ kind: 'WebviewWindow', label: L }, ev, p),
    { Any: yes, WebviewWindow: yes, AnyLabel: anyLabel }],
  ['emitTo("M")', (ev, p) => emitTo(M, ev, p), { Any: yes }],
  ['emitTo({kind:Window,M})', (ev, p) => emitTo({ kind: 'Window', label: M }, ev, p), { Any: yes }],
  ['emitTo({kind:Webview,M})', (ev, p) => emitTo({ kind: 'Webview', label: M }, ev, p), { Any: yes }],
  ['emitTo({kind:WebviewWindow,M})', (ev, p) => emitTo({ kind: 'WebviewWindow', label: M }, ev, p), { Any: yes }],
  ['emitTo("nobody")', (ev, p) => emitTo('nobody', ev, p), { Any: yes }],
];

for (const mode of ['2.11', '2.0', '2.12']) {
  describe(`delivery matrix, --tauri ${mode}`, () => {
    let server;
    let main;
    let emitter;
    before(async () => {
      server = await serve(['--tauri', mode]);
      // The emitter connects first, so it is the default page: code in main (and main's
      // handlers) act as main only through page.run and the bridge's AsyncLocalStorage.
      emitter = await page(server.url, M);
      main = await page(server.url, L);
      assert.equal(main.mode, mode);
    });
    after(async () => {
      await main?.close();
      await emitter?.close();
      await server?.stop();
    });

    columns.forEach(([column, send, answers], c) => {
      it(`${column} from another page`, async () => {
        const event = `matrix-${c}`;
        const payload = { column, n: c };
        const calls = [];
        const ids = new Map();
        for (const [row, , register] of rows) {
          await main.run(() => register(event, (e) => {
            // Handlers run as their own page, and get Tauri's {event, id, payload}.
            calls.push({ row, label: getCurrentWindow().label, event: e.event, id: e.id, payload: e.payload });
          }));
        }
        await emitter.run(() => send(event, payload));
        await settle(emitter, main);

        const expected = rows.filter(([, target]) => answers[target]?.(rules(mode))).map(([row]) => row).sort();
        assert.deepEqual(calls.map((call) => call.row).sort(), expected);
        for (const call of calls) {
          assert.equal(call.label, L, `${call.row} runs as page ${L}`);
          assert.equal(call.event, event);
          assert.deepEqual(call.payload, payload);
          assert.equal(typeof call.id, 'number');
          assert.ok(!ids.has(call.id), `${call.row}: listener id ${call.id} already seen for ${ids.get(call.id)}`);
          ids.set(call.id, call.row);
        }
      });
    });

    it('emit without a payload delivers null', async () => {
      const got = [];
      await main.run(() => listen('no-payload', (e) => got.push(e.payload)));
      await emitter.run(() => emit('no-payload'));
      await emitter.run(() => emitTo(L, 'no-payload'));
      await settle(emitter, main);
      assert.deepEqual(got, [null, null]);
    });

    it('handlers of one emit in a page share one event object, its id set before each call', async () => {
      const seen = [];
      for (let i = 0; i < 3; i++) {
        await main.run(() => listen('shared-object', (e) => seen.push({ object: e, id: e.id })));
      }
      await emitter.run(() => emit('shared-object', 'x'));
      await settle(emitter, main);
      assert.equal(seen.length, 3);
      assert.ok(seen.every((s) => s.object === seen[0].object), 'one object for the whole emit');
      assert.equal(new Set(seen.map((s) => s.id)).size, 3, 'each handler saw its own listener id');
    });
  });
}
