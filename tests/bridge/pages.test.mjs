// Pages in headless Chromium (playwright-core), where a browser is what matters: the window
// label of one index.html opened in two tabs, and window.__TAURI__ for a plain-JS page.
//
// Needs: /usr/bin/chromium (Debian package `chromium`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, fixture } from './helpers.mjs';

const chromiumPath = process.env.EVENTLAB_CHROMIUM || '/usr/bin/chromium';
const DEADLINE = 15000; // two shared cores and a browser: generous, but bounded
const pages = fixture('pages');

// One browser per server; every page error and console error is a failure.
async function browse(serveArgs, body) {
  assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium`);
  const server = await serve(['--static', pages, ...serveArgs]);
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'eventlab-chromium-'));
  let context;
  const problems = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      timeout: 30000,
    });
    const open = async (url) => {
      const tab = await context.newPage();
      tab.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
      tab.on('console', (m) => { if (m.type() === 'error') problems.push(`${url}: console: ${m.text()}`); });
      await tab.goto(`${server.url}/${url}`);
      return tab;
    };
    await body(open, server);
    assert.deepEqual(problems, [], 'errors in the pages');
  } finally {
    await context?.close();
    await rm(userDataDir, { recursive: true, force: true });
    await server.stop();
  }
}

const text = (tab, selector) => tab.waitForFunction(
  (s) => document.querySelector(s).textContent, selector, { timeout: DEADLINE })
  .then((handle) => handle.jsonValue());

describe('pages in Chromium', () => {
  it('?eventlab-label= wins over data-label, which wins over main: one index.html, two windows', async () => {
    await browse([], async (open) => {
      const main = await open('labels.html');
      const settings = await open('labels.html?eventlab-label=settings');
      assert.equal(await text(main, '#label'), 'main');
      assert.equal(await text(settings, '#label'), 'settings');
      // Both are windows of the session.
      const windows = await main.evaluate(() => window.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows'));
      assert.deepEqual(windows.sort(), ['main', 'settings']);
    });
  });

  it('with --with-global-tauri a plain-JS page has window.__TAURI__ with the api\'s modules', async () => {
    await browse(['--with-global-tauri'], async (open) => {
      const tab = await open('plain.html');
      assert.equal(await text(tab, '#modules'),
        'app,core,dpi,event,image,menu,mocks,path,tray,webview,webviewWindow,window');
      assert.equal(await text(tab, '#name'), 'eventlab-app main');
      assert.equal(await text(tab, '#received'), 'from the plain page');
      assert.equal(await tab.textContent('#error'), '');
      // convertFileSrc on Linux, and the path plugin's separators.
      assert.deepEqual(await tab.evaluate(() => [
        window.__TAURI__.core.convertFileSrc('/a b'), window.__TAURI__.path.sep(), window.__TAURI__.path.delimiter()]),
      ['asset://localhost/%2Fa%20b', '/', ':']);
    });
  });

  it('without it there is no window.__TAURI__, as in an app without withGlobalTauri', async () => {
    await browse([], async (open) => {
      const tab = await open('labels.html');
      await text(tab, '#label');
      assert.equal(await tab.evaluate(() => typeof window.__TAURI__), 'undefined');
    });
  });
});
