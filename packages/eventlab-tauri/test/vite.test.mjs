// eventlab-tauri/vite in a real Vite 7: the tag in dev only (not in `vite build` output, not
// under `tauri dev`), first in <head>; `serve` starting the bridge with Vite and stopping it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { build, createServer } from 'vite'
import eventlab from 'eventlab-tauri/vite'
import { alive, bridgeScript, listening, tempDir, waitFor, write } from './helpers.mjs'

// A Vite app shaped like create-tauri-app's: index.html loading /src/main.js.
function app(t) {
  const root = tempDir(t, 'eventlab-vite-')
  write(root, {
    'index.html': '<!doctype html>\n<html>\n  <head>\n    <meta charset="UTF-8" />\n' +
      '    <title>app</title>\n    <script type="module" src="/src/main.js"></script>\n' +
      '  </head>\n  <body><p id="out"></p></body>\n</html>\n',
    'src/main.js': "document.querySelector('#out').textContent = 'app'\n",
  })
  return root
}

// Starts Vite's dev server on a free port; closed when the test ends.
async function dev(t, root, plugin) {
  const server = await createServer({
    root, configFile: false, logLevel: 'silent', plugins: [plugin],
    server: { port: 0, host: '127.0.0.1' },
  })
  t.after(() => server.close())
  await server.listen()
  const address = server.httpServer.address()
  const html = await (await fetch(`http://127.0.0.1:${address.port}/`)).text()
  return { server, html }
}

// The scripts of <head>, in order, as the browser runs them.
function headScripts(html) {
  const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'))
  return [...head.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
}

test('dev: the bridge script comes first in <head>, before Vite\'s client and the app', async (t) => {
  const { html } = await dev(t, app(t), eventlab())
  const scripts = headScripts(html)
  assert.match(scripts[0], /^ src="http:\/\/127\.0\.0\.1:1430\/eventlab-tauri\.js"$/, html)
  assert.ok(scripts.some((s) => s.includes('/@vite/client')), html)
  assert.ok(scripts.some((s) => s.includes('/src/main.js')), html)
  assert.equal(html.match(/eventlab-tauri\.js/g).length, 1)
  const firstTag = html.slice(html.indexOf('<head>') + 6).trimStart()
  assert.ok(firstTag.startsWith('<script src="http://127.0.0.1:1430/eventlab-tauri.js"></script>'), html)
})

test('dev: options.url points the tag at another bridge', async (t) => {
  const { html } = await dev(t, app(t), eventlab({ url: 'http://localhost:4321/' }))
  assert.match(headScripts(html)[0], /src="http:\/\/localhost:4321\/eventlab-tauri\.js"/)
})

test('build: nothing of EventLab in the output', async (t) => {
  const root = app(t)
  await build({ root, configFile: false, logLevel: 'silent', plugins: [eventlab({ serve: true })] })
  assert.deepEqual(childPids(), [], 'vite build started eventlab serve')
  const dist = path.join(root, 'dist')
  const files = fs.readdirSync(dist, { recursive: true }).filter((f) => fs.statSync(path.join(dist, f)).isFile())
  assert.ok(files.includes('index.html'), files.join(' '))
  for (const file of files) {
    assert.doesNotMatch(fs.readFileSync(path.join(dist, file), 'utf8'), /eventlab/i, file)
  }
})

test('dev under `tauri dev` (TAURI_ENV_PLATFORM set): no tag, no bridge started', async (t) => {
  process.env.TAURI_ENV_PLATFORM = 'linux'
  t.after(() => { delete process.env.TAURI_ENV_PLATFORM })
  const { html } = await dev(t, app(t), eventlab({ serve: { port: 0 } }))
  assert.doesNotMatch(html, /eventlab/i)
  assert.ok(headScripts(html).some((s) => s.includes('/src/main.js')))
})

test('serve: eventlab serve starts with Vite, the tag points at it, and it stops with Vite', async (t) => {
  const root = app(t)
  write(root, {
    'eventlab.json': JSON.stringify({
      windows: [],
      commands: [{ name: 'greet', args: ['name'], returns: 'Hello, $name!' }],
      steps: [],
    }),
  })
  const plugin = eventlab({ serve: { port: 0, scenario: 'eventlab.json', tauri: '2.12' } })
  const { server, html } = await dev(t, root, plugin)
  const src = headScripts(html)[0].match(/src="([^"]+)"/)[1]
  const url = src.replace(/\/eventlab-tauri\.js$/, '')
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.notEqual(url, 'http://127.0.0.1:1430', 'port 0 asked for a free port')
  // The bridge serves the one script of the repository, and the scenario given to `serve`.
  const served = await (await fetch(src)).text()
  assert.equal(served, fs.readFileSync(bridgeScript, 'utf8'))
  const { startEventLab: _unused, connect } = await import('eventlab-tauri')
  const page = await connect({ url, label: 'check' })
  const { invoke } = await import('@tauri-apps/api/core')
  assert.equal(await page.run(() => invoke('greet', { name: 'Vite' })), 'Hello, Vite!')
  assert.equal(page.mode, '2.12')
  await page.close()

  const pids = childPids()
  assert.equal(pids.length, 1, 'one eventlab serve child')
  await server.close()
  assert.equal(await listening(url), false, 'the bridge still answers after Vite closed')
  await waitFor(() => !alive(pids[0]), 'eventlab serve to exit')
})

test('EVENTLAB_URL points the page at a running bridge; serve then starts nothing', async (t) => {
  process.env.EVENTLAB_URL = 'http://127.0.0.1:4999'
  t.after(() => { delete process.env.EVENTLAB_URL })
  const { html } = await dev(t, app(t), eventlab({ serve: { port: 0 } }))
  assert.match(headScripts(html)[0], /src="http:\/\/127\.0\.0\.1:4999\/eventlab-tauri\.js"/)
  assert.deepEqual(childPids(), [])
})

test('serve: a missing binary is said once; Vite keeps serving the app', async (t) => {
  const errors = []
  const logger = { info() {}, warn() {}, warnOnce() {}, error: (m) => errors.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false }
  const server = await createServer({
    root: app(t), configFile: false, customLogger: logger,
    plugins: [eventlab({ serve: { bin: '/nonexistent/eventlab', port: 0 } })],
    server: { port: 0, host: '127.0.0.1' },
  })
  t.after(() => server.close())
  await server.listen()
  const html = await (await fetch(`http://127.0.0.1:${server.httpServer.address().port}/`)).text()
  assert.ok(headScripts(html).some((s) => s.includes('/src/main.js')))
  assert.equal(errors.length, 1, errors.join('\n'))
  assert.match(errors[0], /cannot run "\/nonexistent\/eventlab": not found.*EVENTLAB_BIN/)
})

// The eventlab processes this test process started.
function childPids() {
  const out = []
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (ppid === process.pid && cmd.includes('serve')) out.push(Number(pid))
    } catch { /* gone */ }
  }
  return out
}
