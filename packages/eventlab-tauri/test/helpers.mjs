// Shared by the package's tests: the eventlab binary, temporary folders, bounded polling.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const repoDir = path.resolve(packageDir, '..', '..')
export const bridgeScript = path.join(repoDir, 'src', 'bridge', 'eventlab-tauri.js')

// The package finds the binary through EVENTLAB_BIN (CTest sets it); a clone's build otherwise.
process.env.EVENTLAB_BIN ||= path.join(repoDir, 'build', 'src', 'app', 'eventlab')
export const binary = process.env.EVENTLAB_BIN

// A fresh folder under the system's temporary one, removed by the returned cleanup.
export function tempDir(t, prefix = 'eventlab-tauri-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
}

// Polls `predicate` until it returns a truthy value (returned) or the deadline passes.
export async function waitFor(predicate, what, ms = 10000) {
  const end = Date.now() + ms
  for (;;) {
    const value = await predicate()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

// True while something accepts connections at `url`.
export async function listening(url) {
  try {
    await fetch(url + '/eventlab-tauri.js')
    return true
  } catch {
    return false
  }
}

// Is the process alive? (signal 0 checks without sending anything)
export function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
