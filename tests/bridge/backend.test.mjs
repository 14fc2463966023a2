// --backend FILE: a Node module standing in for the app's Rust commands, driven through the
// bridge by the real @tauri-apps/api: a mockIPC handler reused verbatim, ctx's emits routed by
// the bus, Channels in order, throws, a crash and the restart after it, a changed file, the
// commands it passes on, and plugin commands only once a project's capabilities allow them.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { fixture, page, serve, servedPages, settle, waitFor } from './helpers.mjs';

const handlerFile = fixture('backend/mock-ipc-handler.mjs');
const standIn = fixture('backend/stand-in.mjs');

// Invokes as `p` and returns the resolved value, or {rejected: text}.
async function call(p, cmd, args) {
  try {
    return await p.run(() => invoke(cmd, args));
  } catch (error) {
    return { rejected: error };
  }
}

describe('a mockIPC handler, unchanged', () => {
  it('answers the same through mockIPC and through --backend', async () => {
    // First as written for: mockIPC in a process of its own (it replaces the IPC globals).
    const viaMock = execFileSync(process.execPath, ['--input-type=module', '-e', `
      globalThis.window = globalThis;
      const { mockIPC } = await import('@tauri-apps/api/mocks');
      const { invoke } = await import('@tauri-apps/api/core');
      const { default: handler } = await import(${JSON.stringify(handlerFile)});
      mockIPC(handler);
      const out = [await invoke('add', { a: 2, b: 3 }), await invoke('greet', { name: 'Ada' }),
                   await invoke('get_settings')];
      try { await invoke('delete_account') } catch (e) { out.push(String(e.message ?? e)) }
      console.log(JSON.stringify(out));
    `], { encoding: 'utf8' });

    const server = await serve(['--backend', handlerFile]);
    try {
      const main = await page(server.url, 'main');
      const viaEventLab = [
        await call(main, 'add', { a: 2, b: 3 }),
        await call(main, 'greet', { name: 'Ada' }),
        await call(main, 'get_settings'),
        (await call(main, 'delete_account')).rejected,
      ];
      assert.deepEqual(viaEventLab, JSON.parse(viaMock));
      assert.deepEqual(viaEventLab, [5, "Hello, Ada! You've been greeted from Rust!",
        { theme: 'dark', fontSize: 14 }, 'permission denied']);
      await main.close();
    } finally {
      await server.stop();
    }
  });
});

describe('a stand-in with ctx and Channels', () => {
  const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eventlab-backend-')), 'out.jsonl');
  const served = servedPages(['--backend', standIn, '--scenario', fixture('backend/declared.json'),
    '--trace', trace]);
  let server;
  let main;
  let settings;
  before(() => ({ server, main, settings } = served));

  it('ctx.window is the calling window', async () => {
    assert.equal(await call(main, 'whoami'), 'main');
    assert.equal(await call(settings, 'whoami'), 'settings');
  });

  it('ctx.emit and ctx.emitTo go through the bus as the Rust backend emits', async () => {
    const got = { main: [], settings: [] };
    const on = (p, name) => p.run(() => listen(name, (e) => got[p.label].push([name, e.payload])));
    for (const p of [main, settings]) {
      for (const name of ['announced', 'for-settings', 'for-main']) await on(p, name);
    }
    assert.equal(await call(settings, 'announce'), 'announced');
    await settle(settings, main);
    await settle(main, settings);
    // A global listen gets every emit, targeted or not (Tauri's rule); the targets are in the
    // trace.
    assert.deepEqual(got.main, [['announced', { from: 'settings' }], ['for-settings', 'hi settings'], ['for-main', 'hi main']]);
    assert.deepEqual(got.settings, got.main);
    assert.equal(await call(main, 'bad_emit'),
      `only alphanumeric, '-', '/', ':', '_' permitted for event names: "bad name"`);
  });

  it('a Channel argument has send(), and every message arrives in order', async () => {
    const messages = [];
    const onEvent = new Channel();
    onEvent.onmessage = (m) => messages.push(m.chunk);
    assert.equal(await call(main, 'download', { count: 200, onEvent }), 200);
    await waitFor(() => messages.length === 200, 5000, '200 channel messages');
    assert.deepEqual(messages, Array.from({ length: 200 }, (_, i) => i));
  });

  it('a thrown error rejects the invoke with its message', async () => {
    assert.deepEqual(await call(main, 'throw_error'), { rejected: 'boom' });
    assert.deepEqual(await call(main, 'throw_string'), { rejected: 'plain text' });
    assert.deepEqual(await call(main, 'throw_object'), { rejected: '{"code":3}' });
    await waitFor(() => /throw_error threw: Error: boom/.test(server.stderr), 5000, 'the stack on stderr');
  });

  it('undefined passes the command on: the declared commands, then Command NAME not found', async () => {
    assert.equal(await call(main, 'declared_only', { name: 'x' }), 'declared x');
    assert.deepEqual(await call(main, 'nobody'), { rejected: 'Command nobody not found' });
    // Plugin commands reach it too (a project standing in for a plugin).
    assert.deepEqual(await call(main, 'plugin:store|get', { key: 'k' }), { key: 'k', value: 'stored' });
    assert.deepEqual(await call(main, 'plugin:store|set', { key: 'k' }), { rejected: 'plugin store not found' });
  });

  it('a crash rejects the calls it left, is reported, and the next command starts it again', async () => {
    assert.deepEqual(await call(main, 'crash'),
      { rejected: `the backend ${standIn} crashed (exit code 7) before it answered crash` });
    await waitFor(() => /backend .*stand-in\.mjs: crashed \(exit code 7\)/.test(server.stderr), 5000, 'the crash on stderr');
    // The rest kept answering, and the stand-in is back at the next command.
    assert.deepEqual((await call(main, 'plugin:window|get_all_windows')).sort(), ['main', 'settings']);
    assert.equal(await call(main, 'whoami'), 'main');
  });

  it('the trace has the emits as the commands\' and the crash as an error', async () => {
    await server.stop();
    const records = fs.readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const emits = records.filter((r) => r.type === 'emit' && r.event !== undefined && !r.event.startsWith('tauri://') && !r.event.startsWith('eventlab-test-marker'));
    assert.deepEqual(emits.map((r) => [r.event, r.from, r.api]), [
      ['announced', 'invoke:announce', 'emit'],
      ['for-settings', 'invoke:announce', 'emit_to'],
      ['for-main', 'invoke:announce', 'emit_to'],
    ]);
    assert.deepEqual(emits[2].target, { kind: 'Window', label: 'main' });
    assert.ok(records.some((r) => r.type === 'error' && /crashed \(exit code 7\)/.test(r.message ?? r.error ?? '')),
      'the crash is an error record');
  });
});

