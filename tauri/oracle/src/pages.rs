//! Ops that run in a page (dist/oracle.js): the oracle sends `__oracle.run(op)` with
//! `webview.eval` and waits for the page's answer, which comes back through `oracle_report`.

use std::sync::Arc;

use serde_json::{json, Value};
use tauri::EventTarget;

use crate::oracle::{Listener, Oracle, Side};
use crate::scenario::Step;
use crate::steps::{describe_emit, Outcome};

/// Sends `op` to the page `label` and returns its answer; None (and an error record, in
/// EventLab's words) when no such window is open.
fn run(
    oracle: &Arc<Oracle>,
    label: &str,
    mut op: Value,
    verb: &str,
) -> Result<Option<Value>, String> {
    let id = oracle.next_op();
    op["op"] = id.into();
    let open = oracle.state().open.iter().any(|l| l == label);
    if !open || !oracle.eval(label, &format!("__oracle.run({op})")) {
        oracle.error(
            op["kind"].as_str().unwrap_or(""),
            format!("no open window `{label}` to {verb}"),
            false,
        );
        return Ok(None);
    }
    oracle.wait_answer(label, id)
}

fn js_listener(
    step_in: &str,
    event: &str,
    target: Option<&EventTarget>,
    name: Option<String>,
    component: Option<String>,
    actions: Vec<Step>,
) -> Listener {
    Listener {
        id: None,
        side: Side::Js,
        in_: Some(step_in.to_string()),
        event: event.to_string(),
        target: target.cloned().unwrap_or(EventTarget::Any),
        name,
        component,
        actions: Arc::new(actions),
        calls: 0,
        last_payload: None,
        last_at: 0,
    }
}

/// What the page needs to listen: the key it reports deliveries under, the target as
/// `listen(…, {target})` takes it (null: no options, a global listener), and the actions it
/// runs itself.
fn listen_item(
    key: u64,
    event: &str,
    target: Option<&EventTarget>,
    once: bool,
    name: &Option<String>,
    actions: &[Step],
) -> Value {
    let actions: Vec<Value> = actions
        .iter()
        .map(|a| json!({"op": a.op, "name": a.name}))
        .collect();
    json!({
        "key": key, "event": event, "once": once, "name": name, "actions": actions,
        "target": match target {
            None => Value::Null,
            Some(EventTarget::AnyLabel { label }) => json!(label),
            Some(t) => json!(t),
        },
    })
}

pub fn listen(oracle: &Arc<Oracle>, step: &Step) -> Outcome {
    let name = (!step.name.is_empty()).then(|| step.name.clone());
    let key = oracle.reserve(js_listener(
        &step.in_,
        &step.event,
        step.target.as_ref(),
        name.clone(),
        None,
        step.actions.clone(),
    ));
    let item = listen_item(
        key,
        &step.event,
        step.target.as_ref(),
        step.once,
        &name,
        &step.actions,
    );
    let Some(answer) = run(
        oracle,
        &step.in_,
        json!({"kind": "listen", "items": [item]}),
        "listen in",
    )?
    else {
        return Ok(());
    };
    confirm_listens(oracle, &answer["items"], step.once);
    Ok(())
}

/// The page answers each listen in the order it made them, which is the order Tauri counted
/// their EventIds.
fn confirm_listens(oracle: &Arc<Oracle>, items: &Value, once: bool) {
    for item in items.as_array().into_iter().flatten() {
        let key = item["key"].as_u64().unwrap_or_default();
        if item["ok"] == true {
            oracle.confirm(key, None, once, false);
        } else {
            oracle.error(
                "listen",
                item["error"]
                    .as_str()
                    .unwrap_or("listen failed")
                    .to_string(),
                false,
            );
        }
    }
}

pub fn unlisten(oracle: &Arc<Oracle>, label: &str, key: u64) -> Outcome {
    if run(
        oracle,
        label,
        json!({"kind": "unlisten", "keys": [key]}),
        "unlisten in",
    )?
    .is_some()
    {
        oracle.unlistened(key, "unlisten", false);
    }
    Ok(())
}

pub fn emit(oracle: &Arc<Oracle>, step: &Step) -> Outcome {
    let label = step.from.clone();
    let payload = step.payload.clone().unwrap_or(Value::Null);
    let id = oracle.emit(describe_emit(step, &format!("js:{label}"), payload, false));
    let op = json!({
        "kind": "emit", "api": step.op, "event": step.event, "target": step.target,
        "has_payload": step.payload.is_some(), "payload": step.payload,
    });
    match run(oracle, &label, op, "emit from")? {
        Some(answer) if answer["ok"] == true => {}
        Some(answer) => {
            oracle.retract(id);
            oracle.error(
                &step.op,
                answer["error"]
                    .as_str()
                    .unwrap_or("emit failed")
                    .to_string(),
                false,
            );
        }
        None => oracle.retract(id),
    }
    Ok(())
}

