import { listen } from "@tauri-apps/api/event";

// Lists each name the backend greets while the view is shown. The function it returns stops
// listening: what a React effect's cleanup does.
export function mountGreetings(root: HTMLElement): () => void {
  root.innerHTML = '<h3>Greetings</h3><ul id="greetings"></ul>';
  const list = root.querySelector<HTMLUListElement>("#greetings")!;
  const unlisten = listen<string>("greeted", (event) => {
    const item = document.createElement("li");
    item.textContent = event.payload;
    list.append(item);
  });
  return () => {
    void unlisten.then((stop) => stop());
  };
}
