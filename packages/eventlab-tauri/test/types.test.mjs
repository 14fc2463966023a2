// The TypeScript types of every entry, as a consumer's compiler sees them: test/types/*.mts and
// *.cts use each export (and expect errors where a call is wrong), under Node16 resolution
// (import and require) and under a bundler's (vite.config.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { packageDir } from './helpers.mjs'

const tsc = path.join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc')

for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
  test(`tsc -p test/types/${config} finds no error`, () => {
    const result = spawnSync(process.execPath, [tsc, '-p', path.join('test', 'types', config)],
      { cwd: packageDir, encoding: 'utf8' })
    assert.equal(result.status, 0, result.stdout + result.stderr)
  })
}
