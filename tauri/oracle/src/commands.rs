//! The app's commands: the seed guide's two (real `#[tauri::command]`s), the scenario's declared
//! commands (docs/formats.md), whose arguments Tauri's own `CommandArg` checks so the error
//! texts are Tauri's, and `oracle_report`, the pages' channel back to the oracle.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Value};
use tauri::ipc::{CommandArg, CommandItem, Invoke, InvokeBody};
use tauri::{AppHandle, EventTarget, Manager, Runtime, State};

use crate::oracle::Oracle;
use crate::scenario::{map_strings, Command};
use crate::steps::{self, Ctx};

#[derive(Serialize, Clone)]
struct TestEvent {
    data: String,
}

fn seed_emit(
    oracle: &Arc<Oracle>,
    command: &str,
    label: Option<&str>,
    data: String,
) -> Result<(), String> {
    let payload = json!(TestEvent { data });
    let target = label.map(EventTarget::labeled);
    let from = format!("invoke:{command}");
    steps::emit_or_emit_to(
        oracle,
        oracle.app(),
        command,
        target,
        "test-event",
        payload,
        from,
    )
}

#[tauri::command]
fn send_test_event_from_backend(
    oracle: State<'_, Arc<Oracle>>,
    data: String,
) -> Result<(), String> {
    seed_emit(&oracle, "send_test_event_from_backend", None, data)
}

#[tauri::command]
fn send_to_specific_window(
    oracle: State<'_, Arc<Oracle>>,
    window_label: String,
    data: String,
) -> Result<(), String> {
    seed_emit(
        &oracle,
        "send_to_specific_window",
        Some(&window_label),
        data,
    )
}

/// The invoke handler: reports first, then declared commands (a declaration replaces a seed
/// guide command of the same name, as in EventLab), then the seed guide's.
pub fn handler<R: Runtime>(
    oracle: Arc<Oracle>,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    let seed: Box<dyn Fn(Invoke<R>) -> bool + Send + Sync> = Box::new(tauri::generate_handler![
        send_test_event_from_backend,
        send_to_specific_window
    ]);
    move |invoke: Invoke<R>| {
        let command = invoke.message.command().to_string();
        if command == "oracle_report" {
            report(&oracle, &invoke);
            invoke.resolver.resolve(());
            return true;
        }
        if let Some(declared) = oracle.commands.iter().find(|c| c.name == command) {
            run_declared(&oracle, declared, invoke);
            return true;
        }
        seed(invoke)
    }
}

fn report<R: Runtime>(oracle: &Arc<Oracle>, invoke: &Invoke<R>) {
    let InvokeBody::Json(body) = invoke.message.payload() else {
        return;
    };
    let r = &body["report"];
    let label = r["label"].as_str().unwrap_or_default();
    let key = r["key"].as_u64().unwrap_or_default();
    match r["kind"].as_str().unwrap_or_default() {
        "ready" => oracle.page_ready(label),
        "pong" => oracle.pong(label, r["round"].as_u64().unwrap_or_default()),
        "answer" => oracle.answer(r["op"].as_u64().unwrap_or_default(), r["answer"].clone()),
        "deliver" => oracle.delivered(
            key,
            r["id"].as_u64().unwrap_or_default() as u32,
            r["payload"].clone(),
        ),
        "unlistened" => {
            for k in r["keys"].as_array().into_iter().flatten() {
                oracle.unlistened(k.as_u64().unwrap_or_default(), "unlisten", false);
            }
        }
        "act" => delegate(
            oracle,
            key,
            r["index"].as_u64().unwrap_or_default() as usize,
            label,
            r["done_here"] == true,
        ),
        "error" => oracle.error(
            r["op"].as_str().unwrap_or("page"),
            r["message"].as_str().unwrap_or_default().to_string(),
            false,
        ),
        other => oracle.error(
            "oracle",
            format!("oracle: unknown report `{other}` from `{label}`"),
            false,
        ),
    }
}

/// An action of a JS handler that the page cannot run itself (a Rust emit, a listen elsewhere):
/// the oracle runs it, off the main thread, which its page ops need free.
fn delegate(oracle: &Arc<Oracle>, key: u64, index: usize, page: &str, done_here: bool) {
    let Some(action) = oracle.with_listener(key, |l| l.actions.get(index).cloned()) else {
        return;
    };
    let oracle = oracle.clone();
    let page = page.to_string();
    oracle.busy(1);
    std::thread::spawn(move || {
        let outcome = steps::guarded(&oracle, &action.op, || {
            if done_here {
                // The page unlistened its own listeners of that name; these are the others.
                steps::unlisten_named(&oracle, &action.name, Ctx::JsHandler, Some(&page))
            } else {
                steps::execute(&oracle, &action, Ctx::JsHandler)
            }
        });
        if let Err(e) = outcome {
            oracle.error(&action.op, e, false);
        }
        oracle.busy(-1);
    });
}

fn run_declared<R: Runtime>(oracle: &Arc<Oracle>, command: &Command, invoke: Invoke<R>) {
    let name: &'static str = Box::leak(command.name.clone().into_boxed_str());
    let mut args = serde_json::Map::new();
    for arg in &command.args {
        let key: &'static str = Box::leak(camel_case(&arg.name).into_boxed_str());
        let item = CommandItem {
            plugin: None,
            name,
            key,
            message: &invoke.message,
            acl: &invoke.acl,
        };
        let value = if arg.json {
            <Value as CommandArg<'_, R>>::from_command(item)
        } else {
            <String as CommandArg<'_, R>>::from_command(item).map(Value::String)
        };
        match value {
            Ok(v) => {
                args.insert(arg.name.clone(), v);
            }
            Err(e) => return invoke.resolver.invoke_error(e),
        }
    }
    let app: AppHandle<R> = invoke.message.webview().app_handle().clone();
    for emit in &command.emits {
        let payload = substitute(&emit.payload, &args);
        let from = format!("invoke:{}", command.name);
        let made = steps::emit_or_emit_to(
            oracle,
            &app,
            &command.name,
            emit.target.clone(),
            &emit.event,
            payload,
            from,
        );
        if let Err(error) = made {
            return invoke.resolver.reject(error);
        }
    }
    match &command.reject {
        Some(text) => invoke.resolver.reject(text.clone()),
        None => invoke.resolver.resolve(substitute(&command.returns, &args)),
    }
}

/// "$param" anywhere (a whole string value) becomes the argument; "$$x" is the text "$x".
fn substitute(value: &Value, args: &serde_json::Map<String, Value>) -> Value {
    map_strings(value, &|s| match s.strip_prefix('$') {
        Some(rest) if rest.starts_with('$') => Value::String(rest.to_string()),
        Some(param) => args
            .get(param)
            .cloned()
            .unwrap_or_else(|| Value::String(s.to_string())),
        None => Value::String(s.to_string()),
    })
}

/// `font_size` → `fontSize`, as `#[tauri::command]` names a parameter's key for JS.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_camel_case_keys_for_js() {
        assert_eq!(camel_case("window_label"), "windowLabel");
        assert_eq!(camel_case("font_size"), "fontSize");
        assert_eq!(camel_case("data"), "data");
    }

    #[test]
    fn dollar_names_become_arguments_and_double_dollar_is_literal() {
        let args = json!({"theme": "dark", "font_size": 14});
        let args = args.as_object().unwrap();
        let out = substitute(
            &json!({"t": "$theme", "s": ["$font_size"], "l": "$$theme", "o": "$5"}),
            args,
        );
        assert_eq!(
            out,
            json!({"t": "dark", "s": [14], "l": "$theme", "o": "$5"})
        );
    }
}
