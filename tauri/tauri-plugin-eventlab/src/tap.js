// EventLab's tap, injected into every webview of the app (a plugin init script, after Tauri's
// own). Tauri defines window.__TAURI_INTERNALS__ and its invoke / transformCallback / runCallback
// as read-only, non-configurable properties, so they cannot be replaced; the tap watches the
// places they go through instead:
//  - every invoke ends in a fetch of ipc://localhost/COMMAND (Tauri's IPC protocol): the command,
//    its arguments and its answer;
//  - every callback Tauri runs, event deliveries included, is looked up by its id: the handlers
//    that listen registered, and the {event, id, payload} Tauri hands each of them. Where it is
//    looked up depends on the release:
//      Tauri 2.1 and later: in __TAURI_INTERNALS__.callbacks (a Map), whose `get` the tap wraps;
//      Tauri 2.0.x: in window[`_${id}`], a property transformCallback defines as configurable,
//      which the tap redefines (the same way) around the handler as listen sends its id.
// What it sees goes, in order, to the plugin (POST to the eventlab-tap: scheme), which forwards it
// to EventLab. Anything the page sends to Tauri after an observation waits until that
// observation has reached the plugin, so EventLab sees a page's emit before any delivery of it.
;(function () {
  const internals = window.__TAURI_INTERNALS__
  if (!internals || window.__EVENTLAB_TAP__) return
  Object.defineProperty(window, '__EVENTLAB_TAP__', { value: true })

  const realFetch = window.fetch.bind(window)
  const endpoint = internals.convertFileSrc('report', 'eventlab-tap')
  const ipcPrefix = internals.convertFileSrc('', 'ipc')

  // ---- reports: batched, one POST in flight, in order
  let pending = []
  let sent = Promise.resolve()
  function post() {
    const batch = pending
    pending = []
    return realFetch(endpoint, { method: 'POST', body: JSON.stringify(batch) }).then(
      () => {},
      () => {}
    )
  }
  // Resolves once the record has reached the plugin.
  function report(record) {
    pending.push(record)
    if (pending.length === 1) sent = sent.then(post)
    return sent
  }

  // ---- listeners: callback id -> what listen said, and the listener id once known
  const handlers = new Map()

  function listenRecord(h, listener) {
    h.listener = listener
    return { type: 'listen', listener, event: h.event, target: h.target }
  }

  // The handler `fn` of listen `h`, reporting each delivery before it runs.
  function watched(fn, h) {
    return function (data) {
      // A delivery can overtake listen's own answer: its id says which listener it is.
      if (h.listener === undefined && data && typeof data.id === 'number') {
        report(listenRecord(h, data.id))
      }
      report({ type: 'deliver', listener: data.id, event: data.event, payload: data.payload })
      return fn(data)
    }
  }

  const callbacks = internals.callbacks
  if (callbacks) {
    const realGet = callbacks.get.bind(callbacks)
    Object.defineProperty(callbacks, 'get', {
      configurable: true,
      value: function (id) {
        const fn = realGet(id)
        const h = handlers.get(id)
        return fn && h ? watched(fn, h) : fn
      }
    })
  }

  // Tauri 2.0.x: the handler is window[`_${id}`], defined (configurable) by transformCallback
  // before listen is sent; Tauri's event script calls it from there on each delivery.
  function watchWindowCallback(id, h) {
    const prop = `_${id}`
    const own = Object.getOwnPropertyDescriptor(window, prop)
    if (!own || !own.configurable || typeof own.value !== 'function') return
    Object.defineProperty(window, prop, {
      value: watched(own.value, h),
      writable: false,
      configurable: true
    })
  }

  // ---- invokes
  function parseBody(init) {
    if (!init || typeof init.body !== 'string') return null
    try {
      return JSON.parse(init.body)
    } catch (e) {
      return null
    }
  }

  // Records made when the command is sent. An emit must reach EventLab before its deliveries.
  function beforeCall(cmd, args) {
    if (cmd === 'plugin:event|listen' && args) {
      const h = { event: args.event, target: args.target }
      handlers.set(args.handler, h)
      if (!callbacks) watchWindowCallback(args.handler, h)
    } else if (cmd === 'plugin:event|unlisten' && args) {
      report({ type: 'unlisten', listener: args.eventId, event: args.event })
    } else if (cmd === 'plugin:event|emit' && args) {
      report({ type: 'emit', api: 'emit', event: args.event, payload: args.payload ?? null })
    } else if (cmd === 'plugin:event|emit_to' && args) {
      report({
        type: 'emit',
        api: 'emit_to',
        event: args.event,
        target: args.target,
        payload: args.payload ?? null
      })
    }
  }

  function answerOf(response) {
    const ok = response.headers.get('Tauri-Response') === 'ok'
    const type = (response.headers.get('content-type') || '').split(',')[0]
    const body =
      type === 'application/json'
        ? response.json()
        : type === 'text/plain'
          ? response.text()
          : response.arrayBuffer().then((b) => `<${b.byteLength} bytes>`)
    return body.then((value) => ({ ok, value }))
  }

  function afterCall(cmd, args, answer) {
    if (cmd === 'plugin:event|listen') {
      const h = args && handlers.get(args.handler)
      if (!h) return
      if (!answer.ok) {
        handlers.delete(args.handler)
        report({ type: 'invoke', command: cmd, args, ok: false, error: String(answer.value) })
      } else if (h.listener === undefined) {
        report(listenRecord(h, answer.value))
      }
      return
    }
    if (cmd.startsWith('plugin:event|') && answer.ok) return
    const record = { type: 'invoke', command: cmd, args, ok: answer.ok }
    if (answer.ok) record.result = answer.value ?? null
    else record.error = typeof answer.value === 'string' ? answer.value : JSON.stringify(answer.value)
    report(record)
  }

  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input && input.url
    if (typeof url !== 'string' || !url.startsWith(ipcPrefix)) return realFetch(input, init)
    const cmd = decodeURIComponent(url.slice(ipcPrefix.length).split('?')[0])
    const args = parseBody(init)
    beforeCall(cmd, args)
    const send = () =>
      realFetch(input, init).then((response) => {
        answerOf(response.clone()).then((answer) => afterCall(cmd, args, answer), () => {})
        return response
      })
    return sent.then(send)
  }
})()
