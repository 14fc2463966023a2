// eventlab-tauri/vite: in `vite` dev only, puts EventLab's bridge script first in index.html's
// <head>, so the page's @tauri-apps/api talks to EventLab instead of a Tauri backend; with
// `serve`, runs `eventlab serve` for as long as Vite runs. Never in `vite build` output, never
// inside the real Tauri (its CLI sets TAURI_ENV_PLATFORM for the dev server it starts).
'use strict'

const path = require('node:path')
const { startServe, projectOf } = require('./lib/serve.cjs')

const DEFAULT_URL = 'http://127.0.0.1:1430'

// The port `serve` asks for: serve.port, else the one of `url` (1430 by default).
function servePort(url, serve) {
  if (serve.port !== undefined) return serve.port
  const port = new URL(url).port
  return port === '' ? 80 : Number(port)
}

function eventlab(options = {}) {
  // EVENTLAB_URL names a bridge that is running already (an inspector started with --serve, a
  // test's own): the page connects there and `serve` starts nothing.
  const given = process.env.EVENTLAB_URL
  const serve = given ? null : options.serve === true ? {} : options.serve || null
  let url = (given || options.url || DEFAULT_URL).replace(/\/+$/, '')
  let root = process.cwd()
  let logger = console
  let server = null // the running `eventlab serve`, when `serve` started one
  let starting = null // resolves with the URL to put in the page once the bridge is there

  function log(line, stream) {
    if (stream === 'stderr') logger.warn(`[eventlab] ${line}`)
    else logger.info(`[eventlab] ${line}`)
  }

  async function start() {
    const port = servePort(url, serve)
    const project = serve.project === undefined ? projectOf(root) : serve.project || undefined
    try {
      server = await startServe({ ...serve, port, project, cwd: root, onLine: log })
      url = server.url
    } catch (error) {
      // Vite goes on serving the app; the page's console says it cannot reach the bridge.
      logger.error(`[eventlab] ${error.message}`)
    }
    return url
  }

  async function stop() {
    const running = server
    server = null
    starting = null
    if (running) await running.stop()
  }

  return {
    name: 'eventlab-tauri',
    apply(config, env) {
      return env.command === 'serve' && !env.isPreview && !process.env.TAURI_ENV_PLATFORM
    },
    configResolved(config) {
      root = config.root ? path.resolve(config.root) : process.cwd()
      logger = config.logger
    },
    configureServer(devServer) {
      if (serve) starting = start()
      if (devServer.httpServer) devServer.httpServer.once('close', stop)
    },
    // 'post': after Vite's own tags (its client is prepended too), so this one stays first.
    transformIndexHtml: {
      order: 'post',
      async handler() {
        const src = `${starting ? await starting : url}/eventlab-tauri.js`
        return [{ tag: 'script', attrs: { src }, injectTo: 'head-prepend' }]
      },
    },
    // The dev server's close (Ctrl+C, a restart after a config change) ends the bridge too,
    // and waits for it, so a restarted Vite can bind the same port again.
    closeBundle: stop,
  }
}

module.exports = eventlab
module.exports.default = eventlab
module.exports.eventlab = eventlab
