// App code under test: what a Tauri frontend calls, unchanged.
import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'

export function greet(name: string): Promise<string> {
  return invoke<string>('greet', { name })
}

// Calls `onGreeted` with each name the backend says it greeted.
export function watchGreetings(onGreeted: (name: string) => void): Promise<UnlistenFn> {
  return listen<string>('greeted', (event) => onGreeted(event.payload))
}
