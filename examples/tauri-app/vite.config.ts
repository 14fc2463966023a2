import { defineConfig } from "vite";
import eventlab from "eventlab-tauri/vite";

// @ts-expect-error process is a nodejs global
const host = process.env.TAURI_DEV_HOST;

// https://vite.dev/config/
export default defineConfig(async () => ({
  // EventLab in `npm run dev` only (not in `vite build`, not under `tauri dev`): it starts
  // `eventlab serve` with this app's src-tauri/ and backend.mjs standing in for its Rust commands.
  plugins: [eventlab({ serve: { backend: "backend.mjs" } })],

  // Vite options tailored for Tauri development and only applied in `tauri dev` or `tauri build`
  //
  // 1. prevent Vite from obscuring rust errors
  clearScreen: false,
  // 2. tauri expects a fixed port, fail if that port is not available
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host
      ? {
          protocol: "ws",
          host,
          port: 1421,
        }
      : undefined,
    watch: {
      // 3. tell Vite to ignore watching `src-tauri`
      ignored: ["**/src-tauri/**"],
    },
  },
}));
