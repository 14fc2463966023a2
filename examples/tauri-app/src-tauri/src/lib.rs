use serde::Serialize;
use tauri::{ipc::Channel, AppHandle, Emitter};

// Learn more about Tauri commands at https://tauri.app/develop/calling-rust/
#[tauri::command]
fn greet(app: AppHandle, name: &str) -> String {
    let _ = app.emit("greeted", name);
    format!("Hello, {}! You've been greeted from Rust!", name)
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase", tag = "event", content = "data")]
enum DownloadEvent {
    #[serde(rename_all = "camelCase")]
    Started { url: String, content_length: usize },
    #[serde(rename_all = "camelCase")]
    Progress { chunk_length: usize },
    Finished,
}

// Pretends to download `url` in ten chunks, telling the page through its Channel.
#[tauri::command]
async fn download(url: String, on_event: Channel<DownloadEvent>) -> Result<(), String> {
    let content_length = 1000;
    on_event
        .send(DownloadEvent::Started { url, content_length })
        .map_err(|e| e.to_string())?;
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        on_event
            .send(DownloadEvent::Progress { chunk_length: 100 })
            .map_err(|e| e.to_string())?;
    }
    on_event.send(DownloadEvent::Finished).map_err(|e| e.to_string())
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![greet, download])
        .run(tauri::generate_context!())
        .expect("error while running tauri application");
}
