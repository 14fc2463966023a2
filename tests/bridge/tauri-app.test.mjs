// examples/tauri-app (create-tauri-app's vanilla-ts app, backend.mjs standing in for its Rust) in
// headless Chromium, through Vite with the app's own vite.config.ts: the eventlab-tauri plugin
// puts the bridge's script in the page, pointed (EVENTLAB_URL) at an `eventlab serve` with the
// app's project and backend. Two tabs, every feature of the page, through its DOM; any uncaught
// error or console error fails the test.
//
// Needs: /usr/bin/chromium and `npm ci` in packages/eventlab-tauri and examples/tauri-app.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumPath, launchChromium, serve, waitFor } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.resolve(here, '../../examples/tauri-app');
const DEADLINE = 15000;

const text = (page, selector) => page.textContent(selector);

describe('examples/tauri-app in two Chromium tabs through Vite', () => {
  let server;
  let vite;
  let viteUrl;
  let context;
  let browser;
  let main;
  let settings;
  const trace = path.join(os.tmpdir(), `eventlab-tauri-app-${process.pid}.jsonl`);
  const problems = [];

  async function open(label) {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${label}: console: ${message.text()}`);
    });
    await page.goto(label === 'main' ? viteUrl : `${viteUrl}?eventlab-label=${label}`);
    await waitFor(async () => (await text(page, '#window-label')) === label, DEADLINE, `${label}'s label on its page`);
    return page;
  }

  async function click(page, selector) {
    await page.bringToFront();
    await page.click(selector);
  }

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium`);
    assert.ok(existsSync(path.join(appDir, 'node_modules/vite')), `npm ci --prefix ${appDir}`);
    server = await serve(['--project', appDir, '--backend', path.join(appDir, 'backend.mjs'), '--trace', trace]);
    // The app's Vite, with its own config; the plugin reads EVENTLAB_URL when the config loads.
    const { createServer } = await import(pathToFileURL(createRequire(path.join(appDir, 'package.json')).resolve('vite')));
    process.env.EVENTLAB_URL = server.url;
    try {
      vite = await createServer({ root: appDir, logLevel: 'error', server: { port: 0, strictPort: false, host: '127.0.0.1' } });
      await vite.listen();
    } finally {
      delete process.env.EVENTLAB_URL;
    }
    viteUrl = `http://127.0.0.1:${vite.httpServer.address().port}/`;
    browser = await launchChromium();
    context = browser.context;
    main = await open('main');
    settings = await open('settings');
  });

  after(async () => {
    await browser?.close();
    await vite?.close();
    await server?.stop();
    await rm(trace, { force: true });
  });

  it('the page gets the bridge script first, from the plugin', async () => {
    const html = await (await fetch(viteUrl)).text();
    const head = html.slice(html.indexOf('<head>') + 6).trimStart();
    assert.ok(head.startsWith(`<script src="${server.url}/eventlab-tauri.js"></script>`), head.slice(0, 200));
  });

  it('greet: the stand-in answers as lib.rs does, and its emit reaches both tabs\' views', async () => {
    await main.fill('#greet-input', 'Ada');
    await click(main, '#greet-form button');
    await waitFor(async () => (await text(main, '#greet-msg')) === "Hello, Ada! You've been greeted from Rust!", DEADLINE, 'the greeting');
    for (const page of [main, settings]) {
      await waitFor(async () => (await page.$$eval('#greetings li', (lis) => lis.map((li) => li.textContent))).join() === 'Ada',
        DEADLINE, 'Ada in the Greetings view');
    }
  });

  it('download: the Channel\'s messages move the bar to the end', async () => {
    await click(settings, '#download');
    await waitFor(async () => (await text(settings, '#download-status')) === 'done', DEADLINE, 'the download to finish');
    assert.equal(await settings.$eval('#download-progress', (p) => p.value), 100);
  });

  it('the leaky view keeps counting after it is gone; the clean one stops', async () => {
    // Greetings (shown at load) → Leaky → Greetings → Leaky: the leaky view's second visit.
    for (const view of ['leaky', 'greetings', 'leaky']) await click(main, `nav button[data-view="${view}"]`);
    await waitFor(async () => (await text(main, '#view h3')) === 'Leaky counter', DEADLINE, 'the leaky view');
    await main.fill('#greet-input', 'Grace');
    await click(main, '#greet-form button');
    await waitFor(async () => (await text(main, '#leaky-count')) === '1', DEADLINE, 'the greeting in the leaky counter');
    // Settings' Greetings view (never switched) heard both greetings once each.
    await waitFor(async () => (await settings.$$eval('#greetings li', (lis) => lis.map((li) => li.textContent))).join() === 'Ada,Grace',
      DEADLINE, 'both names in settings');
  });

  it('rename: the capabilities refuse set_title, with Tauri\'s text', async () => {
    await click(main, '#rename');
    await waitFor(async () => (await text(main, '#rename-result')) !== '', DEADLINE, 'the rename result');
    assert.equal(await text(main, '#rename-result'),
      'window.set_title not allowed. Permissions associated with this command: core:window:allow-set-title');
  });

  it('no uncaught error, no console error in either tab', () => {
    assert.deepEqual(problems, []);
  });

  it('the trace shows the leak: of main\'s four greeted listeners, the two of the leaky view stay', async () => {
    await browser.close();
    browser = null;
    await server.stop();
    const records = readFileSync(trace, 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line));
    const listeners = records
      .filter((r) => r.type === 'listen' && r.event === 'greeted' && r.in === 'main')
      .map((r) => r.listener);
    const removed = new Set(records.filter((r) => r.type === 'unlisten' && r.reason === 'unlisten').map((r) => r.listener));
    // Greetings at load, Leaky, Greetings, Leaky: the Greetings view removed its two.
    assert.equal(listeners.length, 4);
    assert.deepEqual(listeners.map((id) => removed.has(id)), [true, false, true, false]);
    // The stand-in's emits are the command's, in the trace as in the log.
    const greeted = records.filter((r) => r.type === 'emit' && r.event === 'greeted');
    assert.deepEqual(greeted.map((r) => [r.from, r.payload]), [['invoke:greet', 'Ada'], ['invoke:greet', 'Grace']]);
  });
});
