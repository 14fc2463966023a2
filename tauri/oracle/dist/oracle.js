// The oracle's page. The oracle (Rust) calls __oracle.run(op) with webview.eval; the page does it
// with the real @tauri-apps/api that withGlobalTauri puts on window.__TAURI__ and reports back
// through invoke('oracle_report'). Nothing here touches Tauri's event internals: listen, once,
// emit, emitTo, invoke and destroy are the public API a frontend calls.
;(function () {
  const T = window.__TAURI__
  const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label
  const listeners = new Map() // key -> {name, unlisten: Promise<fn>, unlistenNow: fn once resolved}
  const components = new Map() // component -> cleanup function, or null without cleanup
  let pending = 0 // calls started here that have not answered yet (see track and countIpc)
  let idle = [] // what waits for pending to reach 0

  function track(promise) {
    pending++
    return promise.finally(() => {
      pending--
      if (pending === 0) {
        const waiting = idle
        idle = []
        waiting.forEach((f) => f())
      }
    })
  }

  // Counts every IPC call the page makes until Tauri answers it, the ones Tauri's API makes
  // without awaiting them too (2.0's once() sends its unlisten so, and an emit that comes
  // before it lands calls the listener again). Tauri defines invoke, ipc and postMessage as
  // read-only, so the count is taken where a call leaves the page: its IPC custom protocol,
  // a fetch to ipc://localhost/<command> on Linux. Tauri resends a call whose fetch failed
  // through postMessage, which nothing here can count: that is reported, not passed over.
  function countIpc() {
    const ipc = window.__TAURI_INTERNALS__.convertFileSrc('', 'ipc')
    const send = window.fetch
    let warned = false
    window.fetch = function (resource, init) {
      const url = String((resource && resource.url) || resource)
      if (!url.startsWith(ipc)) return send(resource, init)
      const ms = heldMs(decodeURIComponent(url.slice(ipc.length)))
      const call = ms
        ? new Promise((resolve) => setTimeout(resolve, ms)).then(() => send(resource, init))
        : send(resource, init)
      track(
        call.catch((e) => {
          if (warned || window.__oracle.closing === label) return
          warned = true
          const message =
            `oracle: \`${label}\`'s IPC fetch failed (${text(e)}); Tauri now sends through ` +
            'postMessage, whose calls the oracle cannot wait for'
          report({ kind: 'error', op: 'oracle', message })
        })
      )
      return call
    }
  }

  // A test holds a command's calls back, as a busy machine can (EVENTLAB_ORACLE_HOLD_IPC, set
  // by the oracle before this page loads): the count must cover a call still on its way.
  function heldMs(command) {
    return (window.__oracleHoldIpc || {})[command] || 0
  }

  function report(r) {
    return track(T.core.invoke('oracle_report', { report: { label, ...r } }))
  }

  const text = (e) => (typeof e === 'string' ? e : e && e.message ? e.message : JSON.stringify(e))

  // A listener's handler: report the call first (its page may be gone right after), then run
  // the actions the page can run itself; the others go back to the oracle.
  function handlerFor(item) {
    return (event) => {
      report({ kind: 'deliver', key: item.key, id: event.id, payload: event.payload })
      ;(item.actions || []).forEach((action, index) => {
        if (action.op === 'unlisten' && unlistenNamed(action.name)) {
          report({ kind: 'act', key: item.key, index, done_here: true })
        } else if (action.op === 'destroy') {
          track(closingWindow().destroy()).catch((e) => report({ kind: 'error', op: 'destroy', message: text(e) }))
        } else if (action.op !== 'prevent_default') {
          report({ kind: 'act', key: item.key, index })
        }
      })
    }
  }

  // The window whose close is pending (set by the oracle before it closes one).
  function closingWindow() {
    const closing = window.__oracle.closing || label
    return closing === label ? T.window.getCurrentWindow() : new T.window.Window(closing, { skip: true })
  }

  // Unlistens this page's listeners of that name at once, as a handler calling unlisten() does.
  function unlistenNamed(name) {
    let any = false
    for (const [key, l] of listeners) {
      if (l.name === name) {
        any = true
        unlistenKey(key)
        report({ kind: 'unlistened', keys: [key] })
      }
    }
    return any
  }

  // Calls the page's unlisten function at once when listen has resolved (as a handler that
  // kept it does: within the running delivery), else as soon as it resolves.
  function unlistenKey(key) {
    const l = listeners.get(key)
    if (!l) return Promise.resolve()
    listeners.delete(key)
    return track(l.unlistenNow ? Promise.resolve(l.unlistenNow()) : l.unlisten.then((f) => f()))
  }

  // One listen through the public API; resolves to {key, ok, error}.
  function listenOne(item) {
    const options = item.target === null ? undefined : { target: item.target }
    const call = item.once ? T.event.once : T.event.listen
    const unlisten = call(item.event, handlerFor(item), options)
    const entry = { name: item.name, unlisten, unlistenNow: null }
    listeners.set(item.key, entry)
    return track(unlisten).then(
      (f) => {
        entry.unlistenNow = f
        return { key: item.key, ok: true }
      },
      (e) => {
        listeners.delete(item.key)
        return { key: item.key, ok: false, error: text(e) }
      }
    )
  }

  // Listens one after another, so Tauri hands out the EventIds in this order.
  async function listenAll(items) {
    const out = []
    for (const item of items) out.push(await listenOne(item))
    return out
  }

  // A React useEffect that listens to the items and returns () => unlisten.then(f => f()) with
  // cleanup, or nothing without.
  async function effect(items, cleanup, listened) {
    const results = await listenAll(items)
    listened.push(...results)
    return cleanup ? () => items.map((item) => item.key).filter((key) => listeners.has(key)) : null
  }

  async function cleanupNow(keys) {
    await Promise.all(keys.map(unlistenKey))
    return keys
  }

  const ops = {
    async listen(op) {
      return { items: await listenAll(op.items) }
    },
    async unlisten(op) {
      await cleanupNow(op.keys.filter((key) => listeners.has(key)))
      return {}
    },
    async emit(op) {
      const call =
        op.api === 'emit_to'
          ? () => (op.has_payload ? T.event.emitTo(op.target, op.event, op.payload) : T.event.emitTo(op.target, op.event))
          : () => (op.has_payload ? T.event.emit(op.event, op.payload) : T.event.emit(op.event))
      return call().then(() => ({ ok: true }), (e) => ({ ok: false, error: text(e) }))
    },
    async invoke(op) {
      return T.core.invoke(op.command, op.args).then(
        (result) => ({ ok: true, result: result === undefined ? null : result }),
        (e) => ({ ok: false, error: text(e) })
      )
    },
    async mount(op) {
      const listened = []
      const unlistened = []
      let cleanup = await effect(op.rounds[0], op.cleanup, listened)
      if (op.strict) {
        if (cleanup) unlistened.push(...(await cleanupNow(cleanup())))
        cleanup = await effect(op.rounds[1], op.cleanup, listened)
      }
      components.set(op.component, cleanup)
      return { listened, unlistened }
    },
    async unmount(op) {
      const cleanup = components.get(op.component)
      components.delete(op.component)
      return { cleanup: !!cleanup, unlistened: cleanup ? await cleanupNow(cleanup()) : [] }
    }
  }

  window.__oracle = {
    closing: null,
    run(op) {
      track(
        ops[op.kind](op).then(
          (answer) => report({ kind: 'answer', op: op.op, answer }),
          (e) => report({ kind: 'answer', op: op.op, answer: { ok: false, error: text(e) } })
        )
      )
    },
    // Answers once every call this page started has answered. Evals run in the order they
    // were sent, so by then the page has also run every delivery queued before the ping.
    ping(round) {
      const answer = () => report({ kind: 'pong', round })
      if (pending === 0) answer()
      else idle.push(answer)
    }
  }

  countIpc()
  report({ kind: 'ready' })
})()
