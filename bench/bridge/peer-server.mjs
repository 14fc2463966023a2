// The peer: a plain Node `ws` server doing the bridge's fan-out and nothing else. It speaks
// the bridge's wire format (docs/bridge.md: hello → ready, invoke → result, deliveries as
// {"t":"emit",…,"ids":[…]} in array frames) so that the very same clients, the real
// @tauri-apps/api over eventlab-tauri.js, drive it and `eventlab serve` alike. What it does not
// do, and EventLab does: Tauri's routing rules (targets, modes, once/unlisten semantics),
// windows and their lifecycle events, the event log and trace recording, the send-queue limit.
//
// A listener is (page, event) → ids; an emit is sent to every page with a listener for that
// event, one frame per page and emit (what a plain server does: ws.send per delivery).
//
// node peer-server.mjs → prints "peer: listening on http://127.0.0.1:PORT" (port 0 = any free).
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ipc', maxPayload: 16 << 20 });
const listeners = new Map(); // event -> Map(socket -> [ids])
let nextListener = 1;

function reply(socket, id, ok, value) {
  socket.send(ok
    ? `[{"t":"result","id":${id},"ok":true,"value":${JSON.stringify(value ?? null)}}]`
    : `[{"t":"result","id":${id},"ok":false,"error":${JSON.stringify(value)}}]`);
}

function forget(socket) {
  for (const [event, pages] of listeners) {
    pages.delete(socket);
    if (pages.size === 0) listeners.delete(event);
  }
}

function invoke(socket, message) {
  const args = message.args || {};
  switch (message.cmd) {
    case 'plugin:event|listen': {
      const id = nextListener++;
      let pages = listeners.get(args.event);
      if (!pages) listeners.set(args.event, (pages = new Map()));
      const ids = pages.get(socket);
      if (ids) ids.push(id);
      else pages.set(socket, [id]);
      return reply(socket, message.id, true, id);
    }
    case 'plugin:event|unlisten': {
      const pages = listeners.get(args.event);
      const ids = pages && pages.get(socket);
      if (ids) {
        const at = ids.indexOf(args.eventId);
        if (at >= 0) ids.splice(at, 1);
        if (ids.length === 0) pages.delete(socket);
      }
      return reply(socket, message.id, true, null);
    }
    case 'plugin:event|emit': {
      const pages = listeners.get(args.event);
      if (pages) {
        const head = `[{"t":"emit","event":${JSON.stringify(args.event)},"payload":` +
          `${JSON.stringify(args.payload ?? null)},"ids":[`;
        for (const [page, ids] of pages) page.send(head + ids.join(',') + ']}]');
      }
      return reply(socket, message.id, true, null);
    }
    default:
      return reply(socket, message.id, false, `Command ${message.cmd} not found`);
  }
}

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return socket.send('[{"t":"error","message":"not JSON"}]');
    }
    if (message.t === 'invoke') return invoke(socket, message);
    if (message.t === 'hello') {
      return socket.send(`[{"t":"ready","label":${JSON.stringify(message.label)},"mode":"stable"}]`);
    }
  });
  socket.on('close', () => forget(socket));
  socket.on('error', () => {});
});

wss.on('listening', () => {
  console.log(`peer: listening on http://127.0.0.1:${wss.address().port}`);
});

process.on('message', (message) => {
  if (message === 'gc' && global.gc) {
    global.gc();
    process.send('gc-done');
  }
});
process.on('SIGTERM', () => process.exit(0));
