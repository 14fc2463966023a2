// eventlab-tauri in Node: connect() makes this process a page of a running EventLab (so the
// unchanged @tauri-apps/api works in it), startEventLab() runs a fresh `eventlab serve` for a
// test. docs: README.md beside this file.
'use strict'

const { scriptPath } = require('./lib/script.cjs')
const { startServe } = require('./lib/serve.cjs')

const bridge = require(scriptPath())

// Node 20 has no global WebSocket; the ws package is this package's one dependency.
function webSocketClass(options) {
  return options.WebSocket || globalThis.WebSocket || require('ws')
}

// connect({url, label, WebSocket?}) as in EventLab's docs/bridge.md: resolves with the page
// once its window exists.
function connect(options = {}) {
  return bridge.connect({ ...options, WebSocket: webSocketClass(options) })
}

// Closes a page once what it sent has been answered: a call made without waiting for it (an
// unlisten() in a cleanup) settles instead of rejecting as "closed", which a test runner would
// report as an unhandled rejection. EventLab answers a page's core commands in order, so the
// answer to one more is the barrier.
async function closeAfterPending(page) {
  try {
    await page.run(() => globalThis.__TAURI_INTERNALS__.invoke('plugin:window|get_all_windows'))
  } catch {
    // refused or disconnected: an answer all the same
  }
  await page.close()
}

// A fresh `eventlab serve --port 0` (a new session: no windows, no listeners) with the given
// project, backend, scenario and Tauri mode. Resolves once it listens, with its url, connect()
// for pages of it, and stop(), which closes those pages and ends the process.
async function startEventLab(options = {}) {
  const server = await startServe({ ...options, port: options.port ?? 0 })
  const pages = new Set()
  let stopping = null
  return {
    url: server.url,
    port: server.port,
    get output() {
      return server.output()
    },
    async connect(page = {}) {
      const settings = typeof page === 'string' ? { label: page } : page
      const connected = await connect({ ...settings, url: server.url })
      pages.add(connected)
      return connected
    },
    stop() {
      if (!stopping) {
        stopping = (async () => {
          await Promise.all([...pages].map(closeAfterPending))
          await server.stop()
        })()
      }
      return stopping
    },
  }
}

module.exports = { connect, startEventLab }
