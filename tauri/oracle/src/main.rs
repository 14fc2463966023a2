//! EventLab's oracle: a real Tauri 2 app that runs an EventLab scenario against the Tauri it was
//! built with and writes what happened as an EventLab trace, for `eventlab diff` to compare with
//! `eventlab run`. Usage: eventlab-oracle SCENARIO.json -o OUT.jsonl
//! Exit 0 when the scenario ran to its end (whatever it delivered), 2 for unusable input, 1 when
//! the app failed; one line on stderr says why.

mod commands;
mod expect;
mod journal;
mod oracle;
mod pages;
mod runner;
mod scenario;
mod steps;
mod trace;

use std::sync::Arc;
use std::time::Instant;

use tauri::{Manager, RunEvent, WindowEvent};

use crate::oracle::Oracle;

fn fail(code: i32, why: &str) -> ! {
    eprintln!("eventlab-oracle: {why}");
    std::process::exit(code)
}

fn args() -> (String, String) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [scenario, o, out] if o == "-o" => (scenario.clone(), out.clone()),
        [o, out, scenario] if o == "-o" => (scenario.clone(), out.clone()),
        _ => fail(2, "usage: eventlab-oracle SCENARIO.json -o OUT.jsonl"),
    }
}

fn main() {
    let (scenario_path, out) = args();
    let text = std::fs::read_to_string(&scenario_path)
        .unwrap_or_else(|e| fail(2, &format!("cannot read {scenario_path}: {e}")));
    let scenario =
        scenario::parse(&text).unwrap_or_else(|e| fail(2, &format!("{scenario_path}:{e}")));
    let start = Instant::now();
    let trace = trace::TraceWriter::create(&out, tauri::VERSION, start)
        .unwrap_or_else(|e| fail(1, &format!("cannot write {out}: {e}")));
    // A panic in a handler is part of what the scenario shows (it is recorded); keep stderr to
    // the one line that says why a run failed.
    std::panic::set_hook(Box::new(|_| {}));
    let oracle = Arc::new(Oracle::new(
        tauri::VERSION,
        scenario.commands.clone(),
        trace,
    ));

    let setup_oracle = oracle.clone();
    let run_oracle = oracle.clone();
    let mut builder = tauri::Builder::default();
    // Tests hold back some IPC calls, as a busy machine can (pages::hold_ipc_script).
    if let Ok(spec) = std::env::var("EVENTLAB_ORACLE_HOLD_IPC") {
        let script = pages::hold_ipc_script(&spec).unwrap_or_else(|e| fail(2, &e));
        builder = builder.append_invoke_initialization_script(script);
    }
    // The tap's test builds the oracle with EventLab's tap (tauri/tauri-plugin-eventlab).
    #[cfg(eventlab_tap)]
    let builder = builder.plugin(tauri_plugin_eventlab::init());
    let app = builder
        .invoke_handler(commands::handler(oracle.clone()))
        .setup(move |app| {
            setup_oracle.set_app(app.handle().clone());
            app.manage(setup_oracle.clone());
            let oracle = setup_oracle.clone();
            std::thread::spawn(move || {
                let outcome = runner::run(&oracle, &scenario);
                let _ = oracle.flush_step();
                match outcome {
                    Ok(()) => std::process::exit(0),
                    Err(why) => fail(1, &why),
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| fail(1, &format!("the Tauri app did not start: {e}")));
    app.run(move |_, event| match event {
        // The scenario decides when windows close; the oracle exits when the scenario ends.
        RunEvent::ExitRequested {
            api, code: None, ..
        } => api.prevent_exit(),
        // Before Tauri's own handler emits tauri://destroyed (app.rs runs this first).
        RunEvent::WindowEvent {
            label,
            event: WindowEvent::Destroyed,
            ..
        } => {
            run_oracle.record(
                "window",
                serde_json::json!({"action": "destroyed", "label": label}),
            );
            run_oracle.emit(steps::window_emit("tauri://destroyed", &label));
            run_oracle.window_gone(&label);
        }
        _ => {}
    });
}
