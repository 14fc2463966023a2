//! The plugin's one connection to EventLab: a WebSocket client to the bridge's `/ipc`, saying
//! hello as a `tap` peer, then one text frame per observed record.
//!
//! Writes are synchronous, under one lock, from whichever thread observed the record (a page's
//! report, a window event): when `send` returns, the record is in the socket, so it reaches
//! EventLab even when the app exits right after, and records keep the order they were observed
//! in. While EventLab is not reachable, records wait in a bounded backlog and a background
//! thread retries the connection; they go out, in order, once it is up.
//!
//! The WebSocket client is the few lines RFC 6455 needs for this (client text frames, masked;
//! the server's frames are read and only its refusals and errors are shown): the plugin adds no
//! dependency to the app besides tauri and serde_json.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Records kept while EventLab is not reachable; older ones are dropped past this.
const BACKLOG_LIMIT: usize = 100_000;
const RETRY: Duration = Duration::from_millis(500);

struct State {
  stream: Option<TcpStream>,
  backlog: std::collections::VecDeque<String>,
  dropped: u64,
  mask_seed: u32,
}

pub struct Link {
  host_port: String,
  hello: String,
  state: Mutex<State>,
}

impl Link {
  /// `url` is the bridge's http://HOST:PORT (as `eventlab serve` prints it). Starts the thread
  /// that connects (and reconnects) in the background.
  pub fn start(url: &str, hello: String) -> Arc<Link> {
    let host_port = url
      .trim_start_matches("http://")
      .trim_start_matches("ws://")
      .trim_end_matches('/')
      .split('/')
      .next()
      .unwrap_or("127.0.0.1:1430")
      .to_string();
    let link = Arc::new(Link {
      host_port,
      hello,
      state: Mutex::new(State {
        stream: None,
        backlog: Default::default(),
        dropped: 0,
        mask_seed: SystemTime::now()
          .duration_since(UNIX_EPOCH)
          .map(|d| d.subsec_nanos() | 1)
          .unwrap_or(0x9e37_79b9),
      }),
    });
    let connector = link.clone();
    std::thread::Builder::new()
      .name("eventlab-tap".into())
      .spawn(move || connector.keep_connected())
      .expect("eventlab tap: cannot start its connection thread");
    link
  }

  /// Sends one message (a JSON object's text), or keeps it until the connection is up.
  pub fn send(&self, message: String) {
    let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
    if state.stream.is_some() && state.backlog.is_empty() {
      if write_frame(&mut state, &message).is_ok() {
        return;
      }
      state.stream = None;
    }
    if state.backlog.len() == BACKLOG_LIMIT {
      state.backlog.pop_front();
      state.dropped += 1;
    }
    state.backlog.push_back(message);
  }

  fn keep_connected(self: Arc<Self>) {
    let mut told = false;
    loop {
      let connected = self.state.lock().map(|s| s.stream.is_some()).unwrap_or(false);
      if !connected {
        match self.connect() {
          Ok(()) => told = false,
          Err(why) if !told => {
            eprintln!(
              "eventlab tap: cannot reach EventLab at {} ({why}); retrying",
              self.host_port
            );
            told = true;
          }
          Err(_) => {}
        }
      }
      std::thread::sleep(RETRY);
    }
  }

  fn connect(&self) -> Result<(), String> {
    let stream = TcpStream::connect(&self.host_port).map_err(|e| e.to_string())?;
    stream.set_nodelay(true).ok();
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    handshake(&stream, &mut reader, &self.host_port)?;
    let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
    state.stream = Some(stream);
    write_frame(&mut state, &self.hello).map_err(|e| e.to_string())?;
    if state.dropped > 0 {
      let note = format!(
        r#"{{"t":"observed","type":"error","op":"tap","message":"the tap kept {BACKLOG_LIMIT} records while EventLab was not reachable and dropped {} older ones"}}"#,
        state.dropped
      );
      state.dropped = 0;
      write_frame(&mut state, &note).map_err(|e| e.to_string())?;
    }
    while let Some(message) = state.backlog.pop_front() {
      if let Err(e) = write_frame(&mut state, &message) {
        state.backlog.push_front(message);
        state.stream = None;
        return Err(e.to_string());
      }
    }
    drop(state);
    std::thread::spawn(move || read_frames(reader));
    Ok(())
  }
}

fn handshake(
  mut stream: &TcpStream,
  reader: &mut BufReader<TcpStream>,
  host_port: &str,
) -> Result<(), String> {
  // The server checks neither the key's randomness nor this client's origin (none: loopback).
  let request = format!(
    "GET /ipc HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
     Sec-WebSocket-Key: ZXZlbnRsYWItdGFwLWtleQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
  );
  stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
  let mut status = String::new();
  reader.read_line(&mut status).map_err(|e| e.to_string())?;
  if !status.starts_with("HTTP/1.1 101") {
    return Err(format!("the bridge answered {}", status.trim()));
  }
  loop {
    let mut line = String::new();
    if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
      return Ok(());
    }
  }
}

/// One masked text frame (a client must mask).
fn write_frame(state: &mut State, text: &str) -> std::io::Result<()> {
  // xorshift: the mask needs no cryptographic quality here.
  let mut x = state.mask_seed;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  state.mask_seed = x;
  let mask = x.to_be_bytes();
  let payload = text.as_bytes();
  let mut frame = Vec::with_capacity(payload.len() + 14);
  frame.push(0x81);
  match payload.len() {
    n if n < 126 => frame.push(0x80 | n as u8),
    n if n <= 0xFFFF => {
      frame.push(0x80 | 126);
      frame.extend_from_slice(&(n as u16).to_be_bytes());
    }
    n => {
      frame.push(0x80 | 127);
      frame.extend_from_slice(&(n as u64).to_be_bytes());
    }
  }
  frame.extend_from_slice(&mask);
  frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
  let stream = state.stream.as_mut().expect("write_frame needs a stream");
  stream.write_all(&frame)
}

/// Reads the server's frames until the connection ends; says what a refusal or an error says.
fn read_frames(mut reader: BufReader<TcpStream>) {
  loop {
    let mut head = [0u8; 2];
    if reader.read_exact(&mut head).is_err() {
      return;
    }
    let mut len = u64::from(head[1] & 0x7F);
    if len == 126 {
      let mut b = [0u8; 2];
      if reader.read_exact(&mut b).is_err() {
        return;
      }
      len = u64::from(u16::from_be_bytes(b));
    } else if len == 127 {
      let mut b = [0u8; 8];
      if reader.read_exact(&mut b).is_err() {
        return;
      }
      len = u64::from_be_bytes(b);
    }
    let mut payload = vec![0u8; len as usize];
    if reader.read_exact(&mut payload).is_err() {
      return;
    }
    if head[0] & 0x0F == 0x8 {
      return; // close
    }
    let text = String::from_utf8_lossy(&payload);
    if text.contains(r#""t":"refused""#) || text.contains(r#""t":"error""#) {
      eprintln!("eventlab tap: EventLab says {text}");
    }
  }
}
