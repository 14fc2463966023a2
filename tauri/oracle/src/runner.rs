//! The scenario, step by step, on a thread of its own (a Rust app's background thread): each
//! step is performed, then the oracle waits until everything it queued has run (Oracle::settle),
//! then its records go to the trace. Periodic senders fire the ticks `eventlab run` fires on
//! virtual time, from their own thread, in the same order.

use std::sync::Arc;

use serde_json::Value;
use tauri::EventTarget;

use crate::oracle::Oracle;
use crate::scenario::{map_strings, Scenario, Step};
use crate::steps::{self, Ctx, Outcome};

struct Periodic {
    id: String,
    event: String,
    interval_ms: u64,
    payload: Value,
    target: Option<EventTarget>,
    started_ms: u64,
    ticks: u64,
}

#[derive(Default)]
struct Clock {
    now_ms: u64,
    senders: Vec<Periodic>,
}

pub fn run(oracle: &Arc<Oracle>, scenario: &Scenario) -> Outcome {
    for label in &scenario.windows {
        steps::open_window(oracle, label, false)?;
    }
    oracle.settle()?;
    oracle
        .flush_step()
        .map_err(|e| format!("cannot write the trace: {e}"))?;
    let mut clock = Clock::default();
    for step in &scenario.steps {
        oracle.state().handler_emits = 0;
        steps::guarded(oracle, &step.op, || top_level(oracle, &mut clock, step))?;
        oracle.settle()?;
        oracle
            .flush_step()
            .map_err(|e| format!("cannot write the trace: {e}"))?;
    }
    Ok(())
}

fn top_level(oracle: &Arc<Oracle>, clock: &mut Clock, step: &Step) -> Outcome {
    match step.op.as_str() {
        "periodic_start" => {
            clock.senders.retain(|p| p.id != step.id);
            clock.senders.push(Periodic {
                id: step.id.clone(),
                event: step.event.clone(),
                interval_ms: step.interval_ms.max(1),
                payload: step.payload.clone().unwrap_or(Value::Null),
                target: step.target.clone(),
                started_ms: clock.now_ms,
                ticks: 0,
            });
            Ok(())
        }
        "periodic_stop" => {
            clock.senders.retain(|p| p.id != step.id);
            Ok(())
        }
        "advance" => advance(oracle, clock, step.ms),
        _ => steps::execute(oracle, step, Ctx::Top),
    }
}

/// The ticks due by `now + ms`, in time order (senders in start order at equal times), emitted
/// from one sender thread.
fn advance(oracle: &Arc<Oracle>, clock: &mut Clock, ms: u64) -> Outcome {
    let end = clock.now_ms + ms;
    let mut due = Vec::new();
    for (i, p) in clock.senders.iter_mut().enumerate() {
        while p.started_ms + (p.ticks + 1) * p.interval_ms <= end {
            p.ticks += 1;
            due.push((p.started_ms + p.ticks * p.interval_ms, i, tick(p)));
        }
    }
    clock.now_ms = end;
    due.sort_by_key(|(at, i, _)| (*at, *i));
    let oracle = oracle.clone();
    std::thread::spawn(move || {
        let app = oracle.app().clone();
        for (_, _, (event, target, payload, from)) in due {
            let _ =
                steps::emit_or_emit_to(&oracle, &app, "periodic", target, &event, payload, from);
        }
    })
    .join()
    .map_err(|_| "the periodic sender's thread panicked".to_string())
}

/// A tick's event, target, payload (`{n}` filled in) and source.
fn tick(p: &Periodic) -> (String, Option<EventTarget>, Value, String) {
    let payload = with_tick(&p.payload, p.ticks);
    (
        p.event.clone(),
        p.target.clone(),
        payload,
        format!("periodic:{}", p.id),
    )
}

/// `{n}` inside any string of the payload is the tick count, from 1.
fn with_tick(value: &Value, n: u64) -> Value {
    map_strings(value, &|s| Value::String(s.replace("{n}", &n.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_string_of_the_payload_gets_the_tick_count() {
        assert_eq!(
            with_tick(&json!({"data": "tick {n}", "list": ["{n}/{n}"], "k": 5}), 3),
            json!({"data": "tick 3", "list": ["3/3"], "k": 5})
        );
    }
}
