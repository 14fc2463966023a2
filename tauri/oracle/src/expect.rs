//! `expect` steps, checked against what the real app did: handler calls, last payloads, the
//! last error, the error count and the open windows. Listener counts (`listeners`, `leaked`)
//! are EventLab's bookkeeping; Tauri has no API that tells them, so the oracle says it did not
//! check them instead of guessing.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::oracle::{Oracle, State};
use crate::scenario::Step;

pub fn check(oracle: &Arc<Oracle>, step: &Step) {
    let state = oracle.state();
    let mut failures = Vec::new();
    let mut unchecked = Vec::new();
    for (field, want) in &step.expect {
        match field.as_str() {
            "calls" => each(want, |name, n| {
                let got = calls(&state, name);
                if Some(got) != n.as_u64() {
                    failures.push(format!("calls of `{name}`: expected {n}, got {got}"));
                }
            }),
            "payload" => each(want, |name, v| {
                let got = last_payload(&state, name);
                if got.as_ref() != Some(v) {
                    failures.push(format!(
                        "payload of `{name}`: expected {v}, got {}",
                        got.unwrap_or(Value::Null)
                    ));
                }
            }),
            "error" => {
                let last = state.errors.last().cloned().unwrap_or_default();
                if !last.contains(want.as_str().unwrap_or_default()) {
                    failures.push(format!(
                        "last error: expected it to contain {want}, got {}",
                        json!(last)
                    ));
                }
            }
            "errors" if want.as_u64() != Some(state.errors.len() as u64) => {
                failures.push(format!(
                    "errors: expected {want}, got {}",
                    state.errors.len()
                ));
            }
            "windows" => {
                let mut got = state.open.clone();
                let mut expected: Vec<String> = want
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                got.sort();
                expected.sort();
                if got != expected {
                    failures.push(format!("windows: expected {expected:?}, got {got:?}"));
                }
            }
            "listeners" | "leaked" => unchecked.push(field.as_str()),
            _ => {}
        }
    }
    drop(state);
    let mut message = if failures.is_empty() {
        "holds in Tauri".to_string()
    } else {
        failures.join("; ")
    };
    if !unchecked.is_empty() {
        message += &format!(
            " ({} not checked: Tauri does not tell)",
            unchecked.join(", ")
        );
    }
    oracle.record(
        "expect",
        json!({"ok": failures.is_empty(), "message": format!("{}: {message}", step.path)}),
    );
}

fn each(want: &Value, mut f: impl FnMut(&str, &Value)) {
    for (name, v) in want.as_object().into_iter().flatten() {
        f(name, v);
    }
}

fn calls(state: &State, name: &str) -> u64 {
    state
        .listeners
        .iter()
        .filter(|l| l.name.as_deref() == Some(name))
        .map(|l| l.calls)
        .sum()
}

/// The last payload any listener of that name got, or an invoke's result or error text.
fn last_payload(state: &State, name: &str) -> Option<Value> {
    if let Some(result) = state.invoke_results.get(name) {
        return Some(result.clone());
    }
    state
        .listeners
        .iter()
        .filter(|l| l.name.as_deref() == Some(name) && l.last_payload.is_some())
        .max_by_key(|l| l.last_at)
        .and_then(|l| l.last_payload.clone())
}
