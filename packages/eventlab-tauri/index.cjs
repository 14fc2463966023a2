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
          await Promise.all([...pages].map((page) => page.close()))
          await server.stop()
        })()
      }
      return stopping
    },
  }
}

module.exports = { connect, startEventLab }
