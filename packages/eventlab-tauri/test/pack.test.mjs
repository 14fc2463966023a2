// The tarball a user installs: `npm pack` ships the bridge's one script (copied from
// src/bridge/ at pack time, not kept in the folder), the entries and their types; installed into
// a fresh project, both `import` and `require` work, also in a "type": "module" project.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { bridgeScript, packageDir, tempDir, write } from './helpers.mjs'

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

function pack(t) {
  const out = tempDir(t, 'eventlab-pack-')
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], packageDir))
  return { tarball: path.join(out, info.filename), files: info.files.map((f) => f.path).sort() }
}

test('npm pack ships the script, both entries and their types, and leaves no copy behind', (t) => {
  const { tarball, files } = pack(t)
  for (const file of ['eventlab-tauri.js', 'index.cjs', 'index.mjs', 'index.d.cts', 'index.d.mts',
    'vite.cjs', 'vite.mjs', 'vite.d.cts', 'vite.d.mts', 'lib/serve.cjs', 'lib/script.cjs',
    'README.md', 'package.json', 'example/greet.test.ts']) {
    assert.ok(files.includes(file), `${file} not in ${files.join(' ')}`)
  }
  // Nothing a run leaves in the folder: the tests, installed modules, vitest's cache in example/.
  assert.ok(!files.some((f) => f.startsWith('test/') || f.includes('node_modules/')), files.join(' '))
  assert.deepEqual(files.filter((f) => f.startsWith('example/')),
    ['example/backend.mjs', 'example/greet.test.ts', 'example/greet.ts', 'example/vitest.config.ts'])
  const unpacked = tempDir(t, 'eventlab-unpack-')
  run('tar', ['-xzf', tarball, '-C', unpacked])
  assert.equal(fs.readFileSync(path.join(unpacked, 'package', 'eventlab-tauri.js'), 'utf8'),
    fs.readFileSync(bridgeScript, 'utf8'), 'the packed script is src/bridge/eventlab-tauri.js')
  assert.equal(fs.existsSync(path.join(packageDir, 'eventlab-tauri.js')), false,
    'postpack removes the copy, so the folder keeps reading src/bridge/')
})

test('installed from the tarball: require, import, and a "type": "module" project', async (t) => {
  const { tarball } = pack(t)
  const project = tempDir(t, 'eventlab-project-')
  write(project, {
    'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
    'esm.js': "import { connect, startEventLab } from 'eventlab-tauri'\n" +
      "import { invoke } from '@tauri-apps/api/core'\n" +
      'const lab = await startEventLab()\n' +
      "await lab.connect('main')\n" +
      "console.log(JSON.stringify(await invoke('plugin:window|get_all_windows')))\n" +
      'await lab.stop()\n',
    'cjs.cjs': "const { startEventLab } = require('eventlab-tauri')\n" +
      "const eventlab = require('eventlab-tauri/vite')\n" +
      ';(async () => {\n' +
      "  const lab = await startEventLab({ tauri: '2.0' })\n" +
      "  const page = await lab.connect('from-cjs')\n" +
      "  console.log(page.label, page.mode, typeof eventlab, eventlab.default === eventlab, eventlab().name)\n" +
      '  await lab.stop()\n' +
      '})()\n',
    // What the issue saw: the served script saved as .js in a "type": "module" project.
    'copy.js': fs.readFileSync(bridgeScript, 'utf8'),
    'load-copy.js': "await import('./copy.js')\n",
  })
  // ws comes from npm's cache when `npm ci` ran in the package (as scripts/dev does).
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
    tarball, '@tauri-apps/api@2.12.5'], project)
  assert.equal(run('node', ['esm.js'], project).trim(), '["main"]')
  assert.equal(run('node', ['cjs.cjs'], project).trim(), 'from-cjs 2.0 function true eventlab-tauri')
  assert.throws(() => run('node', ['load-copy.js'], project),
    (error) => /Node loaded this file as an ES module.*import \{ connect \} from 'eventlab-tauri'/.test(error.stderr))
})
