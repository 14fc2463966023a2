//! EventLab scenario files (docs/formats.md), read as far as the oracle acts on them. EventLab's
//! own reader is the strict one (`eventlab run` names every schema error); this one refuses
//! what it cannot perform, with the step's JSON pointer, and ignores what only EventLab uses
//! (`say`, `code`, `title`, `tauri`, `order`, `seed`).

use serde_json::{Map, Value};
use tauri::EventTarget;

#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub windows: Vec<String>,
    pub commands: Vec<Command>,
    pub steps: Vec<Step>,
}

/// A declared backend command (docs/formats.md, "Declared commands").
#[derive(Debug, Clone, Default)]
pub struct Command {
    pub name: String,
    pub args: Vec<Arg>,
    pub emits: Vec<CommandEmit>,
    pub returns: Value,
    pub reject: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub name: String,
    pub json: bool, // a serde_json::Value parameter; otherwise a String
}

#[derive(Debug, Clone)]
pub struct CommandEmit {
    pub event: String,
    pub payload: Value,
    pub target: Option<EventTarget>,
}

#[derive(Debug, Clone)]
pub struct ListenItem {
    pub event: String,
    pub target: Option<EventTarget>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Step {
    pub op: String,
    pub path: String, // JSON pointer, "/steps/3" or "/steps/1/actions/0"
    pub in_: String,
    pub event: String,
    pub name: String,
    pub from: String,
    pub command: String,
    pub label: String,
    pub component: String,
    pub id: String,
    pub target: Option<EventTarget>,
    pub accept: Vec<EventTarget>,
    pub payload: Option<Value>,
    pub args: Value,
    pub once: bool,
    pub cleanup: bool,
    pub strict: bool,
    pub listen: Vec<ListenItem>,
    pub actions: Vec<Step>,
    pub interval_ms: u64,
    pub ms: u64,
    pub expect: Map<String, Value>,
}

const OPS: &[&str] = &[
    "listen",
    "unlisten",
    "emit",
    "emit_to",
    "emit_filter",
    "invoke",
    "create_window",
    "close_window",
    "destroy",
    "prevent_default",
    "mount",
    "unmount",
    "periodic_start",
    "periodic_stop",
    "advance",
    "expect",
];

pub fn parse(text: &str) -> Result<Scenario, String> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| format!("{}:{}: {}", e.line(), e.column(), e))?;
    let root = root.as_object().ok_or("/: expected an object")?;
    let mut scenario = Scenario::default();
    if let Some(windows) = root.get("windows") {
        scenario.windows = string_list(windows, "/windows")?;
    }
    if let Some(commands) = root.get("commands") {
        let list = commands.as_array().ok_or("/commands: expected an array")?;
        for (i, c) in list.iter().enumerate() {
            scenario
                .commands
                .push(parse_command(c, &format!("/commands/{i}"))?);
        }
    }
    let steps = root.get("steps").ok_or("/steps: missing")?;
    scenario.steps = parse_steps(steps, "/steps")?;
    Ok(scenario)
}

fn parse_steps(value: &Value, path: &str) -> Result<Vec<Step>, String> {
    let list = value
        .as_array()
        .ok_or(format!("{path}: expected an array"))?;
    list.iter()
        .enumerate()
        .map(|(i, s)| parse_step(s, &format!("{path}/{i}")))
        .collect()
}