pub fn invoke(oracle: &Arc<Oracle>, step: &Step) -> Outcome {
    let op = json!({"kind": "invoke", "command": step.command, "args": step.args});
    let Some(answer) = run(oracle, &step.in_, op, "invoke from")? else {
        return Ok(());
    };
    let ok = answer["ok"] == true;
    let error = answer["error"].as_str().map(str::to_string);
    let mut fields = json!({
        "command": step.command, "in": step.in_, "args": step.args, "ok": ok, "error": error,
    });
    if ok {
        fields["result"] = answer["result"].clone();
    }
    oracle.record("invoke", fields);
    if !step.name.is_empty() {
        let result = if ok {
            answer["result"].clone()
        } else {
            json!(error)
        };
        oracle
            .state()
            .invoke_results
            .insert(step.name.clone(), result);
    }
    if let Some(error) = error {
        oracle.error("invoke", error, false);
    }
    Ok(())
}

pub fn mount(oracle: &Arc<Oracle>, step: &Step) -> Outcome {
    let rounds: Vec<Vec<Value>> = (0..if step.strict { 2 } else { 1 })
        .map(|_| {
            step.listen
                .iter()
                .map(|item| {
                    let name = Some(item.name.clone().unwrap_or_else(|| step.component.clone()));
                    let key = oracle.reserve(js_listener(
                        &step.in_,
                        &item.event,
                        item.target.as_ref(),
                        name.clone(),
                        Some(step.component.clone()),
                        Vec::new(),
                    ));
                    listen_item(key, &item.event, item.target.as_ref(), false, &name, &[])
                })
                .collect()
        })
        .collect();
    let op = json!({"kind": "mount", "component": step.component, "cleanup": step.cleanup,
                    "strict": step.strict, "rounds": rounds});
    let Some(answer) = run(oracle, &step.in_, op, "mount in")? else {
        return Ok(());
    };
    oracle.record(
        "mount",
        json!({"in": step.in_, "component": step.component, "cleanup": step.cleanup}),
    );
    confirm_listens(oracle, &answer["listened"], false);
    for key in answer["unlistened"].as_array().into_iter().flatten() {
        oracle.unlistened(key.as_u64().unwrap_or_default(), "unmount", false);
    }
    Ok(())
}

pub fn unmount(oracle: &Arc<Oracle>, step: &Step) -> Outcome {
    let op = json!({"kind": "unmount", "component": step.component});
    let Some(answer) = run(oracle, &step.in_, op, "unmount in")? else {
        return Ok(());
    };
    let cleanup = answer["cleanup"] == true;
    oracle.record(
        "unmount",
        json!({"in": step.in_, "component": step.component, "cleanup": cleanup}),
    );
    for key in answer["unlistened"].as_array().into_iter().flatten() {
        oracle.unlistened(key.as_u64().unwrap_or_default(), "unmount", false);
    }
    if !cleanup {
        oracle
            .state()
            .unmounted
            .push((step.in_.clone(), step.component.clone()));
    }
    Ok(())
}

/// Tells every page which window's close is pending, for a `destroy` action.
pub fn set_closing(oracle: &Arc<Oracle>, label: &str) {
    let open = {
        let mut state = oracle.state();
        state.closing = Some(label.to_string());
        state.open.clone()
    };
    for page in open {
        oracle.eval(
            &page,
            &format!("window.__oracle && (__oracle.closing = {})", json!(label)),
        );
    }
}

/// The script that has every page hold back its IPC calls of some commands for a while, as a
/// busy machine can (dist/oracle.js counts them from the start, so a step still waits for
/// them). `spec` is EVENTLAB_ORACLE_HOLD_IPC: `COMMAND=MS`, comma-separated.
pub fn hold_ipc_script(spec: &str) -> Result<String, String> {
    let mut held = serde_json::Map::new();
    for item in spec.split(',').filter(|s| !s.trim().is_empty()) {
        let (command, ms) = item
            .rsplit_once('=')
            .ok_or_else(|| format!("EVENTLAB_ORACLE_HOLD_IPC: `{item}` is not COMMAND=MS"))?;
        let ms: u64 = ms.trim().parse().map_err(|_| {
            format!("EVENTLAB_ORACLE_HOLD_IPC: `{ms}` in `{item}` is not milliseconds")
        })?;
        held.insert(command.trim().to_string(), ms.into());
    }
    Ok(format!("window.__oracleHoldIpc = {};", Value::Object(held)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_commands_reach_the_page_with_their_milliseconds() {
        assert_eq!(
            hold_ipc_script("plugin:event|unlisten=300, oracle_report=5").unwrap(),
            r#"window.__oracleHoldIpc = {"plugin:event|unlisten":300,"oracle_report":5};"#
        );
    }

    #[test]
    fn a_hold_without_milliseconds_is_refused_by_name() {
        let error = hold_ipc_script("plugin:event|unlisten").unwrap_err();
        assert!(
            error.contains("`plugin:event|unlisten` is not COMMAND=MS"),
            "{error}"
        );
        let error = hold_ipc_script("plugin:event|unlisten=soon").unwrap_err();
        assert!(error.contains("`soon`"), "{error}");
    }
}
