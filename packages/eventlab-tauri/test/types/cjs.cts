// Type-checked by types.test.mjs (tsc --noEmit): the `require` side of every entry.
import eventlabTauri = require('eventlab-tauri')
import vite = require('eventlab-tauri/vite')

export async function run(): Promise<string> {
  const lab: eventlabTauri.EventLab = await eventlabTauri.startEventLab({ project: '.' })
  const page: eventlabTauri.Page = await eventlabTauri.connect({ url: lab.url })
  await lab.stop()
  return page.label + vite.default({ serve: { port: 0 } }).name + vite.eventlab().name
}
