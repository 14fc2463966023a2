// Compares what the tap showed (the observed records of `eventlab serve --trace`) with what the
// oracle itself wrote for the same run, as far as a page can see it: windows, JS listens and
// unlistens, emits from pages, deliveries to pages (by listener and payload, not emit id), and
// invokes (the oracle's own oracle_* reports left out). Exit 0 when the two agree, else 1 with
// one line per difference.
// usage: node compare-tap.mjs ORACLE.jsonl SERVE.jsonl
import { readFileSync } from 'node:fs'

const records = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))

// One line of text per record a page can see; the same in both traces when Tauri did the same.
function pageView(list) {
  const payloads = new Map()
  const jsListeners = new Set()
  const out = []
  for (const r of list) {
    if (r.type === 'emit') payloads.set(r.emit, JSON.stringify(r.payload))
    if (r.type === 'window') out.push(`window ${r.action} ${r.label}`)
    if (r.type === 'listen' && r.side === 'js') {
      jsListeners.add(r.listener)
      out.push(`listen ${r.listener} ${r.event} in ${r.in} ${JSON.stringify(r.target)}`)
    }
    if (r.type === 'unlisten' && r.reason === 'unlisten' && jsListeners.has(r.listener)) {
      out.push(`unlisten ${r.listener}`)
    }
    if (r.type === 'emit' && r.from.startsWith('js:')) {
      out.push(`emit ${r.api} ${r.event} ${JSON.stringify(r.target)} from ${r.from} ${payloads.get(r.emit)}`)
    }
    if (r.type === 'deliver' && r.side === 'js') {
      out.push(`deliver ${r.event} ${payloads.get(r.emit)} to ${r.listener} in ${r.in}`)
    }
    if (r.type === 'invoke' && !r.command.startsWith('oracle_')) {
      out.push(`invoke ${r.command} in ${r.in} ${JSON.stringify(r.args)} ${r.ok ? JSON.stringify(r.result) : 'error ' + r.error}`)
    }
  }
  return out
}

function counts(lines) {
  const m = new Map()
  for (const l of lines) m.set(l, (m.get(l) || 0) + 1)
  return m
}

const [oraclePath, servePath] = process.argv.slice(2)
const served = records(servePath)
const oracle = counts(pageView(records(oraclePath)))
const tapped = counts(pageView(served.filter((r) => r.observed === true)))
const unobserved = served.filter((r) => r.observed !== true && r.type !== 'expect' && r.type !== 'unlisten')
let differences = 0
for (const [line, n] of oracle) {
  const m = tapped.get(line) || 0
  if (m !== n) {
    console.log(`the oracle wrote ${n}, the tap showed ${m}: ${line}`)
    differences++
  }
}
for (const [line, m] of tapped) {
  if (!oracle.has(line)) {
    console.log(`the tap showed ${m}, the oracle wrote none: ${line}`)
    differences++
  }
}
for (const r of unobserved) {
  console.log(`a record of the tapped session is not marked observed: ${JSON.stringify(r)}`)
  differences++
}
if (differences === 0) {
  console.log(`the tap showed all ${[...oracle.values()].reduce((a, b) => a + b, 0)} records a page can see, each observed`)
}
process.exit(differences === 0 ? 0 : 1)
