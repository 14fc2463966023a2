import { listen } from "@tauri-apps/api/event";

let visits = 0;

// Counts the greetings heard during this visit, and never stops listening (on purpose: the
// promise of an UnlistenFn is dropped, as in an effect without a cleanup). Each visit adds a
// listener; the ones of earlier visits go on running for a view that is gone, and EventLab lists
// them as leaked.
export function mountLeaky(root: HTMLElement): void {
  visits += 1;
  root.innerHTML =
    `<h3>Leaky counter</h3><p>Visit ${visits}: <span id="leaky-count">0</span> greetings heard</p>`;
  const count = root.querySelector<HTMLSpanElement>("#leaky-count")!;
  let heard = 0;
  void listen("greeted", () => {
    heard += 1;
    count.textContent = String(heard);
  });
}
