//! Each scenario op performed for real: Rust ops through Tauri's own API on the runner's thread
//! (or inside a Rust handler, for `actions`), page ops through the page (`pages.rs`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde_json::{json, Value};
use tauri::{
    AppHandle, Emitter, EventTarget, Listener as _, Manager, Runtime, WebviewUrl,
    WebviewWindowBuilder,
};

use crate::journal::Emit;
use crate::oracle::{target_label, Listener, Oracle, Side};
use crate::pages;
use crate::scenario::Step;

/// EventLab cuts an emit loop after 64 handler levels (docs/tauri-rules.md); a real app loops
/// forever, so the oracle refuses the 65th emit made by handlers in one step.
const HANDLER_EMIT_LIMIT: usize = 64;

/// Where a step runs: at the top level, or inside a handler (its actions).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Top,
    RustHandler,
    JsHandler,
}

pub type Outcome = Result<(), String>; // Err: the oracle itself failed (exit 1)

pub fn execute(oracle: &Arc<Oracle>, step: &Step, ctx: Ctx) -> Outcome {
    match step.op.as_str() {
        "listen" if step.in_ == "rust" => rust_listen(oracle, step, ctx),
        "listen" => pages::listen(oracle, step),
        "unlisten" => unlisten(oracle, step, ctx),
        "emit" | "emit_to" | "emit_filter" if step.from != "rust" => pages::emit(oracle, step),
        "emit" | "emit_to" | "emit_filter" => rust_emit(oracle, step, ctx),
        "invoke" => pages::invoke(oracle, step),
        "create_window" => open_window(oracle, &step.label, true),
        "close_window" => close_window(oracle, &step.label),
        "destroy" | "prevent_default" => answer_close(oracle, step, ctx),
        "mount" => pages::mount(oracle, step),
        "unmount" => pages::unmount(oracle, step),
        "expect" => {
            crate::expect::check(oracle, step);
            Ok(())
        }
        // periodic_start, periodic_stop and advance: the runner's (runner.rs), top level only.
        op => {
            oracle.error(
                op,
                format!("{}: {op} cannot run inside a handler", step.path),
                false,
            );
            Ok(())
        }
    }
}

/// Runs `f`, recording a panic as the error of `op` (as EventLab records a Rust panic).
pub fn guarded(oracle: &Arc<Oracle>, op: &str, f: impl FnOnce() -> Outcome) -> Outcome {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(outcome) => outcome,
        Err(panic) => {
            oracle.error(op, panic_text(&*panic), true);
            Ok(())
        }
    }
}

pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "a panic without a message".into()
    }
}

// ---- Rust listeners -------------------------------------------------------------------------

fn rust_listen(oracle: &Arc<Oracle>, step: &Step, ctx: Ctx) -> Outcome {
    let target = step.target.clone().unwrap_or(EventTarget::App);
    let key = oracle.reserve(Listener {
        id: None,
        side: Side::Rust,
        in_: None,
        event: step.event.clone(),
        target: target.clone(),
        name: (!step.name.is_empty()).then(|| step.name.clone()),
        component: None,
        actions: Arc::new(step.actions.clone()),
        calls: 0,
        last_payload: None,
        last_at: 0,
    });
    let handler = rust_handler(oracle, key);
    let app = oracle.app();
    let event = step.event.clone();
    let window = |label: &str| app.get_webview_window(label);
    let id = match (&target, step.once) {
        (EventTarget::App, false) => app.listen(event, handler),
        (EventTarget::App, true) => app.once(event, handler),
        (EventTarget::Any, false) => app.listen_any(event, handler),
        (EventTarget::Any, true) => app.once_any(event, handler),
        (t, once) => {
            let label = target_label(t).unwrap_or_default();
            let Some(w) = window(label) else {
                oracle.error(
                    "listen",
                    format!("no open window `{label}` to listen in"),
                    false,
                );
                return Ok(());
            };
            let webview: &tauri::Webview<tauri::Wry> = w.as_ref();
            match (t, once) {
                (EventTarget::Window { .. }, false) => webview.window().listen(event, handler),
                (EventTarget::Window { .. }, true) => webview.window().once(event, handler),
                (EventTarget::Webview { .. }, false) => webview.listen(event, handler),
                (EventTarget::Webview { .. }, true) => webview.once(event, handler),
                (EventTarget::WebviewWindow { .. }, false) => w.listen(event, handler),
                (EventTarget::WebviewWindow { .. }, true) => w.once(event, handler),
                _ => {
                    oracle.error(
                        "listen",
                        format!(
                            "{}: Tauri has no Rust listen for the target {}",
                            step.path,
                            json!(t)
                        ),
                        false,
                    );
                    return Ok(());
                }
            }
        }
    };
    oracle.confirm(key, Some(id), step.once, ctx == Ctx::RustHandler);
    Ok(())
}

