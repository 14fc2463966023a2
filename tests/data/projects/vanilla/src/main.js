// As the vanilla template's page does: the api comes from window.__TAURI__ (withGlobalTauri).
const { invoke } = window.__TAURI__.core;

window.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("#greet-input");
  const message = document.querySelector("#greet-msg");
  document.querySelector("#greet-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    message.textContent = await invoke("greet", { name: input.value });
  });
});
