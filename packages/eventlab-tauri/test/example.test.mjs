// The package's example test (example/greet.test.ts: startEventLab with backend.mjs instead of
// mockIPC) run as a user runs it: vitest 3, in the example folder, against the real binary.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { packageDir } from './helpers.mjs'

test('vitest run --root example: every test of greet.test.ts passes', () => {
  const vitest = path.join(packageDir, 'node_modules', 'vitest', 'vitest.mjs')
  const result = spawnSync(process.execPath, [vitest, 'run', '--root', 'example', '--reporter', 'verbose'],
    { cwd: packageDir, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeout: 180000 })
  const output = result.stdout + result.stderr
  assert.equal(result.status, 0, output)
  for (const name of ['greet answers as the Rust command does', 'the greeting is emitted to every window',
    'each test starts from a fresh session', 'a thrown error rejects the invoke with its message',
    'a command nobody answers is rejected as Tauri does']) {
    assert.match(output, new RegExp(`✓ greet\\.test\\.ts > ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), output)
  }
  assert.match(output, /Tests\s+5 passed \(5\)/, output)
})
