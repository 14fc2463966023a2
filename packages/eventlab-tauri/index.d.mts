// Types of `eventlab-tauri` for `import`: the same as for `require` (index.d.cts).
export * from './index.cjs'