describe('plugin commands reach it after the permission check of --project', () => {
  // The create-tauri-app fixture: its capability gives `main` core:default and opener:default;
  // its acl-manifests.json knows the opener plugin, not the store.
  const app = fixture('../../data/projects/vanilla-ts');
  const served = servedPages(['--project', app, '--backend', fixture('backend/counting.mjs')], ['main']);

  it('what the capabilities allow reaches the stand-in; what they refuse never does', async () => {
    const { main } = served;
    assert.equal(await call(main, 'plugin:opener|open_url', { url: 'https://tauri.app' }), 'opened https://tauri.app');
    const refused = await call(main, 'plugin:store|get', { key: 'k' });
    assert.match(refused.rejected ?? '', /not allowed\. Plugin not found$/, JSON.stringify(refused));
    // App commands are not checked (an app without an app manifest), as in Tauri.
    assert.equal(await call(main, 'greet', { name: 'Ada' }), 'Hello, Ada!');
    assert.deepEqual(await call(main, 'seen'), ['plugin:opener|open_url', 'greet']);
  });
});

describe('the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventlab-backend-file-'));
  const file = path.join(dir, 'backend.mjs');
  const version = (n) => `export default (cmd) => cmd === 'version' ? ${n} : undefined\n`;

  it('is loaded again when it changes; a load error is reported and the rest keeps answering', async () => {
    fs.writeFileSync(file, version(1));
    const server = await serve(['--backend', file]);
    try {
      const main = await page(server.url, 'main');
      assert.equal(await call(main, 'version'), 1);
      fs.writeFileSync(file, version(2));
      await waitFor(async () => (await call(main, 'version')) === 2, 10000, 'version 2 after the change');

      fs.writeFileSync(file, 'export default (cmd) => {\n');  // a syntax error
      await waitFor(() => /failed to load/.test(server.stderr), 10000, 'the load error on stderr');
      assert.match(server.stderr, /SyntaxError/);
      assert.deepEqual(await call(main, 'version'), { rejected: 'Command version not found' });
      assert.deepEqual(await call(main, 'plugin:window|get_all_windows'), ['main']);

      fs.writeFileSync(file, version(3));
      await waitFor(async () => (await call(main, 'version')) === 3, 10000, 'version 3 once fixed');
      await main.close();
    } finally {
      await server.stop();
    }
  });

  it('without a default function it says what is expected', async () => {
    const bad = path.join(dir, 'no-default.mjs');
    fs.writeFileSync(bad, 'export const handler = () => 1\n');
    const server = await serve(['--backend', bad]);
    try {
      await waitFor(() => /its default export is missing; expected a function \(cmd, args, ctx\)/.test(server.stderr), 10000, 'the load error');
    } finally {
      await server.stop();
    }
  });

  it('without Node the bridge serves everything else and says why', async () => {
    fs.writeFileSync(file, version(1));
    const server = await serve(['--backend', file, '--scenario', fixture('backend/declared.json')],
      { env: { EVENTLAB_NODE: '/nonexistent/node' } });
    try {
      // stderr is a pipe of its own: the line may come after the "listening" one on stdout.
      await waitFor(() => /not started: cannot run \/nonexistent\/node.*needs Node\.js/.test(server.stderr),
        5000, 'the missing Node on stderr');
      const main = await page(server.url, 'main');
      assert.equal(await call(main, 'declared_only', { name: 'y' }), 'declared y');
      await main.close();
    } finally {
      await server.stop();
    }
  });
});
