// Remakes docs/screenshots/bridge-two-tabs.png: this example in two headless Chromium tabs
// (main and settings) driving the inspector's bridge (`eventlab --serve`), the two tabs side by
// side above the inspector's own screenshot of the same session.
//
//   node examples/seed-frontend/screenshot.mjs [OUT.png] [--frames N]
//
// Needs: /usr/bin/chromium, xvfb-run, a built build/src/app/eventlab
// (or EVENTLAB_BINARY), `npm ci` here (@tauri-apps/api) and in tests/bridge (playwright-core).
// Intermediate files go to a temporary folder under /tmp, removed at the end.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
// playwright-core is pinned once, in the bridge tests' package.
const { chromium } = createRequire(path.join(repo, 'tests/bridge/package.json'))('playwright-core');

const args = process.argv.slice(2);
const framesAt = args.indexOf('--frames');
const frames = framesAt >= 0 ? Number(args.splice(framesAt, 2)[1]) : 300;
const out = path.resolve(args[0] || path.join(repo, 'docs/screenshots/bridge-two-tabs.png'));
const binary = process.env.EVENTLAB_BINARY || path.join(repo, 'build/src/app/eventlab');
const chromiumPath = process.env.EVENTLAB_CHROMIUM || '/usr/bin/chromium';
const TAB = { width: 700, height: 700 };
const GAP = 12;

for (const [file, hint] of [[binary, 'build EventLab first (scripts/dev gui)'],
  [chromiumPath, 'apt-get install -y chromium'],
  [path.join(here, 'node_modules/@tauri-apps/api/event.js'), `npm ci --prefix ${here}`]]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'eventlab-shot-'));
const shot = (name) => path.join(work, `${name}.png`);

// The browser first: its start is the slow part, and the inspector's frames are counted.
const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
  executablePath: chromiumPath,
  headless: true,
  viewport: TAB,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// The inspector with the bridge inside, on a session whose only windows are the tabs. It
// renders `frames` frames (60 per second while serving), writes its screenshot and exits.
const gui = spawn('xvfb-run', ['-a', '-s', '-screen 0 1600x1000x24', binary,
  '--serve', '0', '--static', here, '--scenario', path.join(here, 'bridge-session.json'),
  '--screenshot', shot('inspector'), '--frames', String(frames)],
{ stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const guiExit = new Promise((resolve) => gui.on('exit', (code, signal) => resolve({ code, signal })));
const started = Date.now();

try {
  const origin = await new Promise((resolve, reject) => {
    let text = '';
    gui.stdout.setEncoding('utf8');
    gui.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /eventlab: bridge listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]);
    });
    guiExit.then(({ code }) => reject(new Error(`the inspector exited (${code}) before serving:\n${text}`)));
    setTimeout(() => reject(new Error('the inspector did not start its bridge within 30 s')), 30000).unref();
  });

  let tabsTaken = false; // after that the inspector quits and the pages lose their bridge
  const open = async (label) => {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`${label}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !tabsTaken) console.error(`${label}: console: ${message.text()}`);
    });
    await page.goto(`${origin}/${label === 'main' ? '' : `?eventlab-label=${label}`}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
    return page;
  };
  const act = async (page, { data, target, button }) => {
    await page.bringToFront();
    await page.fill('#data', data);
    if (target) await page.fill('#target', target);
    await page.click(button);
  };
  const rowsReach = (page, n) =>
    page.waitForFunction((count) => document.querySelectorAll('#received tr').length >= count, n, { timeout: 15000 });

  const main = await open('main');
  const settings = await open('settings');
  await act(main, { data: 'to everyone', button: '#send-all' });
  await rowsReach(main, 2);
  await rowsReach(settings, 2);
  await act(settings, { data: 'hello main', target: 'main', button: '#send-specific' });
  await rowsReach(main, 4);
  await rowsReach(settings, 3); // settings' global listen() gets emit_to("main") too
  // Last, so the inspector's route view shows it: emitTo('settings') reaches settings' two
  // listeners and main's global listen().
  await act(main, { data: 'only for settings', target: 'settings', button: '#emit-to' });
  await rowsReach(settings, 5);
  await rowsReach(main, 5);

  const pagesDone = (Date.now() - started) / 1000;
  for (const [label, page] of [['main', main], ['settings', settings]]) {
    await page.bringToFront();
    await page.screenshot({ path: shot(label) });
  }

  tabsTaken = true;
  const { code, signal } = await guiExit;
  if (code !== 0 || !existsSync(shot('inspector'))) {
    throw new Error(`the inspector exited with ${code ?? signal} and no screenshot`);
  }
  console.log(`pages done after ${pagesDone.toFixed(1)} s; the inspector's ${frames} frames after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Composed by the same browser (no ImageMagick needed): the tabs side by side, the
  // inspector below.
  const png = async (name) => `data:image/png;base64,${(await readFile(shot(name))).toString('base64')}`;
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1600, height: 1000 + TAB.height + 3 * GAP });
  await sheet.setContent(`<body style="margin:0;background:#2b303b;display:flex;flex-direction:column;
      align-items:center;gap:${GAP}px;padding-top:${GAP}px">
    <div style="display:flex;gap:${GAP}px"><img src="${await png('main')}"><img src="${await png('settings')}"></div>
    <img src="${await png('inspector')}"></body>`);
  await sheet.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  await sheet.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} catch (error) {
  if (gui.exitCode === null && gui.signalCode === null) process.kill(-gui.pid, 'SIGTERM');
  else console.error(`screenshot.mjs: the inspector had quit, its ${frames} frames done: try --frames ${frames * 2}`);
  throw error;
} finally {
  await context.close();
  await rm(work, { recursive: true, force: true });
}