fn parse_step(value: &Value, path: &str) -> Result<Step, String> {
    let o = value
        .as_object()
        .ok_or(format!("{path}: expected an object"))?;
    let op = str_field(o, "op", path)?.ok_or(format!("{path}/op: missing"))?;
    if !OPS.contains(&op.as_str()) {
        return Err(format!("{path}/op: unknown op \"{op}\""));
    }
    let mut step = Step {
        op,
        path: path.to_string(),
        from: "rust".to_string(),
        args: Value::Object(Map::new()),
        ..Step::default()
    };
    for (field, slot) in [
        ("in", &mut step.in_),
        ("event", &mut step.event),
        ("name", &mut step.name),
        ("from", &mut step.from),
        ("command", &mut step.command),
        ("label", &mut step.label),
        ("component", &mut step.component),
        ("id", &mut step.id),
    ] {
        if let Some(text) = str_field(o, field, path)? {
            *slot = text;
        }
    }
    if let Some(t) = o.get("target") {
        step.target = Some(parse_target(t, &format!("{path}/target"))?);
    }
    if let Some(list) = o.get("accept") {
        let items = list
            .as_array()
            .ok_or(format!("{path}/accept: expected an array"))?;
        for (i, t) in items.iter().enumerate() {
            step.accept
                .push(parse_target(t, &format!("{path}/accept/{i}"))?);
        }
    }
    step.payload = o.get("payload").cloned();
    if let Some(args) = o.get("args") {
        step.args = args.clone();
    }
    step.once = bool_field(o, "once", path)?;
    step.cleanup = bool_field(o, "cleanup", path)?;
    step.strict = bool_field(o, "strict", path)?;
    if let Some(items) = o.get("listen") {
        step.listen = parse_listen_items(items, &format!("{path}/listen"))?;
    }
    if let Some(actions) = o.get("actions") {
        step.actions = parse_steps(actions, &format!("{path}/actions"))?;
    }
    step.interval_ms = u64_field(o, "interval_ms", path)?;
    step.ms = u64_field(o, "ms", path)?;
    if step.op == "expect" {
        step.expect = o.clone();
    }
    Ok(step)
}

fn parse_listen_items(value: &Value, path: &str) -> Result<Vec<ListenItem>, String> {
    let list = value
        .as_array()
        .ok_or(format!("{path}: expected an array"))?;
    let mut items = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let p = format!("{path}/{i}");
        let o = item.as_object().ok_or(format!("{p}: expected an object"))?;
        items.push(ListenItem {
            event: str_field(o, "event", &p)?.ok_or(format!("{p}/event: missing"))?,
            target: o
                .get("target")
                .map(|t| parse_target(t, &format!("{p}/target")))
                .transpose()?,
            name: str_field(o, "name", &p)?,
        });
    }
    Ok(items)
}

/// A bare label is `AnyLabel{label}`, as in Tauri; an object names the kind.
pub fn parse_target(value: &Value, path: &str) -> Result<EventTarget, String> {
    if let Some(label) = value.as_str() {
        return Ok(EventTarget::labeled(label));
    }
    let o = value
        .as_object()
        .ok_or(format!("{path}: expected a label or {{\"kind\": …}}"))?;
    let kind = str_field(o, "kind", path)?.ok_or(format!("{path}/kind: missing"))?;
    let label = || -> Result<String, String> {
        str_field(o, "label", path)?.ok_or(format!("{path}/label: missing"))
    };
    Ok(match kind.as_str() {
        "Any" => EventTarget::Any,
        "App" => EventTarget::App,
        "AnyLabel" => EventTarget::labeled(label()?),
        "Window" => EventTarget::window(label()?),
        "Webview" => EventTarget::webview(label()?),
        "WebviewWindow" => EventTarget::webview_window(label()?),
        other => return Err(format!("{path}/kind: unknown kind \"{other}\"")),
    })
}

fn parse_command(value: &Value, path: &str) -> Result<Command, String> {
    let o = value
        .as_object()
        .ok_or(format!("{path}: expected an object"))?;
    let mut command = Command {
        name: str_field(o, "name", path)?.ok_or(format!("{path}/name: missing"))?,
        returns: o.get("returns").cloned().unwrap_or(Value::Null),
        reject: str_field(o, "reject", path)?,
        ..Command::default()
    };
    if let Some(args) = o.get("args") {
        let list = args
            .as_array()
            .ok_or(format!("{path}/args: expected an array"))?;
        for (i, a) in list.iter().enumerate() {
            command
                .args
                .push(parse_arg(a, &format!("{path}/args/{i}"))?);
        }
    }
    match o.get("emit") {
        None => {}
        Some(Value::Array(list)) => {
            for (i, e) in list.iter().enumerate() {
                command
                    .emits
                    .push(parse_command_emit(e, &format!("{path}/emit/{i}"))?);
            }
        }
        Some(e) => command
            .emits
            .push(parse_command_emit(e, &format!("{path}/emit"))?),
    }
    Ok(command)
}

