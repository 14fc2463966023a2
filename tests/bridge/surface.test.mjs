// The rest of Tauri's core surface through the real @tauri-apps/api: the window getters with
// their shapes, a setter and the event it makes, the webview, app and path plugins, a Channel
// argument, close/destroy of the caller's own window. Expected values are Tauri's (its defaults:
// an 800×600 window centred on EventLab's 1920×1080 monitor, the light theme).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { invoke, Channel, convertFileSrc } from '@tauri-apps/api/core';
import { getCurrentWindow, Window, currentMonitor, primaryMonitor, availableMonitors,
  monitorFromPoint, cursorPosition, LogicalSize, PhysicalSize, PhysicalPosition } from '@tauri-apps/api/window';
import { getAllWebviews, getCurrentWebview } from '@tauri-apps/api/webview';
import { getName, getVersion, getTauriVersion, getIdentifier } from '@tauri-apps/api/app';
import * as path from '@tauri-apps/api/path';
import { serve, servedPages, page, settle, waitFor, fixture, withDeadline } from './helpers.mjs';

describe('the window, webview, app and path plugins', () => {
  const served = servedPages(['--scenario', fixture('channel.json')]);

  it('every getter of getCurrentWindow() answers with Tauri\'s shape', async () => {
    const got = await served.main.run(async () => {
      const w = getCurrentWindow();
      return {
        scaleFactor: await w.scaleFactor(),
        innerSize: await w.innerSize(),
        outerSize: await w.outerSize(),
        innerPosition: await w.innerPosition(),
        outerPosition: await w.outerPosition(),
        title: await w.title(),
        theme: await w.theme(),
        flags: {
          isFullscreen: await w.isFullscreen(), isMinimized: await w.isMinimized(),
          isMaximized: await w.isMaximized(), isFocused: await w.isFocused(),
          isDecorated: await w.isDecorated(), isResizable: await w.isResizable(),
          isMaximizable: await w.isMaximizable(), isMinimizable: await w.isMinimizable(),
          isClosable: await w.isClosable(), isVisible: await w.isVisible(),
          isAlwaysOnTop: await w.isAlwaysOnTop(), isEnabled: await w.isEnabled(),
        },
      };
    });
    assert.equal(got.scaleFactor, 1);
    assert.ok(got.innerSize instanceof PhysicalSize);
    assert.deepEqual({ ...got.innerSize }, { type: 'Physical', width: 800, height: 600 });
    assert.deepEqual({ ...got.outerSize }, { type: 'Physical', width: 800, height: 600 });
    assert.ok(got.innerPosition instanceof PhysicalPosition);
    assert.deepEqual({ ...got.innerPosition }, { type: 'Physical', x: 560, y: 220 });
    assert.deepEqual({ ...got.outerPosition }, { type: 'Physical', x: 560, y: 220 });
    assert.equal(got.title, 'Tauri App');
    assert.equal(got.theme, 'light');
    assert.deepEqual(got.flags, {
      isFullscreen: false, isMinimized: false, isMaximized: false,
      isFocused: false, // settings connected after main and took the focus
      isDecorated: true, isResizable: true, isMaximizable: true, isMinimizable: true,
      isClosable: true, isVisible: true, isAlwaysOnTop: false, isEnabled: true,
    });
    assert.equal(await served.settings.run(() => getCurrentWindow().isFocused()), true);
  });

  it('the monitor functions describe EventLab\'s one simulated monitor', async () => {
    const [current, primary, all, far, inside, cursor] = await served.main.run(() => Promise.all([
      currentMonitor(), primaryMonitor(), availableMonitors(), monitorFromPoint(5000, 5000),
      monitorFromPoint(10, 10), cursorPosition()]));
    assert.equal(current.name, 'EventLab Virtual Monitor');
    assert.equal(current.scaleFactor, 1);
    assert.deepEqual({ ...current.size }, { type: 'Physical', width: 1920, height: 1080 });
    assert.deepEqual({ ...current.position }, { type: 'Physical', x: 0, y: 0 });
    assert.deepEqual({ ...current.workArea.size }, { type: 'Physical', width: 1920, height: 1040 });
    assert.deepEqual(primary, current);
    assert.deepEqual(all, [current]);
    assert.equal(far, null);
    assert.deepEqual(inside, current);
    assert.deepEqual({ ...cursor }, { type: 'Physical', x: 0, y: 0 });
  });

  it('setSize resizes the window and its onResized handler gets the new physical size', async () => {
    const sizes = [];
    const unlisten = await served.main.run(() => getCurrentWindow().onResized(({ payload }) => sizes.push(payload)));
    await served.main.run(() => getCurrentWindow().setSize(new LogicalSize(1024, 700)));
    await waitFor(() => sizes.length === 1, 5000, 'tauri://resize in main');
    assert.ok(sizes[0] instanceof PhysicalSize);
    assert.deepEqual({ ...sizes[0] }, { type: 'Physical', width: 1024, height: 700 });
    assert.deepEqual({ ...(await served.main.run(() => getCurrentWindow().innerSize())) },
      { type: 'Physical', width: 1024, height: 700 });
    // settings' window was not resized, and its listeners of its own window hear nothing.
    assert.deepEqual({ ...(await served.settings.run(() => getCurrentWindow().innerSize())) },
      { type: 'Physical', width: 800, height: 600 });
    await served.main.run(() => unlisten());
  });

  it('setFocus moves the focus: the old window hears blur, the new one focus', async () => {
    const seen = [];
    const offMain = await served.main.run(() => getCurrentWindow().onFocusChanged(({ payload }) => seen.push(`main ${payload}`)));
    const offSettings = await served.settings.run(() => getCurrentWindow().onFocusChanged(({ payload }) => seen.push(`settings ${payload}`)));
    await served.main.run(() => getCurrentWindow().setFocus());
    await waitFor(() => seen.length === 2, 5000, 'focus and blur');
    assert.deepEqual(seen.sort(), ['main true', 'settings false']);
    assert.equal(await served.main.run(() => getCurrentWindow().isFocused()), true);
    assert.equal(await served.settings.run(() => getCurrentWindow().isFocused()), false);
    await served.main.run(() => offMain());
    await served.settings.run(() => offSettings());
  });

  it('setTheme, setTitle, maximize: the state follows and onThemeChanged hears it', async () => {
    const themes = [];
    const off = await served.settings.run(() => getCurrentWindow().onThemeChanged(({ payload }) => themes.push(payload)));
    await served.settings.run(async () => {
      const w = getCurrentWindow();
      await w.setTheme('dark');
      await w.setTitle('Settings');
      await w.maximize();
    });
    await waitFor(() => themes.length === 1, 5000, 'tauri://theme-changed');
    assert.deepEqual(themes, ['dark']);
    // Read from the other page: the state is the window's, not the page's.
    const other = await served.main.run(async () => {
      const w = await Window.getByLabel('settings');
      return { title: await w.title(), theme: await w.theme(), max: await w.isMaximized(), size: await w.innerSize() };
    });
    assert.deepEqual({ ...other, size: { ...other.size } },
      { title: 'Settings', theme: 'dark', max: true, size: { type: 'Physical', width: 1920, height: 1040 } });
    await served.settings.run(async () => { await getCurrentWindow().unmaximize(); await off(); });
  });

  it('an unknown label is Tauri\'s `window not found`', async () => {
    assert.equal(await served.main.run(() => Window.getByLabel('nobody')), null);
    for (const command of ['title', 'close', 'destroy', 'set_focus']) {
      await assert.rejects(served.main.run(() => invoke(`plugin:window|${command}`, { label: 'nobody' })),
        (e) => (assert.equal(e, 'window not found'), true));
    }
  });

  it('new WebviewWindow(label, options) opens a window with those options', async () => {
    const { WebviewWindow } = await import('@tauri-apps/api/webviewWindow');
    const created = await served.main.run(() => new Promise((resolve, reject) => {
      const w = new WebviewWindow('popup', { title: 'Popup', width: 320, height: 240, x: 10, y: 20 });
      w.once('tauri://created', () => resolve(w)).catch(reject);
      w.once('tauri://error', (e) => reject(e.payload)).catch(reject);
    }));
    const got = await served.main.run(async () => ({ title: await created.title(), size: { ...(await created.innerSize()) },
      position: { ...(await created.outerPosition()) } }));
    assert.deepEqual(got, { title: 'Popup', size: { type: 'Physical', width: 320, height: 240 },
      position: { type: 'Physical', x: 10, y: 20 } });
    await served.main.run(() => created.destroy());
    assert.deepEqual(await served.main.run(() => invoke('plugin:window|get_all_windows')), ['main', 'settings']);
  });

  it('the webview: its size and position, and get_all_webviews with Tauri\'s snake_case keys', async () => {
    const raw = await served.main.run(() => invoke('plugin:webview|get_all_webviews'));
    assert.deepEqual(raw, [{ window_label: 'main', label: 'main' }, { window_label: 'settings', label: 'settings' }]);
    // So the api's getAllWebviews(), which reads `windowLabel`, gets webviews without a window
    // label, as it does under Tauri.
    const webviews = await served.main.run(() => getAllWebviews());
    assert.deepEqual(webviews.map((w) => [w.label, w.window.label]), [['main', undefined], ['settings', undefined]]);
    const [position, size] = await served.main.run(() => Promise.all([getCurrentWebview().position(), getCurrentWebview().size()]));
    assert.deepEqual({ ...position }, { type: 'Physical', x: 0, y: 0 });
    assert.deepEqual({ ...size }, { type: 'Physical', width: 1024, height: 700 });
  });

  it('app: name, version, Tauri version and identifier (EventLab\'s defaults without a project)', async () => {
    const got = await served.main.run(() => Promise.all([getName(), getVersion(), getTauriVersion(), getIdentifier()]));
    assert.deepEqual(got, ['eventlab-app', '0.1.0', '2.12.7', 'com.eventlab.app']);
  });

  it('path: base directories in the app\'s sandbox, Rust\'s path rules, sep and delimiter', async () => {
    const got = await served.main.run(async () => ({
      appData: await path.appDataDir(),
      home: await path.homeDir(),
      resource: await path.resolveResource('icons/a.png'),
      joined: await path.join('a', '/b', '..', 'c'),
      normalized: await path.normalize('/x/./y/../z/'),
      resolved: await path.resolve('/tmp', 'a', '../b'),
      dirname: await path.dirname('/a/b/c.txt'),
      extname: await path.extname('/a/b/c.tar.gz'),
      basename: await path.basename('/a/b/c.txt', '.txt'),
      absolute: await path.isAbsolute('/a'),
      sep: path.sep(),
      delimiter: path.delimiter(),
    }));
    assert.match(got.appData, /\/eventlab\/sandbox\/com\.eventlab\.app\/home\/\.local\/share\/com\.eventlab\.app$/);
    assert.equal(got.appData, `${got.home}/.local/share/com.eventlab.app`);
    assert.ok(got.resource.endsWith('/com.eventlab.app/resources/icons/a.png'), got.resource);
    assert.equal(got.joined, 'a/c');
    assert.equal(got.normalized, '/x/z/');
    assert.equal(got.resolved, '/tmp/b');
    assert.equal(got.dirname, '/a/b');
    assert.equal(got.extname, 'gz');
    assert.equal(got.basename, 'c');
    assert.equal(got.absolute, true);
    assert.equal(got.sep, '/');
    assert.equal(got.delimiter, ':');
    await assert.rejects(served.main.run(() => path.extname('/a/README')),
      (e) => (assert.equal(e, 'path does not have an extension'), true));
  });

  it('a Channel argument: the command\'s messages reach onmessage in order, then the channel closes', async () => {
    const messages = [];
    const { value, id } = await served.main.run(async () => {
      const channel = new Channel((message) => messages.push(message));
      const value = await invoke('download', { url: 'https://example.com/x', onEvent: channel });
      return { value, id: channel.id };
    });
    assert.equal(value, 'done');
    await waitFor(() => messages.length === 3, 5000, 'three channel messages');
    assert.deepEqual(messages, [
      { event: 'started', url: 'https://example.com/x' },
      { event: 'progress', percent: 50 },
      { event: 'finished' },
    ]);
    // The end message ({end, index}) made the api drop its callback.
    await waitFor(() => served.main.run(() => !window.__TAURI_INTERNALS__.callbacks.has(id)), 5000, 'the channel callback gone');
    // A string that is no channel: Tauri's text.
    await assert.rejects(served.main.run(() => invoke('download', { url: 'u', onEvent: 'nope' })), (e) => {
      assert.equal(e, 'invalid channel value `nope`, expected a string in the `__CHANNEL__:ID` format');
      return true;
    });
  });

  it('convertFileSrc: asset://localhost/ on Linux and macOS', async () => {
    const url = await served.main.run(() => convertFileSrc('/home/me/a b.png'));
    assert.equal(url, process.platform === 'win32'
      ? 'http://asset.localhost/%2Fhome%2Fme%2Fa%20b.png'
      : 'asset://localhost/%2Fhome%2Fme%2Fa%20b.png');
  });
});

describe('close and destroy without a label are the caller\'s own window', () => {
  let server;
  before(async () => { server = await serve([]); });
  after(async () => { await server?.stop(); });

  it('destroy with no label destroys the calling page\'s window', async () => {
    const main = await page(server.url, 'main');
    const other = await page(server.url, 'other');
    await other.run(() => invoke('plugin:window|destroy'));
    await withDeadline(other.destroyed, 5000, 'other destroyed');
    await settle(main, main);
    assert.deepEqual(await main.run(() => invoke('plugin:window|get_all_windows')), ['main']);
    await main.close();
    await other.close();
  });
});
