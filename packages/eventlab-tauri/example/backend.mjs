// A stand-in for the app's Rust commands, with the shape of a mockIPC handler:
// (cmd, args, ctx) => value. EventLab runs it in a Node process of its own (--backend).
export default function backend(cmd, args, ctx) {
  switch (cmd) {
    case 'greet':
      // app.emit("greeted", name) in Rust: every window's listener hears it.
      ctx?.emit('greeted', args.name)
      return `Hello, ${args.name}! You've been greeted from Rust!`
    case 'fail':
      throw new Error(`cannot ${args.what}`)
    default:
      return undefined // not ours: EventLab's declared commands, else "Command NAME not found"
  }
}
