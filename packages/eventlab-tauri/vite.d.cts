// Types of `eventlab-tauri/vite` for `require` (`.default` or `.eventlab`); vite.d.mts for `import`.
import type { Plugin } from 'vite' with { 'resolution-mode': 'import' }
import type { StartOptions } from './index.cjs'

/** What `serve` starts `eventlab serve` with; `project` defaults to the Vite root's
 * `src-tauri/` when there is one, relative paths are read from the Vite root, and `port`
 * defaults to the port of `url` (1430). */
export type ServeOptions = Pick<StartOptions, 'project' | 'backend' | 'scenario' | 'tauri' | 'port' | 'args' | 'bin'>

export interface EventLabPluginOptions {
  /** The bridge the page connects to (default `http://127.0.0.1:1430`). */
  url?: string
  /** Start `eventlab serve` with Vite and stop it with Vite. */
  serve?: boolean | ServeOptions
  // EVENTLAB_URL in the environment wins over both: the page connects there, nothing starts.
}

/** In `vite` dev only: EventLab's bridge script first in index.html's `<head>`. */
declare function eventlab(options?: EventLabPluginOptions): Plugin
export default eventlab
export { eventlab }
