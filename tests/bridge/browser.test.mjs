// The example frontend (examples/seed-frontend: plain HTML, an import map, the unchanged
// @tauri-apps/api) in real browser tabs: headless Chromium through playwright-core, two tabs as
// the windows `main` and `settings` of one `eventlab serve --static examples/seed-frontend`.
// Everything is asserted through the pages' DOM, as a user would see it.
//
// What the example registers in each tab, for `test-event`: a global `listen()` (the seed
// guide's; target Any) and `getCurrentWindow().listen()` (target Window{label}). Tauri's rule:
// emitTo('settings') / emit_to("settings") reaches settings' listeners and every global
// listen() in any window, so main sees it through its listen() only, never through its window
// listener; with main's listen() switched off, main does not see it at all.
//
// Needs: /usr/bin/chromium (Debian package `chromium`) and `npm ci` in examples/seed-frontend.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium, serve, waitFor } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleDir = path.resolve(here, '../../examples/seed-frontend');
const DEADLINE = 15000; // two shared cores and a browser: generous, but bounded

let unique = 0;
const tag = (what) => `${what} ${process.pid}-${++unique}`;

// The rows of a tab's "Received" table: {event, kind, id, payload}, newest first.
const rows = (page) => page.$$eval('#received tr', (trs) => trs.map((tr) => ({ ...tr.dataset })));
const rowsWith = async (page, data) =>
  (await rows(page)).filter((row) => JSON.parse(row.payload)?.data === data);
const kinds = async (page, data) => (await rowsWith(page, data)).map((row) => row.kind).sort();
const windowList = (page) => page.$$eval('#windows li', (lis) => lis.map((li) => li.dataset.label).sort());

// A click as a user makes it: the tab comes to the front first (Playwright's click waits for
// animation frames, which a background tab gets about once a second).
async function click(page, selector) {
  await page.bringToFront();
  await page.click(selector);
}

async function setData(page, { data, target }) {
  await page.fill('#data', data);
  if (target !== undefined) await page.fill('#target', target);
}

async function setListening(page, kind, on) {
  const selector = `#toggle-${kind}`;
  if ((await page.getAttribute(selector, 'data-on')) !== (on ? '1' : '0')) await click(page, selector);
  await page.waitForSelector(`${selector}[data-on="${on ? '1' : '0'}"]:not([disabled])`, { timeout: DEADLINE });
}