/// The handler Tauri calls: journals the delivery, then runs the listener's actions on this
/// thread, inside Tauri's dispatch, as a real handler would.
fn rust_handler(oracle: &Arc<Oracle>, key: u64) -> impl Fn(tauri::Event) + Send + Clone + 'static {
    let oracle = oracle.clone();
    move |event: tauri::Event| {
        let payload = serde_json::from_str(event.payload()).unwrap_or(Value::Null);
        oracle.delivered(key, event.id(), payload);
        let actions = oracle.with_listener(key, |l| l.actions.clone());
        for action in actions.iter() {
            if let Err(e) = execute(&oracle, action, Ctx::RustHandler) {
                oracle.error(&action.op, e, false);
            }
        }
    }
}

fn unlisten(oracle: &Arc<Oracle>, step: &Step, ctx: Ctx) -> Outcome {
    if oracle.keys_named(&step.name).is_empty() {
        oracle.error(
            "unlisten",
            format!("no listener named `{}`", step.name),
            false,
        );
        return Ok(());
    }
    unlisten_named(oracle, &step.name, ctx, None)
}

/// Unlistens every listener of that name, each the way its side does; `skip_page`: a page that
/// already unlistened its own.
pub fn unlisten_named(
    oracle: &Arc<Oracle>,
    name: &str,
    ctx: Ctx,
    skip_page: Option<&str>,
) -> Outcome {
    for key in oracle.keys_named(name) {
        let (side, id, in_) = oracle.with_listener(key, |l| (l.side, l.id, l.in_.clone()));
        match (side, id) {
            (Side::Rust, Some(id)) => {
                oracle.app().unlisten(id);
                oracle.unlistened(key, "unlisten", ctx == Ctx::RustHandler);
            }
            (Side::Js, Some(_)) if in_.as_deref() != skip_page => {
                pages::unlisten(oracle, &in_.unwrap_or_default(), key)?
            }
            _ => {}
        }
    }
    Ok(())
}

// ---- Rust emits -----------------------------------------------------------------------------

fn rust_emit(oracle: &Arc<Oracle>, step: &Step, ctx: Ctx) -> Outcome {
    if ctx != Ctx::Top && !oracle.count_handler_emit(HANDLER_EMIT_LIMIT) {
        oracle.error(&step.op, format!(
            "emit loop stopped: `{}` was the {}th emit made by handlers in one step (limit {HANDLER_EMIT_LIMIT}); \
             a real app keeps emitting forever", step.event, HANDLER_EMIT_LIMIT + 1), false);
        return Ok(());
    }
    let payload = step.payload.clone().unwrap_or(Value::Null);
    let emit = describe_emit(step, "rust", payload.clone(), ctx == Ctx::RustHandler);
    emit_with(oracle, &step.op, emit, || {
        let app = oracle.app();
        match step.op.as_str() {
            "emit" => app.emit(&step.event, payload),
            "emit_to" => app.emit_to(
                step.target.clone().unwrap_or(EventTarget::Any),
                &step.event,
                payload,
            ),
            _ => {
                let accept = step.accept.clone();
                app.emit_filter(&step.event, payload, move |t| accept.contains(t))
            }
        }
    })
}

/// Journals `emit`, makes it with `call`, and takes it back when Tauri refuses it (an `Err`, or
/// 2.0's panic on a bad name, which is recorded and re-raised so a handler's panic still
/// unwinds through Tauri as it would).
pub fn emit_with(
    oracle: &Arc<Oracle>,
    op: &str,
    emit: Emit,
    call: impl FnOnce() -> tauri::Result<()>,
) -> Outcome {
    let event = emit.event.clone();
    let id = oracle.emit(emit);
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            oracle.retract(id);
            oracle.error(op, e.to_string(), false);
        }
        Err(panic) => {
            if !valid_event_name(&event) {
                oracle.retract(id);
            }
            std::panic::resume_unwind(panic);
        }
    }
    Ok(())
}

