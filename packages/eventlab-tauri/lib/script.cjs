// Where the bridge's script is. There is one source, EventLab's src/bridge/eventlab-tauri.js,
// which the binary serves too: `npm pack` copies it into the tarball (prepack, removed again
// by postpack), and a package installed from the folder of a clone reads the clone's file.
'use strict'

const fs = require('node:fs')
const path = require('node:path')

const packed = path.join(__dirname, '..', 'eventlab-tauri.js')
const source = path.join(__dirname, '..', '..', '..', 'src', 'bridge', 'eventlab-tauri.js')

function scriptPath() {
  if (fs.existsSync(packed)) return packed
  if (fs.existsSync(source)) return source
  throw new Error(
    `eventlab-tauri: the bridge script is missing (looked for ${packed} and ${source}); ` +
      'install the package from its npm pack tarball or from packages/eventlab-tauri in a clone of EventLab'
  )
}

// prepack / postpack: `node lib/script.cjs copy|remove`.
if (require.main === module) {
  const what = process.argv[2]
  if (what === 'copy') fs.copyFileSync(source, packed)
  else if (what === 'remove') fs.rmSync(packed, { force: true })
  else {
    console.error('usage: node lib/script.cjs copy|remove')
    process.exit(2)
  }
}

module.exports = { scriptPath }
