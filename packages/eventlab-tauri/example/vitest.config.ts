// Each test starts its own EventLab (and, on the first command, the backend's Node process):
// quick on an idle machine, seconds on a busy CI one. These are deadlines, not expectations:
// a test that works finishes as soon as it can.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 30_000 } },
  },
})
