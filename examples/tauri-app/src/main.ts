import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { mountGreetings } from "./views/greetings";
import { mountLeaky } from "./views/leaky";

let greetInputEl: HTMLInputElement | null;
let greetMsgEl: HTMLElement | null;

async function greet() {
  if (greetMsgEl && greetInputEl) {
    // Learn more about Tauri commands at https://tauri.app/develop/calling-rust/
    greetMsgEl.textContent = await invoke("greet", {
      name: greetInputEl.value,
    });
  }
}

// What src-tauri/src/lib.rs's download command sends on its Channel.
type DownloadEvent =
  | { event: "started"; data: { url: string; contentLength: number } }
  | { event: "progress"; data: { chunkLength: number } }
  | { event: "finished" };

async function download() {
  const bar = document.querySelector<HTMLProgressElement>("#download-progress")!;
  const status = document.querySelector<HTMLElement>("#download-status")!;
  let total = 0;
  let received = 0;
  const onEvent = new Channel<DownloadEvent>();
  onEvent.onmessage = (message) => {
    if (message.event === "started") total = message.data.contentLength;
    if (message.event === "progress") received += message.data.chunkLength;
    bar.value = total > 0 ? (100 * received) / total : 0;
    status.textContent = message.event === "finished" ? "done" : `${received} / ${total} bytes`;
  };
  try {
    await invoke("download", { url: "https://tauri.app/assets/tauri.zip", onEvent });
  } catch (error) {
    status.textContent = `failed: ${error}`;
  }
}

// One view at a time; switching runs the cleanup the shown view returned, if it returned one.
let cleanup: (() => void) | void;
function show(view: string) {
  const root = document.querySelector<HTMLElement>("#view")!;
  if (cleanup) cleanup();
  cleanup = undefined;
  root.replaceChildren();
  if (view === "greetings") cleanup = mountGreetings(root);
  if (view === "leaky") cleanup = mountLeaky(root);
}

// The capabilities do not allow it: Tauri refuses, and so does EventLab, with Tauri's text.
async function rename() {
  const result = document.querySelector<HTMLElement>("#rename-result")!;
  try {
    await getCurrentWindow().setTitle("Renamed");
    result.textContent = "renamed";
    result.className = "";
  } catch (error) {
    result.textContent = String(error);
    result.className = "error";
  }
}

window.addEventListener("DOMContentLoaded", () => {
  greetInputEl = document.querySelector("#greet-input");
  greetMsgEl = document.querySelector("#greet-msg");
  document.querySelector("#greet-form")?.addEventListener("submit", (e) => {
    e.preventDefault();
    greet();
  });
  document.querySelector("#window-label")!.textContent = getCurrentWindow().label;
  document.querySelector("#download")?.addEventListener("click", () => void download());
  document.querySelector("#rename")?.addEventListener("click", () => void rename());
  for (const button of document.querySelectorAll<HTMLButtonElement>("nav button")) {
    button.addEventListener("click", () => show(button.dataset.view ?? "none"));
  }
  show("greetings");
});
