// The oracle's main.rs adds the tap under cfg(eventlab_tap); only this package sets it.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(eventlab_tap)");
    println!("cargo::rustc-cfg=eventlab_tap");
    tauri_build::build()
}
