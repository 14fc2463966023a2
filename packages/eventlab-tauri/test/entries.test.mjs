// The Node entries, `import` and `require`: one implementation, startEventLab() giving each
// test a fresh session, and the real @tauri-apps/api working through connect().
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { invoke } from '@tauri-apps/api/core'
import { emit, listen } from '@tauri-apps/api/event'
import { connect, startEventLab } from 'eventlab-tauri'
import { listening, waitFor } from './helpers.mjs'

const require = createRequire(import.meta.url)

test('require and import give the same functions', () => {
  const cjs = require('eventlab-tauri')
  assert.equal(cjs.connect, connect)
  assert.equal(cjs.startEventLab, startEventLab)
  assert.deepEqual(Object.keys(cjs).sort(), ['connect', 'startEventLab'])
})

test('startEventLab runs a fresh eventlab serve per call, and stop() ends it', async () => {
  const first = await startEventLab()
  assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const main = await first.connect('main')
  await first.connect({ label: 'other' })
  assert.deepEqual((await main.run(() => invoke('plugin:window|get_all_windows'))).sort(), ['main', 'other'])
  let got = null
  await main.run(() => listen('test-event', (event) => { got = event.payload }))
  await main.run(() => invoke('send_test_event_from_backend', { data: 'hi' }))
  await waitFor(() => got, 'the seed command\'s emit')
  assert.deepEqual(got, { data: 'hi' })
  await first.stop()
  assert.equal(await listening(first.url), false, 'the bridge still answers after stop()')
  await assert.rejects(main.run(() => invoke('plugin:window|get_all_windows')))

  // The next test's session knows nothing of the last one: no windows, no listeners.
  const second = await startEventLab({ tauri: '2.12' })
  try {
    assert.notEqual(second.url, first.url)
    const page = await second.connect()
    assert.equal(page.label, 'main')
    assert.equal(page.mode, '2.12')
    assert.deepEqual(await invoke('plugin:window|get_all_windows'), ['main'])
    await emit('test-event', 'nobody listens')
  } finally {
    await second.stop()
  }
})

test('connect() needs no WebSocket class on Node 20 (ws is the default)', async () => {
  const lab = await startEventLab()
  try {
    const page = await connect({ url: lab.url, label: 'plain' })
    assert.deepEqual(await page.run(() => invoke('plugin:window|get_all_windows')), ['plain'])
    await page.close()
  } finally {
    await lab.stop()
  }
})

test('startEventLab rejects with what eventlab said when it cannot start', async () => {
  await assert.rejects(startEventLab({ scenario: 'no-such-file.json' }),
    (error) => /ended \(exit 2\) before listening/.test(error.message) &&
      /no-such-file\.json/.test(error.message))
  await assert.rejects(startEventLab({ bin: '/nonexistent/eventlab' }),
    /cannot run "\/nonexistent\/eventlab": not found.*EVENTLAB_BIN/)
})
