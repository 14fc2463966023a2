// Types of `eventlab-tauri` (Node), for `require`; index.d.mts gives them to `import`.

/** A class with the shape of the WebSocket of browsers and of the `ws` package. */
export type WebSocketClass = new (url: string) => unknown

export interface ConnectOptions {
  /** The bridge: `http://127.0.0.1:1430` (what `eventlab serve` prints), or its `ws://` URL. */
  url: string
  /** The window this page becomes (default `main`). */
  label?: string
  /** The WebSocket class (default: the global one, else the `ws` package's). */
  WebSocket?: WebSocketClass
  /**
   * The URL the page stands for, which Tauri's permission check sees (default: a local page).
   * A page on another site (`https://example.com/`) gets only what a capability whose
   * `remote.urls` cover it grants; the Origin its WebSocket sends wins over this.
   */
  pageUrl?: string
}

/** One connected page: one simulated webview window of the EventLab session. */
export interface Page {
  readonly label: string
  /** The session's Tauri mode: `2.0`, `stable` or `next`. */
  readonly mode: string
  /** Runs `fn` as this page (needed only with several pages in one process). */
  run<T>(fn: () => T): T
  /** Disconnects: the window is destroyed. */
  close(): Promise<void>
  /** Resolves when EventLab destroys the window. */
  readonly destroyed: Promise<void>
}

/** Makes this process a page of a running EventLab: `@tauri-apps/api` then works in it. */
export function connect(options: ConnectOptions): Promise<Page>

export interface StartOptions {
  /** A Tauri project: the app's folder, its `src-tauri/` or its `tauri.conf.json`. */
  project?: string
  /** A Node module standing in for the Rust commands (a `mockIPC`-shaped handler). */
  backend?: string
  /** A scenario file run before pages connect (windows, listeners, declared commands). */
  scenario?: string
  /** The Tauri release whose rules apply. */
  tauri?: '2.0' | 'stable' | 'next'
  /** The port (default 0: any free one). */
  port?: number
  /** More `eventlab serve` arguments, e.g. `['--trace', 'out.jsonl']`. */
  args?: string[]
  /** The binary (default: `EVENTLAB_BIN`, else `eventlab` on PATH). */
  bin?: string
  /** The folder relative paths are read from (default: the current directory). */
  cwd?: string
  /** How long to wait for the bridge to listen (default 15000 ms). */
  timeoutMs?: number
}

/** A running `eventlab serve` of its own: a fresh session. */
export interface EventLab {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  readonly port: number
  /** What the process printed so far (stdout and stderr). */
  readonly output: string
  /** Connects a page of this EventLab (a label, or connect()'s options without `url`). */
  connect(page?: string | Omit<ConnectOptions, 'url'>): Promise<Page>
  /** Closes the pages connected through it and ends the process. */
  stop(): Promise<void>
}

/** Starts `eventlab serve --port 0` and resolves once it listens. */
export function startEventLab(options?: StartOptions): Promise<EventLab>
