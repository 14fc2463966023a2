// eventlab-tauri.js: the two globals Tauri injects into every webview
// (window.__TAURI_INTERNALS__, window.__TAURI_EVENT_PLUGIN_INTERNALS__), carried over a
// WebSocket to a running EventLab, so the unchanged @tauri-apps/api runs against the simulated
// backend. See docs/bridge.md for the wire format and the per-mode page behaviour.
//
// Browser: a classic <script src="http://127.0.0.1:PORT/eventlab-tauri.js" data-label="main">
// before the app's scripts; the page connects at once.
// Node: require() it and `await connect({url, label, WebSocket})`; nothing happens on require.
// The globals are installed once and act for the current page: the one whose page.run(fn) the
// code runs in (tracked with AsyncLocalStorage, so awaits and the handlers the bridge calls
// keep it), else the first connected page that is still open.
//
// One file, no dependencies, no build step: the bridge embeds it and serves it as is.
;(function (root) {
  'use strict'

  var isNode = typeof module === 'object' && module && module.exports

  var SOCKET_OPEN = 1 // WebSocket.OPEN, the same in browsers and in the ws package

  function describe(value) {
    return value instanceof Error ? value.message : String(value)
  }

  // An error thrown by a handler must not stop the other messages of its frame; report it the
  // way an uncaught error would be reported.
  function reportError(error) {
    if (typeof root.reportError === 'function') root.reportError(error)
    else queueMicrotask(function () { throw error })
  }

  // Tauri 2.x picks callback ids at random (crypto.getRandomValues); so do we, so app code
  // that leans on ids being small or sequential fails here as it would in Tauri.
  function randomId(taken) {
    for (;;) {
      var id = root.crypto && root.crypto.getRandomValues
        ? root.crypto.getRandomValues(new Uint32Array(1))[0]
        : Math.floor(Math.random() * 0x100000000)
      if (!taken.has(id)) return id
    }
  }

  // A command that ends its caller's own window (no label, or its own): Tauri never answers it.
  function closesOwnWindow(entry, label) {
    var target = entry.args && entry.args.label
    var own = target === undefined || target === null || target === '' || target === label
    if (entry.cmd === 'plugin:app|exit') return true
    return own && (entry.cmd === 'plugin:window|destroy' || entry.cmd === 'plugin:window|close' ||
      entry.cmd === 'plugin:webview|webview_close')
  }

  // Tauri's IPC serialization (process-ipc-message-fn.js): Maps as objects, bytes as arrays, and
  // a value's own __TAURI_TO_IPC_KEY__ method (Channel, Resource, dpi types) for its JSON.
  var SERIALIZE_TO_IPC_FN = '__TAURI_TO_IPC_KEY__'
  function ipcReplacer(key, value) {
    void key
    if (value instanceof Map) return Object.fromEntries(value.entries())
    if (value instanceof Uint8Array) return Array.from(value)
    if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value))
    if (typeof value === 'object' && value !== null && SERIALIZE_TO_IPC_FN in value) {
      return value[SERIALIZE_TO_IPC_FN]()
    }
    return value
  }

  // The platform the page runs on, for what differs by platform in the page (convertFileSrc):
  // 'windows', 'android', or anything else.
  function pagePlatform() {
    if (isNode) return process.platform === 'win32' ? 'windows' : process.platform
    var nav = root.navigator || {}
    var name = (nav.userAgentData && nav.userAgentData.platform) || nav.platform || ''
    var agent = nav.userAgent || ''
    if (/android/i.test(agent) || /android/i.test(name)) return 'android'
    if (/^win/i.test(name) || /windows/i.test(agent)) return 'windows'
    return 'linux'
  }

  // ---------------------------------------------------------------------------------------
  // One page: one simulated webview window, one socket.

  function Page(options) {
    this.label = options.label
    this.url = options.url // ws://HOST:PORT/ipc
    this.pageUrl = options.pageUrl
    this.WebSocket = options.WebSocket
    this.onDestroyed = options.onDestroyed || function () {}
    this.onLost = options.onLost || function () {}
    this.wrap = options.wrap || function (fn) { return fn() } // Node: run as this page
    this.mode = null
    // What the page does differently per Tauri release, from the bridge's `ready` (never from the
    // mode's name): jsUnlistenAtOnce.
    this.flags = {}
    this.state = 'connecting' // connecting | ready | refused | destroyed | closed | lost
    this.failure = null // the text later invokes reject with
    this.nextInvokeId = 1
    this.waiting = [] // invoke messages made before `ready`
    this.pending = new Map() // invoke id -> {resolve, reject, cmd, args}
    this.callbacks = new Map() // Tauri's __TAURI_INTERNALS__.callbacks
    // Tauri's listener table (listen_js_script): event -> EventId -> {target, handlerId}.
    this.listeners = Object.create(null)
    this.metadata = {
      currentWindow: { label: this.label },
      currentWebview: { label: this.label, windowLabel: this.label }
    }
    var self = this
    this.ready = new Promise(function (resolve, reject) {
      self.settleReady = { resolve: resolve, reject: reject }
    })
    this.ready.catch(function () {}) // a browser page has nobody awaiting it
    this.closing = null
    this.open()
  }

  Page.prototype.open = function () {
    var self = this
    var socket
    try {
      socket = new this.WebSocket(this.url)
    } catch (error) {
      this.fail('lost', 'eventlab: cannot connect to ' + this.url + ': ' + describe(error))
      return
    }
    this.socket = socket
    socket.onopen = function () {
      self.wrap(function () {
        socket.send(JSON.stringify({ t: 'hello', label: self.label, url: self.pageUrl }))
      })
    }
    socket.onmessage = function (event) {
      self.wrap(function () { self.receive(event.data) })
    }
    socket.onerror = function () {} // onclose follows and says what happened
    socket.onclose = function (event) {
      self.wrap(function () { self.closed(event) })
    }
  }

  Page.prototype.receive = function (data) {
    var messages
    try {
      messages = JSON.parse(typeof data === 'string' ? data : String(data))
    } catch (error) {
      console.error('eventlab: unreadable message from EventLab: ' + describe(error))
      return
    }
    if (!Array.isArray(messages)) messages = [messages]
    for (var i = 0; i < messages.length; i++) {
      try {
        this.handle(messages[i])
      } catch (error) {
        reportError(error)
      }
    }
  }

  Page.prototype.handle = function (message) {
    switch (message && message.t) {
      case 'ready':
        return this.becomeReady(message)
      case 'refused':
        return this.refused(message.error)
      case 'result':
        return this.result(message)
      case 'emit':
        return this.deliver(message)
      case 'unregister':
        return this.dropListener(message.event, message.id)
      case 'callback':
        // Tauri's eval of runCallback(id, data): a Channel's {message, index} or {end, index}.
        return this.runCallback(message.id, message.data)
      case 'unlisten':
        return this.unlistenAsked(message.event, message.id)
      case 'destroyed':
        return this.destroyed('eventlab: window "' + this.label +
          '" was destroyed; reload the page to create it again')
      case 'reset':
        // The inspector replaced its session: this window belonged to the old one.
        return this.destroyed('eventlab: the EventLab session was reset; window "' +
          this.label + '" is gone; reload the page to join the new session')
      case 'error':
        console.error('eventlab: ' + message.message)
        return
      default:
        console.error('eventlab: unknown message from EventLab: ' + JSON.stringify(message))
    }
  }

  Page.prototype.becomeReady = function (message) {
    this.state = 'ready'
    this.mode = message.mode
    this.flags = message.flags || {}
    this.withGlobalTauri = !!message.withGlobalTauri
    var waiting = this.waiting
    this.waiting = []
    for (var i = 0; i < waiting.length; i++) this.sendText(waiting[i])
    this.settleReady.resolve(this)
  }

  Page.prototype.refused = function (error) {
    var text = 'eventlab: window "' + this.label + '" refused: ' + error
    this.fail('refused', text)
    if (!isNode) console.error(text) // Node: connect() rejects with it instead
  }

  Page.prototype.destroyed = function (text) {
    if (this.state === 'destroyed') return
    this.fail('destroyed', text)
    this.onDestroyed()
    // The bridge closes the socket next; closing from here too makes sure it goes.
    if (this.socket) this.socket.close()
  }

  Page.prototype.closed = function (event) {
    if (this.state === 'connecting' || this.state === 'ready') {
      var why = event && event.reason ? ': ' + event.reason : ''
      this.fail('lost', 'eventlab: connection to EventLab at ' + this.url + ' closed (code ' +
        (event ? event.code : '?') + why + ')')
      this.onLost(this.failure)
    }
    if (this.closing) this.closing.resolve()
  }

  // Ends the page for good: waiting and pending invokes reject, later ones too.
  Page.prototype.fail = function (state, text) {
    this.state = state
    this.failure = text
    this.settleReady.reject(new Error(text))
    var waiting = this.waiting
    this.waiting = []
    for (var i = 0; i < waiting.length; i++) this.settle(waiting[i].id, false, text)
    var self = this
    this.pending.forEach(function (entry, id) {
      // A window that destroys itself (onCloseRequested's destroy(), close() without a
      // handler) never hears back in Tauri either; resolving keeps that awaited call from
      // turning into an unhandled rejection.
      var own = state === 'destroyed' && closesOwnWindow(entry, self.label)
      self.settle(id, own, own ? null : text)
    })
  }

  Page.prototype.settle = function (id, ok, value) {
    var entry = this.pending.get(id)
    if (!entry) return
    this.pending.delete(id)
    if (ok) entry.resolve(value)
    else entry.reject(value)
  }

  Page.prototype.invoke = function (cmd, args) {
    var self = this
    if (args === undefined || args === null) args = {}
    // Tauri turns a missing payload (Option<JsonValue>) into null; JSON.stringify would drop
    // the key instead.
    if ((cmd === 'plugin:event|emit' || cmd === 'plugin:event|emit_to') &&
        args.payload === undefined) {
      args = Object.assign({}, args, { payload: null })
    }
    return new Promise(function (resolve, reject) {
      if (self.failure) return reject(self.failure)
      var message = { t: 'invoke', id: self.nextInvokeId++, cmd: cmd, args: args }
      // Serialize now, so an unserializable argument rejects this call only (and Channel's
      // toJSON runs while the caller can still see the error).
      var text
      try {
        text = JSON.stringify(message, ipcReplacer)
      } catch (error) {
        return reject('eventlab: arguments of ' + cmd + ' are not JSON: ' + describe(error))
      }
      self.pending.set(message.id, { resolve: resolve, reject: reject, cmd: cmd, args: args })
      var wire = { id: message.id, cmd: cmd, text: text }
      if (self.state === 'ready') self.sendText(wire)
      else self.waiting.push(wire)
    })
  }

  Page.prototype.sendText = function (wire) {
    try {
      this.socket.send(wire.text)
    } catch (error) {
      this.settle(wire.id, false, 'eventlab: cannot send ' + wire.cmd + ': ' + describe(error))
    }
  }

  Page.prototype.result = function (message) {
    var entry = this.pending.get(message.id)
    if (!entry) return
    if (message.ok && entry.cmd === 'plugin:event|listen') {
      // Tauri evals listen_js_script before the command returns: the table entry exists
      // before the promise resolves, so a delivery right after it finds the listener.
      var event = entry.args.event
      if (!this.listeners[event]) this.listeners[event] = Object.create(null)
      this.listeners[event][message.value] = {
        target: entry.args.target,
        handlerId: entry.args.handler
      }
    }
    this.settle(message.id, message.ok, message.ok ? message.value : message.error)
  }

  // Tauri's emit function (event_initialization_script): one event object per emit, its id
  // set before each handler; ids no longer in the table are skipped silently.
  Page.prototype.deliver = function (message) {
    var listeners = this.listeners[message.event] || {}
    var eventData = { event: message.event, payload: message.payload }
    var ids = message.ids || []
    for (var i = 0; i < ids.length; i++) {
      var listener = listeners[ids[i]]
      if (listener) {
        eventData.id = ids[i]
        this.runCallback(listener.handlerId, eventData)
      }
    }
  }

  // unlisten_js_script: the callback goes, and so does the table entry.
  Page.prototype.dropListener = function (event, id) {
    var listeners = this.listeners[event]
    var listener = listeners && listeners[id]
    if (!listener) return
    this.unregisterCallback(listener.handlerId)
    delete listeners[id]
  }

  // The inspector's × on one of this page's listeners: what the unlisten function that
  // listen() returned does (@tauri-apps/api's _unlisten), so the page, its table and the
  // backend all go through the page's own unlisten.
  Page.prototype.unlistenAsked = function (event, id) {
    this.unregisterListener(event, id)
    this.invoke('plugin:event|unlisten', { event: event, eventId: id }).catch(function (error) {
      console.error('eventlab: unlisten of listener ' + id + ' asked by EventLab: ' +
        describe(error))
    })
  }

  Page.prototype.unregisterListener = function (event, id) {
    // 2.0 keeps the callback until the backend's later unregister message (PR #13306 changed
    // this in 2.x), so deliveries already queued still run it.
    if (!this.flags.jsUnlistenAtOnce) return
    // Tauri's unlisten_js_script since then: the callback goes, the table entry stays, so a
    // delivery already on its way finds the entry and runCallback warns that the callback is gone.
    var listeners = this.listeners[event]
    var listener = listeners && listeners[id]
    if (listener) this.unregisterCallback(listener.handlerId)
  }

  Page.prototype.transformCallback = function (callback, once) {
    var self = this
    var id = randomId(this.callbacks)
    this.callbacks.set(id, function (data) {
      if (once) self.unregisterCallback(id)
      return callback && callback(data)
    })
    return id
  }

  Page.prototype.unregisterCallback = function (id) {
    this.callbacks.delete(id)
  }

  Page.prototype.runCallback = function (id, data) {
    var callback = this.callbacks.get(id)
    if (callback) {
      callback(data)
    } else {
      console.warn("[TAURI] Couldn't find callback id " + id + '. This might happen when the ' +
        'app is reloaded while Rust is running an asynchronous operation.')
    }
  }

  Page.prototype.close = function () {
    if (!this.closing) {
      var settle
      var done = new Promise(function (resolve) { settle = resolve })
      this.closing = { promise: done, resolve: settle }
      var socket = this.socket
      if (this.state === 'connecting' || this.state === 'ready') {
        this.fail('closed', 'eventlab: page "' + this.label + '" was closed')
      }
      if (!socket || socket.readyState === 3 /* CLOSED */) settle()
      else socket.close(1000)
    }
    return this.closing.promise
  }

  // ---------------------------------------------------------------------------------------
  // The globals. They call `current()`: the one page in a browser; in Node the page of the
  // running code (see connect).

  function installGlobals(current) {
    var internals = {
      invoke: function (cmd, args, options) {
        // Tauri's request options (headers) have no counterpart on the simulated backend.
        void options
        try {
          return current().invoke(cmd, args)
        } catch (error) {
          return Promise.reject(describe(error))
        }
      },
      transformCallback: function (callback, once) {
        return current().transformCallback(callback, !!once)
      },
      unregisterCallback: function (id) {
        current().unregisterCallback(id)
      },
      runCallback: function (id, data) {
        current().runCallback(id, data)
      },
      // Tauri's core.js: Windows and Android serve custom protocols from http://NAME.localhost/
      // (useHttpsScheme aside), the others from NAME://localhost/; the page's platform decides.
      convertFileSrc: function (filePath, protocol) {
        if (protocol === undefined) protocol = 'asset'
        var path = encodeURIComponent(filePath)
        var platform = pagePlatform()
        return platform === 'windows' || platform === 'android'
          ? 'http://' + protocol + '.localhost/' + path
          : protocol + '://localhost/' + path
      },
      // The path plugin's init script: the separators of the backend's platform (Linux).
      plugins: { path: { sep: '/', delimiter: ':' } }
    }
    Object.defineProperty(internals, 'callbacks', {
      get: function () { return current().callbacks },
      enumerable: true
    })
    Object.defineProperty(internals, 'metadata', {
      get: function () { return current().metadata },
      enumerable: true
    })
    root.__TAURI_INTERNALS__ = internals
    root.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
      unregisterListener: function (event, eventId) {
        current().unregisterListener(event, eventId)
      }
    }
    // @tauri-apps/api's isTauri() reads this; apps use it to pick their Tauri code path.
    if (root.isTauri === undefined) root.isTauri = true
  }

  // http://HOST:PORT[/…] or ws://… -> ws://HOST:PORT/ipc
  function socketUrl(base) {
    var url = new URL(base)
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:'
    url.pathname = '/ipc'
    url.search = ''
    url.hash = ''
    return url.href
  }

  // ---------------------------------------------------------------------------------------
  // Node

  if (isNode) {
    var AsyncLocalStorage = require('node:async_hooks').AsyncLocalStorage
    var als = new AsyncLocalStorage()
    var pages = [] // connected pages, oldest first
    var installed = false

    // The page the running code belongs to: the AsyncLocalStorage store (page.run, and the
    // handlers the bridge calls) if set, else the first connected page still open.
    var current = function () {
      var page = als.getStore()
      if (page) return page
      for (var i = 0; i < pages.length; i++) {
        if (pages[i].state === 'ready' || pages[i].state === 'connecting') return pages[i]
      }
      if (pages.length > 0) return pages[pages.length - 1]
      throw new Error('eventlab: no page: call connect() first')
    }

    var connect = async function (options) {
      options = options || {}
      if (!options.url) throw new Error('eventlab: connect() needs {url}')
      var WebSocketClass = options.WebSocket || globalThis.WebSocket
      if (!WebSocketClass) {
        throw new Error('eventlab: no WebSocket class: pass {WebSocket} (the ws package)')
      }
      if (!installed) {
        if (typeof globalThis.window === 'undefined') globalThis.window = globalThis
        installGlobals(current)
        installed = true
      }
      var resolveDestroyed
      var destroyed = new Promise(function (resolve) { resolveDestroyed = resolve })
      var page = new Page({
        label: options.label || 'main',
        url: socketUrl(options.url),
        // The URL the page stands for: what Tauri's permission check sees (a remote one gets
        // only what a capability for its URL grants); by default a local one.
        pageUrl: options.pageUrl || 'node:' + (process.argv[1] || process.title),
        WebSocket: WebSocketClass,
        onDestroyed: function () { resolveDestroyed() },
        wrap: function (fn) { return als.run(page, fn) }
      })
      pages.push(page)
      try {
        await page.ready
      } catch (error) {
        pages.splice(pages.indexOf(page), 1)
        await page.close()
        throw error
      }
      return {
        label: page.label,
        get mode() { return page.mode },
        get flags() { return page.flags },
        get withGlobalTauri() { return page.withGlobalTauri },
        run: function (fn) { return als.run(page, fn) },
        close: async function () {
          await page.close()
          var at = pages.indexOf(page)
          if (at >= 0) pages.splice(at, 1)
        },
        destroyed: destroyed
      }
    }

    module.exports = { connect: connect }
    return
  }

  // ---------------------------------------------------------------------------------------
  // Browser: connect at once, as the page's own window.

  // Node reading this file as an ES module (a copy saved as .js in a "type": "module" package)
  // has neither `module` to export connect() through nor a page to connect: say so.
  if (!root.document && typeof process === 'object' && process.versions && process.versions.node) {
    throw new Error('eventlab-tauri.js: Node loaded this file as an ES module, which cannot ' +
      "export connect(); use the npm package (import { connect } from 'eventlab-tauri'), or " +
      'save the file as eventlab-tauri.cjs and require() it')
  }

  // Inside a real Tauri webview the real globals are already there: leave them alone.
  if (root.__TAURI_INTERNALS__ && typeof root.__TAURI_INTERNALS__.ipc === 'function') {
    console.warn('eventlab: a real Tauri webview; eventlab-tauri.js does nothing here')
    return
  }
  var script = root.document && root.document.currentScript
  var params = new URLSearchParams(root.location ? root.location.search : '')
  // The URL wins, so one index.html (with data-label="main") serves every tab.
  var label = params.get('eventlab-label') ||
    (script && script.dataset && script.dataset.label) || 'main'
  var page = new Page({
    label: label,
    url: socketUrl(script && script.src ? script.src : root.location.href),
    pageUrl: root.location ? root.location.href : '',
    WebSocket: root.WebSocket,
    onDestroyed: function () {
      if (typeof root.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
        root.dispatchEvent(new CustomEvent('eventlab:destroyed', { detail: { label: label } }))
      }
    },
    // Node callers see the rejections; a page's developer needs the console to know why
    // nothing works any more. Leaving the page closes the socket too: that is no news.
    onLost: function (text) {
      if (!leaving) console.error(text)
    }
  })
  var leaving = false
  if (typeof root.addEventListener === 'function') {
    root.addEventListener('pagehide', function () { leaving = true })
    root.addEventListener('pageshow', function () { leaving = false })
  }
  installGlobals(function () { return page })
})(typeof window !== 'undefined' ? window : globalThis)
