// The ESM entry of eventlab-tauri/vite (the plugin is written once, in vite.cjs).
import eventlab from './vite.cjs'

export { eventlab }
export default eventlab
