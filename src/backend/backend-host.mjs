// backend-host.mjs: runs a backend stand-in (`eventlab serve --backend FILE`) for EventLab.
// EventLab starts `node --input-type=module --eval <this file> FILE` with a Unix socket on fd 3
// and the module's stdout and stderr on its own stderr. One JSON message per line each way:
//
//   EventLab → host  {"t":"invoke","id":N,"cmd":"…","args":{…},"window":"main"}
//                    {"t":"emitted","id":E,"ok":true} | {"t":"emitted","id":E,"ok":false,"error":"…"}
//   host → EventLab  {"t":"ready"} | {"t":"load-error","error":"…"}
//                    {"t":"result","id":N,"ok":true,"value":…}
//                    {"t":"result","id":N,"ok":false,"error":"…"[,"stack":"…"]}
//                    {"t":"pass","id":N}                 the handler returned undefined
//                    {"t":"emit","id":E,"call":N,"cmd":"…","event":"…","payload":…[,"target":…]}
//                    {"t":"channel","call":N,"channel":C,"message":…}
//
// The module's default export has the shape of a mockIPC handler: (cmd, args, ctx) => value.
import net from 'node:net'
import readline from 'node:readline'
import { pathToFileURL } from 'node:url'

const file = process.argv[1]
const link = new net.Socket({ fd: 3, readable: true, writable: true })
// EventLab went away (it closed the socket or ended): so does the stand-in.
link.on('error', () => process.exit(0))
link.on('close', () => process.exit(0))

// JSON for the wire: undefined is null, typed arrays and ArrayBuffers are arrays of numbers
// (a Vec<u8> as serde writes it), BigInt a number's text.
function toWire(value) {
  return JSON.stringify(value === undefined ? null : value, (key, v) => {
    if (typeof v === 'bigint') return v.toString()
    if (v instanceof ArrayBuffer) return Array.from(new Uint8Array(v))
    if (ArrayBuffer.isView(v)) return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    return v
  })
}

function send(message) {
  link.write(toWire(message) + '\n')
}

// The text a rejected invoke carries: an Error's message (Rust's Err(String)), a string as it
// is, any other value as JSON.
function rejection(error) {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

function describe(error) {
  if (error instanceof Error) return error.stack || error.message
  return String(error)
}

let nextEmit = 1
const emits = new Map() // emit id -> {resolve, reject}

function emit(call, cmd, target, event, payload) {
  const id = nextEmit++
  const message = { t: 'emit', id, call, cmd, event, payload: payload === undefined ? null : payload }
  if (target !== undefined) message.target = target
  const done = new Promise((resolve, reject) => emits.set(id, { resolve, reject }))
  // Awaiting is optional: an emit the bus refused is in EventLab's log either way.
  done.catch(() => {})
  try {
    send(message)
  } catch (error) {
    emits.delete(id)
    return Promise.reject(error)
  }
  return done
}

// A `new Channel()` argument reaches Rust as "__CHANNEL__:ID"; the stand-in gets an object with
// Tauri's Channel::send.
const CHANNEL = /^__CHANNEL__:(\d+)$/
const open = new Set() // calls with Channels that have not answered yet: a Rust Channel is
//                       dropped (closed) when its command returns
function channel(call, cmd, id) {
  return {
    id,
    send(message) {
      if (!open.has(call)) {
        throw new Error(`channel ${id} of ${cmd} is closed: the command already answered ` +
          '(keep its promise pending until the last send)')
      }
      send({ t: 'channel', call, channel: id, message: message === undefined ? null : message })
    },
    toJSON() {
      return `__CHANNEL__:${id}`
    },
  }
}

function withChannels(call, cmd, args) {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args
  const out = {}
  for (const [key, value] of Object.entries(args)) {
    const match = typeof value === 'string' && CHANNEL.exec(value)
    out[key] = match ? channel(call, cmd, Number(match[1])) : value
    if (match) open.add(call)
  }
  return out
}

async function run(handler, message) {
  const call = message.id
  const cmd = message.cmd
  const ctx = {
    window: message.window,
    emit: (event, payload) => emit(call, cmd, undefined, event, payload),
    emitTo: (target, event, payload) => emit(call, cmd, target, event, payload),
  }
  let answer
  try {
    const value = await handler(cmd, withChannels(call, cmd, message.args), ctx)
    answer = value === undefined ? { t: 'pass', id: call } : { t: 'result', id: call, ok: true, value }
    toWire(answer) // a value JSON cannot hold rejects the invoke instead
  } catch (error) {
    answer = { t: 'result', id: call, ok: false, error: rejection(error) }
    if (error instanceof Error && error.stack) answer.stack = error.stack
  }
  open.delete(call)
  send(answer)
}

function receive(handler, line) {
  const message = JSON.parse(line)
  if (message.t === 'invoke') {
    run(handler, message)
  } else if (message.t === 'emitted') {
    const pending = emits.get(message.id)
    emits.delete(message.id)
    if (pending && message.ok) pending.resolve()
    else if (pending) pending.reject(new Error(message.error))
  }
}

async function load() {
  const module = await import(pathToFileURL(file).href)
  // A CommonJS `module.exports = fn` is the default export too.
  const handler = module.default
  if (typeof handler !== 'function') {
    throw new Error(`${file}: its default export is ${handler === undefined ? 'missing' : 'a ' + typeof handler}; ` +
      'expected a function (cmd, args, ctx) => value, as mockIPC takes')
  }
  return handler
}

let handler
try {
  handler = await load()
} catch (error) {
  // Thrown again once EventLab has the news: Node then prints it as `node FILE` would, with the
  // file and line of a syntax error, and exits.
  link.write(toWire({ t: 'load-error', error: describe(error) }) + '\n', () => {
    throw error
  })
}
if (handler) {
  send({ t: 'ready' })
  readline.createInterface({ input: link, crlfDelay: Infinity }).on('line', (line) => receive(handler, line))
}
