// Stands in for src-tauri/src/lib.rs while the frontend runs in a browser tab: EventLab runs it
// in Node (`--backend backend.mjs`, or the Vite plugin's `serve: { backend }`). The default export
// has the shape of a mockIPC handler, (cmd, args, ctx) => value, so the same function can serve
// the app's unit tests through mockIPC.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function backend(cmd, args, ctx) {
  switch (cmd) {
    case "greet":
      // app.emit("greeted", name): every window's listeners hear it.
      await ctx?.emit("greeted", args.name);
      return `Hello, ${args.name}! You've been greeted from Rust!`;
    case "download": {
      const contentLength = 1000;
      args.onEvent.send({ event: "started", data: { url: args.url, contentLength } });
      for (let received = 0; received < contentLength; received += 100) {
        await sleep(50);
        args.onEvent.send({ event: "progress", data: { chunkLength: 100 } });
      }
      args.onEvent.send({ event: "finished" });
      return null;
    }
    default:
      return undefined; // not a command of this app: EventLab answers it, or Tauri's "not found"
  }
}
