// The app's code (greet.ts) tested against EventLab instead of mockIPC: the same backend.mjs
// a mockIPC handler would be, but the calls cross the real IPC path, and emits reach listeners
// as Tauri routes them. Run with `npx vitest run` (EventLab's binary on PATH or in EVENTLAB_BIN).
import { afterEach, beforeEach, expect, test } from 'vitest'
import { invoke } from '@tauri-apps/api/core'
import { startEventLab, type EventLab } from 'eventlab-tauri'
import { greet, watchGreetings } from './greet'

const backend = new URL('./backend.mjs', import.meta.url).pathname

let lab: EventLab
beforeEach(async () => {
  lab = await startEventLab({ backend }) // a fresh session: no windows, no listeners
  await lab.connect('main') // this test process is the window `main`
})
afterEach(() => lab.stop())

test('greet answers as the Rust command does', async () => {
  expect(await greet('Ada')).toBe("Hello, Ada! You've been greeted from Rust!")
})

test('the greeting is emitted to every window', async () => {
  await lab.connect('settings') // a second window; this test's code still runs as `main`
  const heard: string[] = []
  const unlisten = await watchGreetings((name) => heard.push(name))
  await greet('Grace')
  await expect.poll(() => heard).toEqual(['Grace'])
  unlisten()
})

test('each test starts from a fresh session', async () => {
  // `settings` of the last test is gone with its EventLab.
  expect(await invoke('plugin:window|get_all_windows')).toEqual(['main'])
})

test('a thrown error rejects the invoke with its message', async () => {
  await expect(invoke('fail', { what: 'fly' })).rejects.toBe('cannot fly')
})

test('a command nobody answers is rejected as Tauri does', async () => {
  await expect(invoke('nope')).rejects.toBe('Command nope not found')
})
