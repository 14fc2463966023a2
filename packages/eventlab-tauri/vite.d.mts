// Types of `eventlab-tauri/vite` for `import` (the options are declared once, in vite.d.cts).
import type { Plugin } from 'vite'
import type { EventLabPluginOptions } from './vite.cjs'

export type { EventLabPluginOptions, ServeOptions } from './vite.cjs'

/** In `vite` dev only: EventLab's bridge script first in index.html's `<head>`. */
declare function eventlab(options?: EventLabPluginOptions): Plugin
export default eventlab
export { eventlab }