fn parse_arg(value: &Value, path: &str) -> Result<Arg, String> {
    if let Some(name) = value.as_str() {
        return Ok(Arg {
            name: name.to_string(),
            json: false,
        });
    }
    let o = value
        .as_object()
        .ok_or(format!("{path}: expected a name or {{\"name\", \"type\"}}"))?;
    Ok(Arg {
        name: str_field(o, "name", path)?.ok_or(format!("{path}/name: missing"))?,
        json: str_field(o, "type", path)?.as_deref() == Some("json"),
    })
}

fn parse_command_emit(value: &Value, path: &str) -> Result<CommandEmit, String> {
    let o = value
        .as_object()
        .ok_or(format!("{path}: expected an object"))?;
    Ok(CommandEmit {
        event: str_field(o, "event", path)?.ok_or(format!("{path}/event: missing"))?,
        payload: o.get("payload").cloned().unwrap_or(Value::Null),
        target: o
            .get("target")
            .map(|t| parse_target(t, &format!("{path}/target")))
            .transpose()?,
    })
}

/// `value` with every string in it (object keys aside) replaced by `f` of it, at any depth.
pub fn map_strings(value: &Value, f: &dyn Fn(&str) -> Value) -> Value {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => Value::Array(items.iter().map(|v| map_strings(v, f)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), map_strings(v, f)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

fn string_list(value: &Value, path: &str) -> Result<Vec<String>, String> {
    let list = value
        .as_array()
        .ok_or(format!("{path}: expected an array of labels"))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_str()
                .map(str::to_string)
                .ok_or(format!("{path}/{i}: expected a string"))
        })
        .collect()
}

fn str_field(o: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>, String> {
    match o.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{path}/{key}: expected a string")),
    }
}

fn bool_field(o: &Map<String, Value>, key: &str, path: &str) -> Result<bool, String> {
    match o.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{path}/{key}: expected true or false")),
    }
}

fn u64_field(o: &Map<String, Value>, key: &str, path: &str) -> Result<u64, String> {
    match o.get(key) {
        None => Ok(0),
        Some(v) => v
            .as_u64()
            .ok_or(format!("{path}/{key}: expected a whole number ≥ 0")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_label_is_any_label_and_objects_name_their_kind() {
        let s = parse(
            r#"{"windows": ["main"], "steps": [
                {"op": "emit_to", "target": "main", "event": "e"},
                {"op": "listen", "in": "rust", "event": "e",
                 "target": {"kind": "Window", "label": "main"}}]}"#,
        )
        .unwrap();
        assert_eq!(s.steps[0].target, Some(EventTarget::labeled("main")));
        assert_eq!(s.steps[1].target, Some(EventTarget::window("main")));
        assert_eq!(s.steps[0].from, "rust");
    }

    #[test]
    fn unusable_input_names_the_json_pointer() {
        let err = parse(r#"{"steps": [{"op": "emit"}, {"op": "shout"}]}"#).unwrap_err();
        assert_eq!(err, "/steps/1/op: unknown op \"shout\"");
        let err =
            parse(r#"{"steps": [{"op": "listen", "target": {"kind": "Windw"}}]}"#).unwrap_err();
        assert_eq!(err, "/steps/0/target/kind: unknown kind \"Windw\"");
        assert!(parse("{\"steps\": [").unwrap_err().starts_with("1:"));
    }

    #[test]
    fn declared_commands_keep_their_arguments_and_emits() {
        let s = parse(
            r#"{"commands": [{"name": "save", "args": ["theme", {"name": "size", "type": "json"}],
                 "emit": {"event": "saved", "payload": {"t": "$theme"}, "target": "main"},
                 "returns": {"ok": true}}], "steps": []}"#,
        )
        .unwrap();
        let c = &s.commands[0];
        assert_eq!((c.args[0].json, c.args[1].json), (false, true));
        assert_eq!(c.emits[0].target, Some(EventTarget::labeled("main")));
        assert_eq!(c.returns, serde_json::json!({"ok": true}));
    }

    #[test]
    fn actions_are_steps_with_their_own_pointer() {
        let s = parse(
            r#"{"steps": [{"op": "listen", "in": "main", "event": "x",
                 "actions": [{"op": "destroy"}]}]}"#,
        )
        .unwrap();
        assert_eq!(s.steps[0].actions[0].path, "/steps/0/actions/0");
    }
}
