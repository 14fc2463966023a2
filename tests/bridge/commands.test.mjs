// invoke: the workspace's commands, a command a scenario declares, and the errors Tauri gives
// (their texts reach the page exactly: Tauri rejects with the plain string).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen, once, emit, emitTo } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { servedPages, settle, fixture } from './helpers.mjs';

// Listeners of `test-event` in a page, by how they were registered.
async function testEventListeners(p, event, calls) {
  const label = p.label;
  const record = (row) => (e) => calls.push(`${label}: ${row} ${JSON.stringify(e.payload)}`);
  await p.run(() => listen(event, record('listen()')));
  await p.run(() => listen(event, record(`listen({target:"${label}"})`), { target: label }));
  await p.run(() => getCurrentWindow().listen(event, record('getCurrentWindow().listen')));
}

describe('commands, the default mode', () => {
  const served = servedPages([]);

  it('send_test_event_from_backend emits test-event {data} to every listener', async () => {
    const calls = [];
    await testEventListeners(served.main, 'test-event', calls);
    await testEventListeners(served.settings, 'test-event', calls);
    const value = await served.main.run(() => invoke('send_test_event_from_backend', { data: 'hello' }));
    assert.equal(value, null);
    await settle(served.main, served.main);
    await settle(served.main, served.settings);
    assert.deepEqual(calls.sort(), [
      'main: getCurrentWindow().listen {"data":"hello"}',
      'main: listen() {"data":"hello"}',
      'main: listen({target:"main"}) {"data":"hello"}',
      'settings: getCurrentWindow().listen {"data":"hello"}',
      'settings: listen() {"data":"hello"}',
      'settings: listen({target:"settings"}) {"data":"hello"}',
    ]);

    // send_to_specific_window: emit_to("settings"), which a global listen in main also gets.
    calls.length = 0;
    await served.main.run(() => invoke('send_to_specific_window', { windowLabel: 'settings', data: 'only you' }));
    await settle(served.main, served.main);
    await settle(served.main, served.settings);
    assert.deepEqual(calls.sort(), [
      'main: listen() {"data":"only you"}',
      'settings: getCurrentWindow().listen {"data":"only you"}',
      'settings: listen() {"data":"only you"}',
      'settings: listen({target:"settings"}) {"data":"only you"}',
    ]);
  });

  it('an unknown command rejects with Tauri\'s text', async () => {
    await assert.rejects(served.main.run(() => invoke('nope')), (error) => {
      assert.equal(error, 'Command nope not found');
      return true;
    });
  });

  it('a missing argument rejects with the camelCase key', async () => {
    await assert.rejects(served.main.run(() => invoke('send_to_specific_window', { data: 'x' })), (error) => {
      assert.equal(error, 'invalid args `windowLabel` for command `send_to_specific_window`: ' +
        'command send_to_specific_window missing required key windowLabel');
      return true;
    });
  });

  it('an argument of the wrong type rejects with serde\'s text', async () => {
    await assert.rejects(served.main.run(() => invoke('send_test_event_from_backend', { data: 5 })), (error) => {
      assert.equal(error, 'invalid args `data` for command `send_test_event_from_backend`: ' +
        'invalid type: integer `5`, expected a string');
      return true;
    });
  });

  const badName = (command) => `invalid args \`event\` for command \`${command}\`: ` +
    'Event name must include only alphanumeric characters, `-`, `/`, `:` and `_`.';

  it('a bad event name rejects listen, once, emit and emit_to with the deserializer\'s text', async () => {
    const handler = () => assert.fail('no delivery for a bad name');
    await assert.rejects(served.main.run(() => listen('bad name!', handler)), (e) => (assert.equal(e, badName('listen')), true));
    await assert.rejects(served.main.run(() => once('bad name!', handler)), (e) => (assert.equal(e, badName('listen')), true));
    await assert.rejects(served.main.run(() => emit('bad name!', 1)), (e) => (assert.equal(e, badName('emit')), true));
    await assert.rejects(served.main.run(() => emitTo('main', 'bad name!', 1)), (e) => (assert.equal(e, badName('emit_to')), true));
    // The empty name is valid.
    const got = [];
    await served.main.run(() => listen('', (e) => got.push(e.payload)));
    await served.settings.run(() => emit('', 'empty'));
    await settle(served.settings, served.main);
    assert.deepEqual(got, ['empty']);
  });

  it('after errors the page still works', async () => {
    const got = [];
    await served.main.run(() => listen('still-fine', (e) => got.push(e.payload)));
    await served.settings.run(() => emit('still-fine', 42));
    await settle(served.settings, served.main);
    assert.deepEqual(got, [42]);
  });
});

describe('a command the scenario declares (--scenario fixtures/commands.json)', () => {
  const served = servedPages(['--scenario', fixture('commands.json')]);

  it('save_settings returns its value and emits settings-changed to "main"', async () => {
    const calls = [];
    await testEventListeners(served.main, 'settings-changed', calls);
    await testEventListeners(served.settings, 'settings-changed', calls);
    const value = await served.settings.run(() => invoke('save_settings', { theme: 'dark' }));
    assert.deepEqual(value, { saved: true });
    await settle(served.settings, served.main);
    await settle(served.settings, served.settings);
    assert.deepEqual(calls.sort(), [
      'main: getCurrentWindow().listen {"theme":"dark"}',
      'main: listen() {"theme":"dark"}',
      'main: listen({target:"main"}) {"theme":"dark"}',
      'settings: listen() {"theme":"dark"}',
    ]);
  });

  it('save_settings without its argument rejects naming it', async () => {
    await assert.rejects(served.settings.run(() => invoke('save_settings', {})), (error) => {
      assert.equal(error, 'invalid args `theme` for command `save_settings`: ' +
        'command save_settings missing required key theme');
      return true;
    });
  });
});
