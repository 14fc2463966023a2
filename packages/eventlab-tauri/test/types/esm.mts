// Type-checked by types.test.mjs (tsc --noEmit): the `import` side of every entry.
import { connect, startEventLab, type EventLab, type Page } from 'eventlab-tauri'
import eventlab, { type EventLabPluginOptions } from 'eventlab-tauri/vite'
import type { Plugin } from 'vite'

const options: EventLabPluginOptions = { url: 'http://127.0.0.1:1430', serve: { project: '.', backend: 'backend.mjs', tauri: 'next', port: 0 } }
const plugin: Plugin = eventlab(options)
const plain: Plugin = eventlab()
const served: Plugin = eventlab({ serve: true })

export async function run(): Promise<string> {
  const lab: EventLab = await startEventLab({ backend: 'backend.mjs', scenario: 's.json', tauri: '2.0' })
  const page: Page = await lab.connect('main')
  const other: Page = await connect({ url: lab.url, label: 'other' })
  const value: number = page.run(() => 1)
  await other.close()
  await lab.stop()
  return `${plugin.name} ${plain.name} ${served.name} ${value} ${lab.port}`
}

// @ts-expect-error: a mode that does not exist
void startEventLab({ tauri: '3.0' })
// @ts-expect-error: connect needs a url
void connect({ label: 'main' })
