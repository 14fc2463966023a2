//! What one step made happen, in the order the oracle saw it, and which emit each delivery
//! belongs to. Tauri hands a handler the listener's id and the payload, never an emission id,
//! so the oracle attributes: a delivery belongs to the earliest emit of this step with the same
//! event and payload that has not yet reached that listener (one emit reaches a listener at most
//! once; deliveries of one emit to one webview keep the emit order). Emits of earlier steps are
//! only tried when none of this step fits (a Rust emit that waited in Tauri's queue).

use std::collections::HashSet;
use std::time::Instant;

use serde_json::{json, Map, Value};
use tauri::EventTarget;

use crate::trace::record;

#[derive(Debug, Clone)]
pub struct Emit {
    pub api: &'static str, // "emit", "emit_to", "emit_filter"
    pub event: String,
    pub target: Value, // object form, or null
    pub accept: Value, // list of targets for emit_filter, else null
    pub from: String,  // "rust", "js:LABEL", "periodic:ID", "invoke:COMMAND"
    pub payload: Value,
    pub deferred: bool,
}

impl Emit {
    /// `emit`, or `emit_to(target, …)` when there is a target, made from `from`.
    pub fn new(event: &str, target: Option<&EventTarget>, payload: Value, from: String) -> Self {
        Self {
            api: if target.is_some() { "emit_to" } else { "emit" },
            event: event.to_string(),
            target: json!(target),
            accept: Value::Null,
            from,
            payload,
            deferred: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Delivery {
    pub key: u64,      // the oracle's listener
    pub listener: u32, // its Tauri EventId, as the trace names it
    pub side: &'static str,
    pub in_: Option<String>,
    pub event: String,
    pub payload: Value,
    pub name: Option<String>,
    pub stale: bool,
}

enum Entry {
    Emit(u32),
    Delivery(Delivery),
    Record(Map<String, Value>),
}

struct EmitState {
    emit: Emit,
    reached: HashSet<u64>,
    written: bool,
}

pub struct Journal {
    emits: Vec<EmitState>, // index + 1 is the emission id
    step_first_emit: usize,
    entries: Vec<(Instant, Entry)>,
    release: String,
}

impl Journal {
    pub fn new(release: &str) -> Self {
        Self {
            emits: Vec::new(),
            step_first_emit: 0,
            entries: Vec::new(),
            release: release.into(),
        }
    }

    pub fn emit(&mut self, at: Instant, emit: Emit) -> u32 {
        self.emits.push(EmitState {
            emit,
            reached: HashSet::new(),
            written: false,
        });
        let id = self.emits.len() as u32;
        self.entries.push((at, Entry::Emit(id)));
        id
    }

    /// Takes back the last emit, one Tauri refused (a bad event name): EventLab records none.
    pub fn retract(&mut self, id: u32) {
        if id as usize == self.emits.len() && id as usize > self.step_first_emit {
            self.emits.pop();
            self.entries
                .retain(|(_, e)| !matches!(e, Entry::Emit(i) if *i == id));
        }
    }

    pub fn deliver(&mut self, at: Instant, delivery: Delivery) {
        self.entries.push((at, Entry::Delivery(delivery)));
    }

    pub fn record(&mut self, at: Instant, record: Map<String, Value>) {
        self.entries.push((at, Entry::Record(record)));
    }

    /// The records of the step, in trace order: each emit followed by the deliveries attributed
    /// to it; a delivery no emit explains becomes an error record where it was seen.
    pub fn drain_step(&mut self) -> Vec<(Instant, Map<String, Value>)> {
        let entries = std::mem::take(&mut self.entries);
        let mut attributed: Vec<Vec<(Instant, Delivery)>> = vec![Vec::new(); self.emits.len()];
        let mut out_of_step: Vec<(Instant, usize, Delivery)> = Vec::new();
        let mut unexplained: Vec<Option<Delivery>> = Vec::new();
        for (at, entry) in &entries {
            if let Entry::Delivery(d) = entry {
                match self.attribute(d) {
                    Some(i) if i >= self.step_first_emit => {
                        attributed[i].push((*at, d.clone()));
                        unexplained.push(None);
                    }
                    Some(i) => {
                        out_of_step.push((*at, i, d.clone()));
                        unexplained.push(None);
                    }
                    None => unexplained.push(Some(d.clone())),
                }
            }
        }
        let mut out = Vec::new();
        let mut deliveries = unexplained.into_iter();
        for (at, entry) in entries {
            match entry {
                Entry::Record(r) => out.push((at, r)),
                Entry::Emit(id) => {
                    let i = id as usize - 1;
                    out.push((at, self.emit_record(id)));
                    self.emits[i].written = true;
                    for (when, d) in std::mem::take(&mut attributed[i]) {
                        out.push((when, self.deliver_record(id, &d)));
                    }
                }
                Entry::Delivery(_) => {
                    if let Some(Some(d)) = deliveries.next() {
                        out.push((at, unexplained_record(&d)));
                    }
                }
            }
        }
        for (at, i, d) in out_of_step {
            out.push((at, self.deliver_record(i as u32 + 1, &d)));
        }
        self.step_first_emit = self.emits.len();
        out
    }

    fn attribute(&mut self, d: &Delivery) -> Option<usize> {
        let fits = |e: &EmitState, payload_too: bool| {
            e.emit.event == d.event
                && !e.reached.contains(&d.key)
                && (!payload_too || e.emit.payload == d.payload)
        };
        let pick = |range: std::ops::Range<usize>, emits: &[EmitState]| {
            let slice = &emits[range.clone()];
            slice
                .iter()
                .position(|e| fits(e, true))
                .or_else(|| slice.iter().position(|e| fits(e, false)))
                .map(|p| p + range.start)
        };
        let found = pick(self.step_first_emit..self.emits.len(), &self.emits)
            .or_else(|| pick(0..self.step_first_emit, &self.emits));
        if let Some(i) = found {
            self.emits[i].reached.insert(d.key);
        }
        found
    }

    fn emit_record(&self, id: u32) -> Map<String, Value> {
        let e = &self.emits[id as usize - 1].emit;
        record(
            "emit",
            json!({
                "emit": id, "api": e.api, "event": e.event, "target": e.target, "accept": e.accept,
                "from": e.from, "payload": e.payload, "deferred": e.deferred,
            }),
        )
    }

    fn deliver_record(&self, id: u32, d: &Delivery) -> Map<String, Value> {
        let mut r = record(
            "deliver",
            json!({
                "emit": id, "listener": d.listener, "side": d.side, "in": d.in_, "event": d.event,
                "match": format!("observed: Tauri {} called the handler", self.release),
                "stale": d.stale,
            }),
        );
        if let Some(name) = &d.name {
            r.insert("name".into(), name.clone().into());
        }
        r
    }
}

fn unexplained_record(d: &Delivery) -> Map<String, Value> {
    record(
        "error",
        json!({
            "message": format!(
                "oracle: listener {} got `{}` with payload {} from an emit the oracle did not make",
                d.listener, d.event, d.payload),
            "op": "oracle", "panic": false,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emit(event: &str, payload: Value) -> Emit {
        Emit {
            api: "emit",
            event: event.into(),
            target: Value::Null,
            accept: Value::Null,
            from: "rust".into(),
            payload,
            deferred: false,
        }
    }

    fn delivery(key: u64, event: &str, payload: Value) -> Delivery {
        Delivery {
            key,
            listener: key as u32,
            side: "js",
            in_: Some("main".into()),
            event: event.into(),
            payload,
            name: None,
            stale: false,
        }
    }

    fn types(records: &[(Instant, Map<String, Value>)]) -> Vec<String> {
        records
            .iter()
            .map(|(_, r)| {
                let t = r["type"].as_str().unwrap();
                if t == "deliver" {
                    format!("deliver {}→{}", r["listener"], r["emit"])
                } else {
                    t.into()
                }
            })
            .collect()
    }

    #[test]
    fn each_delivery_goes_to_the_earliest_emit_that_has_not_reached_its_listener() {
        let now = Instant::now();
        let mut j = Journal::new("2.12.7");
        j.emit(now, emit("tick", json!(null)));
        j.emit(now, emit("tick", json!(null)));
        j.deliver(now, delivery(7, "tick", json!(null)));
        j.deliver(now, delivery(7, "tick", json!(null)));
        j.deliver(now, delivery(8, "tick", json!(null)));
        assert_eq!(
            types(&j.drain_step()),
            ["emit", "deliver 7→1", "deliver 8→1", "emit", "deliver 7→2"]
        );
    }

    #[test]
    fn the_payload_tells_emits_of_one_event_apart() {
        let now = Instant::now();
        let mut j = Journal::new("2.12.7");
        j.emit(now, emit("sync", json!(1)));
        j.emit(now, emit("sync", json!(2)));
        j.deliver(now, delivery(3, "sync", json!(2)));
        assert_eq!(types(&j.drain_step()), ["emit", "emit", "deliver 3→2"]);
    }

    #[test]
    fn a_delivery_seen_before_its_emit_is_written_after_it() {
        // tauri://destroyed reaches Rust handlers before the oracle hears the window is gone.
        let now = Instant::now();
        let mut j = Journal::new("2.12.7");
        j.deliver(now, delivery(1, "tauri://destroyed", json!(null)));
        j.emit(now, emit("tauri://destroyed", json!(null)));
        assert_eq!(types(&j.drain_step()), ["emit", "deliver 1→1"]);
    }

    #[test]
    fn earlier_steps_are_tried_only_when_this_step_has_no_fitting_emit() {
        let now = Instant::now();
        let mut j = Journal::new("2.12.7");
        j.emit(now, emit("logout", json!(null)));
        j.deliver(now, delivery(1, "logout", json!(null)));
        j.drain_step();
        j.emit(now, emit("logout", json!(null)));
        // Listener 2 missed the first emit; its delivery now belongs to the second.
        j.deliver(now, delivery(2, "logout", json!(null)));
        j.deliver(now, delivery(3, "late", json!(null)));
        let records = j.drain_step();
        assert_eq!(types(&records), ["emit", "deliver 2→2", "error"]);
    }
}
