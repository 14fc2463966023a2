//! The oracle's shared state: the listeners it registered, the pages it talks to, the journal of
//! the running step, and the waits. Rust handlers, the pages' reports (through `oracle_report`)
//! and the app's run loop all write here; the step runner reads it.
//!
//! Never call into Tauri while holding `state`: Tauri calls the handlers, which lock it.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tauri::{AppHandle, EventTarget, Manager};

use crate::journal::{Delivery, Emit, Journal};
use crate::scenario::{Command, Step};
use crate::trace::{record, TraceWriter};

/// How long a page may take to answer, a window to load, a step to settle.
pub const DEADLINE: Duration = Duration::from_secs(30);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Side {
    Rust,
    Js,
}

/// One listener the scenario registered, known by the oracle's key. `id` is Tauri's EventId,
/// None until Tauri took the listen (a JS listen answers later; a refused one never).
pub struct Listener {
    pub id: Option<u32>,
    pub side: Side,
    pub in_: Option<String>,
    pub event: String,
    pub target: EventTarget,
    pub name: Option<String>,
    pub component: Option<String>,
    pub actions: Arc<Vec<Step>>,
    pub calls: u64,
    pub last_payload: Option<Value>,
    pub last_at: u64, // when it was last called, in the oracle's count of observations
}

#[derive(Default)]
struct Page {
    ready: bool,
    gone: bool,
    pong: u64,
}

#[derive(Default)]
pub struct State {
    pub listeners: Vec<Listener>,
    next_id: u32,
    pages: HashMap<String, Page>,
    pub open: Vec<String>, // open windows, in creation order
    results: HashMap<u64, Value>,
    next_op: u64,
    pub errors: Vec<String>,
    pub invoke_results: HashMap<String, Value>,
    pub closing: Option<String>,
    pub unmounted: Vec<(String, String)>, // components unmounted without cleanup
    pub handler_emits: usize,
    busy: i64, // delegated handler actions still running
    reports: u64,
    main_marks: u64,
}

pub struct Oracle {
    pub commands: Vec<Command>,
    app: OnceLock<AppHandle>,
    state: Mutex<State>,
    changed: Condvar,
    journal: Mutex<Journal>,
    trace: Mutex<TraceWriter>,
}

impl Oracle {
    pub fn new(release: &str, commands: Vec<Command>, trace: TraceWriter) -> Self {
        Self {
            commands,
            app: OnceLock::new(),
            state: Mutex::default(),
            changed: Condvar::new(),
            journal: Mutex::new(Journal::new(release)),
            trace: Mutex::new(trace),
        }
    }

    pub fn set_app(&self, app: AppHandle) {
        let _ = self.app.set(app);
    }

