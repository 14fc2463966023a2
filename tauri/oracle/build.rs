fn main() {
    // Set only by the tap's test build (tauri/tauri-plugin-eventlab/tests/tapped-oracle).
    println!("cargo::rustc-check-cfg=cfg(eventlab_tap)");
    tauri_build::build()
}
