// `eventlab serve --project`: the fixture apps of tests/data/projects, as create-tauri-app
// writes them, driven by the real @tauri-apps/api. Their capability grants `core:default` to
// `main`: what it grants runs, what it does not is refused with Tauri's text, and the window
// the config declares is the one the page gets.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { getName, getIdentifier } from '@tauri-apps/api/app';
import { serve, page, waitFor } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = (name) => path.resolve(here, '../data/projects', name);

// What a call gives the page: its value, or the text its promise rejects with.
async function outcome(p, fn) {
  return p.run(async () => {
    try {
      return { value: await fn() };
    } catch (error) {
      return { error: String(error) };
    }
  });
}

describe('serve --project with the vanilla-ts template', () => {
  let server;
  let main;
  before(async () => {
    server = await serve(['--project', project('vanilla-ts')]);
    main = await page(server.url, 'main');
  });
  after(async () => {
    await main?.close();
    await server?.stop();
  });

  it('the page labelled main is the configured window, with its title and the app info', async () => {
    assert.deepEqual(await outcome(main, () => getCurrentWindow().title()), { value: 'tauri-app' });
    assert.deepEqual(await outcome(main, () => getName()), { value: 'tauri-app' });
    assert.deepEqual(await outcome(main, () => getIdentifier()), { value: 'com.eventlab.tauri-app' });
    assert.equal(main.withGlobalTauri, false);
    await waitFor(() => server.stderr.includes('eventlab: project tauri-app: permissions of Tauri'),
      5000, 'the permissions note on stderr');
  });

  it('a command core:default does not grant is refused with Tauri\'s text, and nothing runs', async () => {
    assert.deepEqual(await outcome(main, () => getCurrentWindow().setTitle('Renamed')), {
      error: 'window.set_title not allowed. Permissions associated with this command: '
        + 'core:window:allow-set-title',
    });
    assert.deepEqual(await outcome(main, () => getCurrentWindow().destroy()), {
      error: 'window.destroy not allowed. Permissions associated with this command: '
        + 'core:window:allow-destroy',
    });
    assert.deepEqual(await outcome(main, () => getCurrentWindow().title()), { value: 'tauri-app' });
  });

  it('a window the capability does not name is refused what main is allowed', async () => {
    const other = await page(server.url, 'other');
    try {
      const got = await outcome(other, () => getCurrentWindow().title());
      assert.match(got.error ?? '', /^window\.title not allowed on window "other", webview "other", URL: local/);
    } finally {
      await other.close();
    }
  });
});

describe('serve --project with the vanilla template (withGlobalTauri)', () => {
  let server;
  before(async () => { server = await serve(['--project', project('vanilla')]); });
  after(async () => { await server?.stop(); });

  it('pages are told to have window.__TAURI__', async () => {
    const main = await page(server.url, 'main');
    try {
      assert.equal(main.withGlobalTauri, true);
      assert.deepEqual(await outcome(main, () => getCurrentWindow().isMaximized()), { value: false });
    } finally {
      await main.close();
    }
  });
});

describe('serve without --project', () => {
  let server;
  before(async () => { server = await serve(); });
  after(async () => { await server?.stop(); });

  it('allows every command, and says so', async () => {
    const main = await page(server.url, 'main');
    try {
      assert.deepEqual(await outcome(main, () => getCurrentWindow().setTitle('Renamed')), { value: null });
      await waitFor(() => server.stderr.includes('eventlab: no project: every command allowed'),
        5000, 'the permissions note on stderr');
    } finally {
      await main.close();
    }
  });
});