    pub fn app(&self) -> &AppHandle {
        self.app.get().expect("the app is set in setup")
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn journal(&self) -> MutexGuard<'_, Journal> {
        self.journal.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Something happened that a settling step must wait for.
    fn observed(&self, mut state: MutexGuard<'_, State>) {
        state.reports += 1;
        drop(state);
        self.changed.notify_all();
    }

    // ---- the journal ------------------------------------------------------------------------

    pub fn emit(&self, emit: Emit) -> u32 {
        let id = self.journal().emit(Instant::now(), emit);
        self.observed(self.state());
        id
    }

    pub fn retract(&self, id: u32) {
        self.journal().retract(id);
    }

    pub fn record(&self, kind: &str, fields: Value) {
        self.journal().record(Instant::now(), record(kind, fields));
    }

    pub fn error(&self, op: &str, message: String, panic: bool) {
        self.record(
            "error",
            json!({"message": message, "op": op, "panic": panic}),
        );
        let mut state = self.state();
        state.errors.push(message);
        self.observed(state);
    }

    /// Writes the step's records to the trace.
    pub fn flush_step(&self) -> std::io::Result<()> {
        let records = self.journal().drain_step();
        let mut trace = self.trace.lock().unwrap_or_else(|e| e.into_inner());
        for (at, r) in records {
            trace.write(at, r)?;
        }
        Ok(())
    }

    // ---- listeners ----------------------------------------------------------------------------

    /// Makes room for a listener before Tauri has it, so its handler can name it from the start.
    pub fn reserve(&self, listener: Listener) -> u64 {
        let mut state = self.state();
        state.listeners.push(listener);
        state.listeners.len() as u64 - 1
    }

    /// Tauri took the listen: gives the listener its EventId (`id`, or the next of the one
    /// counter per app that Rust and JS listeners share, from 0) and journals the listen.
    pub fn confirm(&self, key: u64, id: Option<u32>, once: bool, deferred: bool) -> u32 {
        let mut state = self.state();
        let id = id.unwrap_or(state.next_id);
        state.next_id = state.next_id.max(id + 1);
        let l = &mut state.listeners[key as usize];
        l.id = Some(id);
        let mut fields = json!({
            "listener": id, "event": l.event, "side": side_name(l.side), "in": l.in_,
            "target": l.target, "once": once,
        });
        if let Some(name) = &l.name {
            fields["name"] = name.clone().into();
        }
        fields["deferred"] = deferred.into();
        self.observed(state);
        self.record("listen", fields);
        id
    }

    /// Journals the unlisten of a listener ("unlisten", "once", "unmount").
    pub fn unlistened(&self, key: u64, reason: &str, deferred: bool) {
        let (id, event) = self.with_listener(key, |l| (l.id, l.event.clone()));
        if let Some(id) = id {
            self.record(
                "unlisten",
                json!({"listener": id, "reason": reason, "deferred": deferred, "event": event}),
            );
        }
    }

    pub fn keys_named(&self, name: &str) -> Vec<u64> {
        let state = self.state();
        (0..state.listeners.len() as u64)
            .filter(|k| state.listeners[*k as usize].name.as_deref() == Some(name))
            .collect()
    }

    pub fn with_listener<T>(&self, key: u64, f: impl FnOnce(&Listener) -> T) -> T {
        f(&self.state().listeners[key as usize])
    }

    /// A handler ran: counts the call and journals the delivery. `id` is what Tauri passed the
    /// handler; a mismatch with the counted id is reported, so a wrong count cannot hide.
    pub fn delivered(&self, key: u64, id: u32, payload: Value) {
        let mut state = self.state();
        let gone = |label: &Option<String>| label.as_ref().is_some_and(|l| !state.open.contains(l));
        let l = &state.listeners[key as usize];
        let stale = gone(&l.in_)
            || target_label(&l.target)
                .is_some_and(|t| l.side == Side::Rust && !state.open.iter().any(|o| o == t))
            || l.component.as_ref().is_some_and(|c| {
                state
                    .unmounted
                    .contains(&(l.in_.clone().unwrap_or_default(), c.clone()))
            });
        let counted = l.id.unwrap_or(id);
        let delivery = Delivery {
            key,
            listener: counted,
            side: side_name(l.side),
            in_: l.in_.clone(),
            event: l.event.clone(),
            payload: payload.clone(),
            name: l.name.clone(),
            stale,
        };
        let now = state.reports;
        let l = &mut state.listeners[key as usize];
        l.calls += 1;
        l.last_payload = Some(payload);
        l.last_at = now;
        self.observed(state);
        self.journal().deliver(Instant::now(), delivery);
        if counted != id {
            self.error(
                "oracle",
                format!("oracle: counted listener id {counted}, Tauri passed {id}"),
                false,
            );
        }
    }

    /// Counts an emit made by a handler in this step; false past `limit`.
    pub fn count_handler_emit(&self, limit: usize) -> bool {
        let mut state = self.state();
        state.handler_emits += 1;
        state.handler_emits <= limit
    }

    pub fn busy(&self, delta: i64) {
        let mut state = self.state();
        state.busy += delta;
        self.observed(state);
    }

    // ---- pages --------------------------------------------------------------------------------

    pub fn page_ready(&self, label: &str) {
        let mut state = self.state();
        state.pages.entry(label.to_string()).or_default().ready = true;
        self.observed(state);
    }

    /// A window is being made: its page has not loaded yet, whatever an older window with
    /// this label did.
    pub fn window_opening(&self, label: &str) {
        let mut state = self.state();
        state.pages.insert(label.to_string(), Page::default());
        if !state.open.iter().any(|l| l == label) {
            state.open.push(label.to_string());
        }
    }

    pub fn window_gone(&self, label: &str) {
        let mut state = self.state();
        state.pages.entry(label.to_string()).or_default().gone = true;
        state.open.retain(|l| l != label);
        self.observed(state);
    }

    pub fn pong(&self, label: &str, round: u64) {
        let mut state = self.state();
        let page = state.pages.entry(label.to_string()).or_default();
        page.pong = page.pong.max(round);
        drop(state);
        self.changed.notify_all();
    }

    pub fn answer(&self, op: u64, result: Value) {
        let mut state = self.state();
        state.results.insert(op, result);
        self.observed(state);
    }

    pub fn next_op(&self) -> u64 {
        let mut state = self.state();
        state.next_op += 1;
        state.next_op
    }

    /// Waits for the page's answer to op `op`; None when the page's window is gone first.
    pub fn wait_answer(&self, label: &str, op: u64) -> Result<Option<Value>, String> {
        let mut found = None;
        self.wait(&format!("`{label}` to answer"), |s| {
            if let Some(v) = s.results.remove(&op) {
                found = Some(v);
                return true;
            }
            s.pages.get(label).is_none_or(|p| p.gone)
        })?;
        Ok(found)
    }

    pub fn wait_ready(&self, label: &str) -> Result<(), String> {
        self.wait(&format!("window `{label}` to load its page"), |s| {
            s.pages.get(label).is_some_and(|p| p.ready || p.gone)
        })
    }

    pub fn eval(&self, label: &str, js: &str) -> bool {
        match self.app().get_webview_window(label) {
            Some(w) => w.eval(js).is_ok(),
            None => false,
        }
    }

    // ---- settling -----------------------------------------------------------------------------

    /// Returns when everything the step queued has run: the main thread has run what was sent
    /// to it, every open page has run its queue and Tauri has answered every IPC call the page
    /// has on its way (the ones Tauri's API makes without awaiting them too: dist/oracle.js
    /// answers a ping only then), and two such rounds in a row saw nothing new.
    pub fn settle(self: &Arc<Self>) -> Result<(), String> {
        let mut quiet = 0;
        let mut round = 0;
        while quiet < 2 {
            let before = self.state().reports;
            round += 1;
            self.main_thread_round_trip()?;
            let labels: Vec<String> = {
                let s = self.state();
                s.pages
                    .iter()
                    .filter(|(_, p)| p.ready && !p.gone)
                    .map(|(l, _)| l.clone())
                    .collect()
            };
            let mark = self
                .state()
                .pages
                .values()
                .map(|p| p.pong)
                .max()
                .unwrap_or(0)
                + 1;
            for label in &labels {
                self.eval(label, &format!("window.__oracle && __oracle.ping({mark})"));
            }
            self.wait("every page to run its queue", |s| {
                s.busy == 0
                    && labels
                        .iter()
                        .all(|l| s.pages.get(l).is_none_or(|p| p.gone || p.pong >= mark))
            })?;
            quiet = if self.state().reports == before {
                quiet + 1
            } else {
                0
            };
            if round > 1000 {
                return Err("the step never settled (1000 rounds with news)".into());
            }
        }
        Ok(())
    }

    fn main_thread_round_trip(self: &Arc<Self>) -> Result<(), String> {
        let target = self.state().main_marks + 1;
        let me = self.clone();
        self.app()
            .run_on_main_thread(move || {
                let mut s = me.state();
                s.main_marks = s.main_marks.max(target);
                drop(s);
                me.changed.notify_all();
            })
            .map_err(|e| format!("the main thread is gone: {e}"))?;
        self.wait("the main thread", |s| s.main_marks >= target)
    }

    fn wait(&self, what: &str, mut done: impl FnMut(&mut State) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + DEADLINE;
        let mut state = self.state();
        while !done(&mut state) {
            let now = Instant::now();
            if now >= deadline {
                return Err(format!(
                    "timed out after {}s waiting for {what}",
                    DEADLINE.as_secs()
                ));
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .map(|r| r.0)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        Ok(())
    }
}

pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Rust => "rust",
        Side::Js => "js",
    }
}

pub fn target_label(target: &EventTarget) -> Option<&str> {
    match target {
        EventTarget::AnyLabel { label }
        | EventTarget::Window { label }
        | EventTarget::Webview { label }
        | EventTarget::WebviewWindow { label } => Some(label),
        _ => None,
    }
}