/// `app.emit`, or `app.emit_to` with a target, as a command or a periodic sender makes it:
/// journaled from `from`; Err with Tauri's text when Tauri refuses it.
pub fn emit_or_emit_to<R: Runtime>(
    oracle: &Arc<Oracle>,
    app: &AppHandle<R>,
    op: &str,
    target: Option<EventTarget>,
    event: &str,
    payload: Value,
    from: String,
) -> Result<(), String> {
    let mut refused = Ok(());
    let emit = Emit::new(event, target.as_ref(), payload.clone(), from);
    let _ = emit_with(oracle, op, emit, || {
        let made = match target {
            Some(t) => app.emit_to(t, event, payload),
            None => app.emit(event, payload),
        };
        refused = made.as_ref().map(|_| ()).map_err(|e| e.to_string());
        made
    });
    refused
}

pub fn describe_emit(step: &Step, from: &str, payload: Value, deferred: bool) -> Emit {
    Emit {
        api: match step.op.as_str() {
            "emit" => "emit",
            "emit_to" => "emit_to",
            _ => "emit_filter",
        },
        event: step.event.clone(),
        target: if step.op == "emit_to" {
            json!(step.target)
        } else {
            Value::Null
        },
        accept: if step.op == "emit_filter" {
            json!(step.accept)
        } else {
            Value::Null
        },
        from: from.to_string(),
        payload,
        deferred,
    }
}

// ---- windows --------------------------------------------------------------------------------

/// Opens a window with the oracle's page and waits until the page runs. `announce`: a window
/// made during the scenario, whose creation events EventLab records (the scenario's
/// `windows` exist before step 0 and nobody listens yet).
pub fn open_window(oracle: &Arc<Oracle>, label: &str, announce: bool) -> Outcome {
    if announce {
        for event in ["tauri://webview-created", "tauri://window-created"] {
            oracle.emit(Emit::new(
                event,
                None,
                json!({"label": label}),
                "rust".into(),
            ));
        }
    }
    oracle.window_opening(label);
    oracle.record("window", json!({"action": "created", "label": label}));
    let built =
        WebviewWindowBuilder::new(oracle.app(), label, WebviewUrl::App("index.html".into()))
            .title(label)
            .inner_size(240.0, 160.0)
            .build();
    if let Err(e) = built {
        oracle.window_gone(label);
        oracle.error("create_window", e.to_string(), false);
        return Ok(());
    }
    oracle.wait_ready(label)
}

fn close_window(oracle: &Arc<Oracle>, label: &str) -> Outcome {
    let Some(window) = oracle.app().get_webview_window(label) else {
        oracle.error(
            "close_window",
            format!("no open window `{label}` to close"),
            false,
        );
        return Ok(());
    };
    pages::set_closing(oracle, label);
    oracle.record(
        "window",
        json!({"action": "close_requested", "label": label}),
    );
    oracle.emit(window_emit("tauri://close-requested", label));
    if let Err(e) = window.close() {
        oracle.error("close_window", e.to_string(), false);
    }
    Ok(())
}

/// What Tauri's `Window::emit_to_window` sends on close-requested and destroyed: an
/// emit_filter accepting `Window{L}` and `WebviewWindow{L}`.
pub fn window_emit(event: &str, label: &str) -> Emit {
    Emit {
        api: "emit_filter",
        event: event.into(),
        target: Value::Null,
        accept: json!([
            EventTarget::window(label),
            EventTarget::webview_window(label)
        ]),
        from: "rust".into(),
        payload: Value::Null,
        deferred: false,
    }
}

/// `destroy` / `prevent_default` in a Rust handler: the pending close's window. (In a page the
/// page does it, with `getCurrentWindow().destroy()`.)
fn answer_close(oracle: &Arc<Oracle>, step: &Step, ctx: Ctx) -> Outcome {
    let closing = oracle.state().closing.clone();
    match (ctx, closing) {
        (Ctx::Top, _) | (_, None) => oracle.error(
            &step.op,
            format!(
                "{}: {} needs a close-requested handler to run in",
                step.path, step.op
            ),
            false,
        ),
        (_, Some(label)) if step.op == "destroy" => {
            if let Some(w) = oracle.app().get_webview_window(&label) {
                if let Err(e) = w.destroy() {
                    oracle.error("destroy", e.to_string(), false);
                }
            }
        }
        _ => {} // a Rust listener cannot refuse a close; it just does not destroy
    }
    Ok(())
}

/// Tauri's rule: every character alphanumeric or one of `-` `/` `:` `_` (the empty name too).
pub fn valid_event_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphanumeric() || "-/:_".contains(c))
}