describe('the seed frontend in two Chromium tabs', () => {
  let server;
  let context;
  let browser;
  let main;
  let settings;
  const problems = []; // page errors and console errors, from every tab

  async function open(label) {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${label}: console: ${message.text()}`);
    });
    const query = label === 'main' ? '' : `?eventlab-label=${label}`;
    await page.goto(`${server.url}/${query}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: DEADLINE });
    return page;
  }

  const noProblems = () => assert.deepEqual(problems, [], 'errors in the pages');

  // Deliveries to one page arrive in emit order: once `page` shows a marker emitted after the
  // calls under test (from the same sender, over the same socket), whatever those calls sent
  // it has arrived.
  async function settle(sender, page) {
    const marker = tag('marker');
    await setData(sender, { data: marker });
    await click(sender, '#send-all');
    await waitFor(async () => (await rowsWith(page, marker)).length > 0, DEADLINE, `marker in ${await page.title()}`);
  }

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium`);
    assert.ok(existsSync(path.join(exampleDir, 'node_modules/@tauri-apps/api/event.js')),
      `the example has no @tauri-apps/api: npm ci --prefix ${exampleDir}`);
    server = await serve(['--static', exampleDir]);
    browser = await launchChromium();
    context = browser.context;
    main = await open('main');
    settings = await open('settings');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('each tab is a window: its label from ?eventlab-label=, both in the window list', async () => {
    assert.equal(await main.textContent('#label'), 'main');
    assert.equal(await settings.textContent('#label'), 'settings');
    await waitFor(async () => (await windowList(main)).join() === 'main,settings', DEADLINE, 'main and settings in main\'s window list');
    await waitFor(async () => (await windowList(settings)).join() === 'main,settings', DEADLINE, 'main and settings in settings\' window list');
    noProblems();
  });

  it("main's emitTo('settings') reaches settings' listeners, and main only through its global listen()", async () => {
    const data = tag('emitTo');
    await setData(main, { data, target: 'settings' });
    await click(main, '#emit-to');
    await waitFor(async () => (await kinds(settings, data)).join() === 'global,window', DEADLINE,
      'the emitTo in both of settings\' listeners');
    await settle(main, main);
    assert.deepEqual(await kinds(main, data), ['global'], "main: its listen() only, not getCurrentWindow().listen()");
    const [row] = await rowsWith(main, data);
    assert.equal(row.event, 'test-event');
    assert.match(row.id, /^\d+$/);
    // Listener ids are per listener: settings' two rows carry two different ids.
    const ids = (await rowsWith(settings, data)).map((r) => r.id);
    assert.equal(new Set(ids).size, 2, `settings' listener ids ${ids}`);
    assert.equal(await main.textContent('#error'), '');
    noProblems();
  });

  it("with main's global listen() unlistened (the button), emitTo('settings') shows up in settings and not in main", async () => {
    await setListening(main, 'global', false);
    try {
      const data = tag('emitTo after unlisten');
      await setData(main, { data, target: 'settings' });
      await click(main, '#emit-to');
      await waitFor(async () => (await kinds(settings, data)).join() === 'global,window', DEADLINE,
        'the emitTo in both of settings\' listeners');
      await settle(main, main); // the marker comes in through main's window listener
      assert.deepEqual(await rowsWith(main, data), [], 'main received the emitTo aimed at settings');
    } finally {
      await setListening(main, 'global', true);
    }
    noProblems();
  });

  it('invoke send_to_specific_window {windowLabel, data}: emit_to from the backend, same rule', async () => {
    const data = tag('specific');
    await setData(main, { data, target: 'settings' });
    await click(main, '#send-specific');
    await waitFor(async () => (await kinds(settings, data)).join() === 'global,window', DEADLINE,
      'send_to_specific_window in both of settings\' listeners');
    await settle(main, main);
    assert.deepEqual(await kinds(main, data), ['global']);
    assert.equal(await main.textContent('#error'), '');

    // And the other way round, from the settings tab to main.
    const back = tag('specific back');
    await setData(settings, { data: back, target: 'main' });
    await click(settings, '#send-specific');
    await waitFor(async () => (await kinds(main, back)).join() === 'global,window', DEADLINE,
      'send_to_specific_window from settings in both of main\'s listeners');
    await settle(settings, settings);
    assert.deepEqual(await kinds(settings, back), ['global']);
    noProblems();
  });

  it('invoke send_test_event_from_backend {data}: every listener of both tabs', async () => {
    const data = tag('all');
    await setData(settings, { data });
    await click(settings, '#send-all');
    await waitFor(async () => (await kinds(main, data)).join() === 'global,window', DEADLINE, 'the emit in main');
    await waitFor(async () => (await kinds(settings, data)).join() === 'global,window', DEADLINE, 'the emit in settings');
    noProblems();
  });

  it('send_to_specific_window to a label no window has is no error; only global listen()s get it', async () => {
    const data = tag('nobody');
    await setData(main, { data, target: 'nobody' });
    await click(main, '#send-specific');
    await waitFor(async () => (await kinds(settings, data)).join() === 'global', DEADLINE, 'the emit in settings\' listen()');
    await settle(main, main);
    assert.equal(await main.textContent('#error'), '');
    assert.deepEqual(await kinds(main, data), ['global']);
    assert.deepEqual(await kinds(settings, data), ['global']);
    noProblems();
  });

  it("closing the settings tab destroys its window: main's window list drops it", async () => {
    await settings.close();
    // The list follows tauri://destroyed (a global listen in main); the refresh button asks
    // getAllWindows() again. Either way `settings` must go, within the deadline.
    await waitFor(async () => (await windowList(main)).join() === 'main', DEADLINE, 'settings gone from main\'s window list');
    await click(main, '#refresh-windows');
    await waitFor(async () => (await main.$$eval('#windows li', (lis) => lis.length)) === 1 &&
      (await windowList(main)).join() === 'main', DEADLINE, 'main alone after a refresh');
    // emitTo('settings') now reaches nobody there; main's global listen() still gets it.
    const data = tag('after close');
    await setData(main, { data, target: 'settings' });
    await click(main, '#emit-to');
    await settle(main, main);
    assert.deepEqual(await kinds(main, data), ['global']);
    noProblems();
  });
});
