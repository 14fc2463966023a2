// Starts `eventlab serve` as a child process and waits for the line that says it listens.
// Shared by startEventLab() (test runners) and the Vite plugin's `serve` option.
'use strict'

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const LISTENING = /^eventlab: bridge listening on (http:\/\/[^\s]+?:(\d+))\s*$/

// The binary: EVENTLAB_BIN, else `eventlab` on PATH.
function eventlabBinary(bin) {
  return bin || process.env.EVENTLAB_BIN || 'eventlab'
}

// `eventlab serve` arguments for the options of the contract (paths relative to `cwd`).
function serveArgs(options, cwd) {
  const args = ['serve', '--port', String(options.port ?? 0)]
  const file = (value) => path.resolve(cwd, value)
  if (options.project) args.push('--project', file(options.project))
  if (options.backend) args.push('--backend', file(options.backend))
  if (options.scenario) args.push('--scenario', file(options.scenario))
  if (options.tauri) args.push('--tauri', String(options.tauri))
  if (options.args) args.push(...options.args)
  return args
}

// Every child still running when this process exits goes with it, so a test runner or Vite
// that ends without calling stop() leaves no bridge holding its port.
const running = new Set()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

function notFound(binary) {
  return new Error(
    `eventlab-tauri: cannot run "${binary}": not found. Put EventLab's binary on PATH as ` +
      '`eventlab`, or set EVENTLAB_BIN to it (in a clone of EventLab: build/src/app/eventlab)'
  )
}

// Resolves with {url, port, child, output(), stop()} once the bridge listens; rejects with
// what it printed when it exits first or says nothing within `timeoutMs`.
function startServe(options = {}) {
  const cwd = options.cwd || process.cwd()
  const binary = eventlabBinary(options.bin)
  const args = serveArgs(options, cwd)
  const onLine = options.onLine || (() => {})
  return new Promise((resolve, reject) => {
    let child
    try {
      child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      reject(error.code === 'ENOENT' ? notFound(binary) : error)
      return
    }
    running.add(child)
    let output = ''
    let settled = false
    const exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        running.delete(child)
        done({ code, signal })
      })
    })
    const fail = (error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    const timeoutMs = options.timeoutMs ?? 15000
    const timer = setTimeout(
      () => fail(new Error(`eventlab-tauri: ${binary} serve said nothing within ${timeoutMs} ms\n${output}`)),
      timeoutMs
    )
    child.once('error', (error) => fail(error.code === 'ENOENT' ? notFound(binary) : error))
    const lines = (stream, name) => {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk) => {
        rest += chunk
        let newline
        while ((newline = rest.indexOf('\n')) >= 0) {
          const line = rest.slice(0, newline)
          rest = rest.slice(newline + 1)
          output += line + '\n'
          onLine(line, name)
          const match = name === 'stdout' && !settled && LISTENING.exec(line)
          if (match) listening(match)
        }
      })
    }
    const listening = (match) => {
      settled = true
      clearTimeout(timer)
      resolve({
        url: match[1],
        port: Number(match[2]),
        child,
        exited,
        output: () => output,
        stop: () => stopChild(child, exited),
      })
    }
    lines(child.stdout, 'stdout')
    lines(child.stderr, 'stderr')
    exited.then(({ code, signal }) => {
      const how = signal ? `signal ${signal}` : `exit ${code}`
      fail(new Error(`eventlab-tauri: ${binary} ${args.join(' ')} ended (${how}) before listening\n${output}`))
    })
  })
}

// SIGTERM (the bridge ends within a second, trace complete), SIGKILL if it does not.
async function stopChild(child, exited) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  let timer
  const late = new Promise((done) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL')
      done()
    }, 5000)
  })
  await Promise.race([exited, late])
  clearTimeout(timer)
  return exited
}

// The Tauri project of a folder: its src-tauri/ when there is one.
function projectOf(root) {
  const dir = path.join(root, 'src-tauri')
  return fs.existsSync(dir) ? dir : undefined
}

module.exports = { startServe, serveArgs, eventlabBinary, projectOf }
