// The seed guide's frontend on the unchanged @tauri-apps/api: it runs the same in a Tauri
// webview and, through /eventlab-tauri.js, in a browser tab against EventLab.
import { invoke } from '@tauri-apps/api/core';
import { listen, emitTo } from '@tauri-apps/api/event';
import { getCurrentWindow, getAllWindows } from '@tauri-apps/api/window';

const EVENT = 'test-event';
const $ = (id) => document.getElementById(id);
const current = getCurrentWindow();
const label = current.label;

$('label').textContent = label;
document.title = `${label} · seed frontend`;
$('target').value = label === 'main' ? 'settings' : 'main';

// ---- Listening, with cleanup ------------------------------------------------------------
// Two ways to listen, so the page shows Tauri's rule: a global listen() gets every emit,
// emit_to/emitTo another window included; getCurrentWindow().listen() only gets emits
// aimed at this window (or at everything).
const register = {
  global: (handler) => listen(EVENT, handler),
  window: (handler) => current.listen(EVENT, handler),
};
const unlisteners = { global: null, window: null };
let received = 0;

function show(kind, event) {
  const row = document.createElement('tr');
  row.dataset.event = event.event;
  row.dataset.kind = kind;
  row.dataset.id = String(event.id);
  row.dataset.payload = JSON.stringify(event.payload);
  for (const text of [++received, event.event, row.dataset.payload, event.id,
    kind === 'global' ? 'listen()' : 'getCurrentWindow().listen()']) {
    const cell = document.createElement('td');
    cell.textContent = String(text);
    row.append(cell);
  }
  $('received').prepend(row);
}

async function setListening(kind, on) {
  const button = $(`toggle-${kind}`);
  button.disabled = true;
  try {
    if (on && !unlisteners[kind]) {
      unlisteners[kind] = await register[kind]((event) => show(kind, event));
    } else if (!on && unlisteners[kind]) {
      const unlisten = unlisteners[kind];
      unlisteners[kind] = null;
      unlisten();
    }
  } finally {
    button.disabled = false;
    button.classList.toggle('on', !!unlisteners[kind]);
    button.dataset.on = unlisteners[kind] ? '1' : '0';
    button.title = unlisteners[kind] ? 'listening; click to unlisten' : 'not listening; click to listen';
  }
}

for (const kind of ['global', 'window']) {
  $(`toggle-${kind}`).addEventListener('click', () =>
    guard(setListening(kind, !unlisteners[kind])));
}

// The component's unmount in the seed guide: leave no listener behind.
function cleanup() {
  stopPeriodic();
  for (const kind of ['global', 'window']) {
    unlisteners[kind]?.();
    unlisteners[kind] = null;
  }
}
window.addEventListener('beforeunload', cleanup);

// ---- Sending ----------------------------------------------------------------------------
function guard(promise) {
  $('error').textContent = '';
  return promise.catch((error) => { $('error').textContent = String(error); });
}

const data = () => $('data').value;
const target = () => $('target').value.trim();

$('send-all').addEventListener('click', () =>
  guard(invoke('send_test_event_from_backend', { data: data() })));
$('send-specific').addEventListener('click', () =>
  guard(invoke('send_to_specific_window', { windowLabel: target(), data: data() })));
$('emit-to').addEventListener('click', () =>
  guard(emitTo(target(), EVENT, { data: data() })));

// The seed guide's background thread: every N seconds the backend emits test-event to all
// windows. Here the page's timer invokes send_test_event_from_backend, so the emit still
// comes from the backend (app.emit), as the thread's does.
let timer = null;
let sent = 0;
function stopPeriodic() {
  clearInterval(timer);
  timer = null;
  $('periodic').textContent = 'periodic sender: off';
  $('periodic').classList.remove('on');
}
$('periodic').addEventListener('click', () => {
  if (timer) return stopPeriodic();
  const seconds = Math.max(0.1, Number($('period').value) || 10);
  timer = setInterval(() =>
    guard(invoke('send_test_event_from_backend', { data: `periodic #${++sent} from ${label}` })),
  seconds * 1000);
  $('periodic').textContent = `periodic sender: every ${seconds} s`;
  $('periodic').classList.add('on');
});

$('clear').addEventListener('click', () => {
  $('received').replaceChildren();
  received = 0;
});

// ---- Windows ----------------------------------------------------------------------------
async function refreshWindows() {
  const labels = (await getAllWindows()).map((w) => w.label).sort();
  $('windows').replaceChildren(...labels.map((name) => {
    const item = document.createElement('li');
    item.textContent = name === label ? `${name} (this tab)` : name;
    item.dataset.label = name;
    return item;
  }));
}
$('refresh-windows').addEventListener('click', () => guard(refreshWindows()));

// EventLab destroyed this window (closed in the inspector, or by another page).
window.addEventListener('eventlab:destroyed', () => {
  stopPeriodic();
  $('status').textContent = 'window destroyed: reload to create it again';
  document.body.classList.add('destroyed');
});

async function start() {
  await Promise.all([setListening('global', true), setListening('window', true)]);
  // Built-in events keep the window list current; they go to global listeners everywhere.
  await listen('tauri://window-created', () => guard(refreshWindows()));
  await listen('tauri://destroyed', () => guard(refreshWindows()));
  await refreshWindows();
  $('status').textContent = 'connected';
  document.body.dataset.ready = '1';
}
guard(start());
