// Types of `eventlab-tauri/vite` for `require` (`.default` or `.eventlab`); vite.d.mts for `import`.
import type { Plugin } from 'vite' with { 'resolution-mode': 'import' }

export interface ServeOptions {
  /** A Tauri project (default: the Vite root's `src-tauri/` when there is one). */
  project?: string
  /** A Node module standing in for the Rust commands (a `mockIPC`-shaped handler). */
  backend?: string
  /** A scenario file run before pages connect. */
  scenario?: string
  /** The Tauri release whose rules apply. */
  tauri?: '2.0' | 'stable' | 'next'
  /** The bridge's port (default: the port of `url`, 1430; 0 picks a free one). */
  port?: number
  /** More `eventlab serve` arguments. */
  args?: string[]
  /** The binary (default: `EVENTLAB_BIN`, else `eventlab` on PATH). */
  bin?: string
}

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
