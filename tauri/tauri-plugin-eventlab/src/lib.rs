//! Shows a running Tauri app in EventLab. Add it in debug builds:
//!
//! ```ignore
//! let mut builder = tauri::Builder::default();
//! #[cfg(debug_assertions)]
//! {
//!     builder = builder.plugin(tauri_plugin_eventlab::init());
//! }
//! ```
//!
//! and start EventLab's bridge (`eventlab serve`, or `eventlab --serve` for the inspector). The
//! plugin connects to `EVENTLAB_URL` (default `http://127.0.0.1:1430`, the bridge's port) as a
//! `tap` and sends what the app does, as it happens:
//! - from every webview (an init script, `tap.js`): each JS listen and unlisten, each emit and
//!   emit_to, each delivery Tauri makes to the page with the listener's id, each invoke with its
//!   result or error;
//! - from the Rust side, what Tauri lets a plugin see: webviews created, close requests,
//!   windows destroyed, page loads.
//!
//! EventLab records them as observed (not simulated) and checks each delivery against its model
//! of the app's Tauri release. Rust listeners and Rust emits are invisible to a plugin: a
//! delivery from a Rust emit shows up with an emit EventLab infers from it.

mod link;

use std::sync::Arc;

use serde_json::{json, Map, Value};
use tauri::http::{Method, Response, StatusCode};
use tauri::plugin::{Builder, TauriPlugin};
use tauri::webview::PageLoadEvent;
use tauri::{RunEvent, Runtime, WindowEvent};

use crate::link::Link;

/// The environment variable that names the EventLab bridge to connect to.
pub const URL_VARIABLE: &str = "EVENTLAB_URL";
/// The bridge's default address (`eventlab serve` without `--port`).
pub const DEFAULT_URL: &str = "http://127.0.0.1:1430";
/// The scheme pages report on (a custom protocol needs no capability, unlike a command).
const SCHEME: &str = "eventlab-tap";
const SCRIPT: &str = include_str!("tap.js");

/// The plugin, connecting to `EVENTLAB_URL` or the default bridge address.
pub fn init<R: Runtime>() -> TauriPlugin<R> {
  let url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
  with_url(&url)
}

/// The plugin, connecting to the bridge at `url` (`http://HOST:PORT`).
pub fn with_url<R: Runtime>(url: &str) -> TauriPlugin<R> {
  let hello = json!({"t": "hello", "peer": "tap", "tauri": tauri::VERSION}).to_string();
  let link = Link::start(url, hello);
  let (reports, ready, loads, events) = (link.clone(), link.clone(), link.clone(), link);
  Builder::new("eventlab")
    .js_init_script(SCRIPT.to_string())
    .register_uri_scheme_protocol(SCHEME, move |context, request| {
      if request.method() == Method::POST {
        forward_reports(&reports, context.webview_label(), request.body());
      }
      // Tauri's own IPC scheme answers the same way: a page's fetch needs CORS to read it.
      Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Headers", "*")
        .body(Vec::new())
        .unwrap()
    })
    .on_webview_ready(move |webview| {
      let url = webview.url().map(|u| u.to_string()).unwrap_or_default();
      observed(&ready, json!({"type": "window", "action": "created", "label": webview.label(), "url": url}));
    })
    .on_page_load(move |webview, payload| {
      let phase = match payload.event() {
        PageLoadEvent::Started => "started",
        PageLoadEvent::Finished => "finished",
      };
      observed(&loads, json!({"type": "page_load", "label": webview.label(), "url": payload.url().to_string(), "phase": phase}));
    })
    .on_event(move |_app, event| window_event(&events, event))
    .build()
}

fn window_event(link: &Arc<Link>, event: &RunEvent) {
  let RunEvent::WindowEvent { label, event, .. } = event else {
    return;
  };
  let action = match event {
    WindowEvent::CloseRequested { .. } => "close_requested",
    WindowEvent::Destroyed => "destroyed",
    _ => return,
  };
  observed(link, json!({"type": "window", "action": action, "label": label}));
}

/// A page's batch of records (a JSON array), each tagged with the webview it came from.
fn forward_reports(link: &Arc<Link>, webview: &str, body: &[u8]) {
  let Ok(Value::Array(records)) = serde_json::from_slice::<Value>(body) else {
    observed(link, json!({"type": "error", "op": "tap", "message": format!("webview `{webview}` sent an unreadable report")}));
    return;
  };
  for record in records {
    if let Value::Object(mut fields) = record {
      fields.insert("in".into(), Value::String(webview.to_string()));
      observed(link, Value::Object(fields));
    }
  }
}

fn observed(link: &Arc<Link>, record: Value) {
  let mut message = Map::new();
  message.insert("t".into(), Value::String("observed".into()));
  if let Value::Object(fields) = record {
    message.extend(fields);
  }
  link.send(Value::Object(message).to_string());
}
