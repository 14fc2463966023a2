//! The trace the oracle writes: EventLab's format (docs/formats.md, "Trace"), one JSON object a
//! line after the header, each record flushed as it is written so a run cut short stays readable.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use serde_json::{json, Map, Value};

pub struct TraceWriter {
    out: BufWriter<File>,
    start: Instant,
    seq: u64,
    last_t_us: i64,
}

impl TraceWriter {
    /// `release` is the Tauri version the oracle runs against ("2.12.7"); the header's `tauri`
    /// names it by major.minor, which EventLab reads as the mode that reproduces that release.
    pub fn create(path: &str, release: &str, start: Instant) -> std::io::Result<Self> {
        let mut writer = Self {
            out: BufWriter::new(File::create(path)?),
            start,
            seq: 0,
            last_t_us: 0,
        };
        let header = json!({
            "format": "eventlab-trace",
            "version": 1,
            "tauri": release_name(release),
            // Tauri runs the handlers of one emit in a hash map's order.
            "order": "random",
            "oracle": format!("tauri {release}"),
        });
        writer.line(&header)?;
        Ok(writer)
    }

    /// Writes `record` (a `type` and its fields) with the next seq; t_us never goes back, so a
    /// delivery written after its emit keeps the trace's times in order.
    pub fn write(&mut self, at: Instant, record: Map<String, Value>) -> std::io::Result<()> {
        self.seq += 1;
        let t_us = at.saturating_duration_since(self.start).as_micros() as i64;
        self.last_t_us = self.last_t_us.max(t_us);
        let mut line = Map::new();
        line.insert("seq".into(), self.seq.into());
        line.insert("t_us".into(), self.last_t_us.into());
        line.extend(record);
        self.line(&Value::Object(line))
    }

    fn line(&mut self, value: &Value) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

/// "2.12.7" → "2.12".
pub fn release_name(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}

/// A record of `kind` with `fields` (an object), in the field order given.
pub fn record(kind: &str, fields: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("type".into(), kind.into());
    if let Value::Object(fields) = fields {
        map.extend(fields);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_gapless_seq_and_times_that_never_go_back() {
        let path = std::env::temp_dir().join(format!("oracle-trace-{}.jsonl", std::process::id()));
        let start = Instant::now();
        let mut w = TraceWriter::create(path.to_str().unwrap(), "2.12.7", start).unwrap();
        let later = start + std::time::Duration::from_millis(5);
        w.write(
            later,
            record("window", json!({"action": "created", "label": "main"})),
        )
        .unwrap();
        w.write(
            start,
            record("error", json!({"message": "m", "op": "x", "panic": false})),
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["format"], "eventlab-trace");
        assert_eq!(lines[0]["tauri"], "2.12");
        assert_eq!(
            (lines[1]["seq"].as_u64(), lines[2]["seq"].as_u64()),
            (Some(1), Some(2))
        );
        assert_eq!(lines[1]["t_us"], lines[2]["t_us"]);
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(r#"{"seq":1,"t_us":5000,"type":"window""#));
    }
}
