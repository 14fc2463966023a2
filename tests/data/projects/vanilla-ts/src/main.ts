// As the vanilla-ts template's page does: the api from npm, bundled by Vite.
import { invoke } from "@tauri-apps/api/core";

window.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector<HTMLInputElement>("#greet-input")!;
  const message = document.querySelector<HTMLElement>("#greet-msg")!;
  document.querySelector("#greet-form")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    message.textContent = await invoke("greet", { name: input.value });
  });
});
