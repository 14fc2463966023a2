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
import { invoke } from '@tauri-apps/api/core';
import { serve, page, waitFor, rules } from './helpers.mjs';

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

// Tauri checks a page's commands against the capabilities of its origin: the app's own pages
// are local, a page on another site (remote) gets only what a capability whose remote.urls
// cover its URL grants. The fixture grants core:default to local pages and only
// core:window:allow-set-title to https://example.com.
describe('serve --project: pages of a remote origin', () => {
  const remoteApp = path.resolve(here, 'fixtures/remote-app');
  let server;
  before(async () => {
    server = await serve(['--project', remoteApp,
      '--allow-origin', 'https://example.com', '--allow-origin', 'https://other.example']);
  });
  after(async () => { await server?.stop(); });

  // A page for the test's body only, closed however the body ends (its runs awaited first).
  async function withPage(label, options, body) {
    const p = await page(server.url, label, options);
    try {
      await body(p);
    } finally {
      await p.close();
    }
  }

  it('a page on https://example.com gets what the remote capability grants, and is refused the rest', async () => {
    await withPage('site', { from: 'https://example.com', path: '/app/' }, async (site) => {
      assert.deepEqual(await outcome(site, () => getCurrentWindow().setTitle('From the site')), { value: null });
      assert.deepEqual(await outcome(site, () => getCurrentWindow().title()), {
        error: 'window.title not allowed on window "site", webview "site", URL: https://example.com/app/\n\n'
          + 'allowed on: [windows: "*", URL: local]\n\n'
          + 'referenced by: capability: default, permission: allow-title',
      });
      // Tauri 2.12 checks a remote page's app commands too, though the app has no permissions
      // of its own: no capability can grant them, and the app's commands are not a plugin.
      const greet = await outcome(site, () => invoke('greet', { name: 'site' }));
      assert.deepEqual(greet, rules(site.mode).remote_app_commands_checked
        ? { error: 'greet not allowed. Plugin not found' }
        : { error: 'Command greet not found' });
    });
  });

  it('a local page is refused what only the remote capability grants', async () => {
    await withPage('local', {}, async (local) => {
      assert.deepEqual(await outcome(local, () => getCurrentWindow().title()), { value: 'Tauri App' });
      assert.deepEqual(await outcome(local, () => getCurrentWindow().setTitle('x')), {
        error: 'window.set_title not allowed on window "local", webview "local", URL: local\n\n'
          + 'allowed on: [windows: "*", URL: https://example.com]\n\n'
          + 'referenced by: capability: web, permission: allow-set-title',
      });
    });
  });

  it("a page of another site is not covered by example.com's capability", async () => {
    await withPage('other', { from: 'https://other.example' }, async (other) => {
      const got = await outcome(other, () => getCurrentWindow().setTitle('x'));
      assert.match(got.error ?? '', /^window\.set_title not allowed on window "other", webview "other", URL: https:\/\/other\.example\/\n/);
    });
  });

  it('a page is judged by the origin its browser sends, whatever URL it reports', async () => {
    // Its Origin header is https://other.example; it says it is the app's devUrl.
    await withPage('liar', { from: 'https://other.example', pageUrl: 'http://localhost:1420/' }, async (liar) => {
      const got = await outcome(liar, () => getCurrentWindow().title());
      assert.match(got.error ?? '', /^window\.title not allowed on window "liar", webview "liar", URL: https:\/\/other\.example\/\n/);
    });
  });
});
