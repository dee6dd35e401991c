//! Generates the app's context (configuration, capabilities, icon) at compile time.
//!
//! Naming the app's commands makes Tauri generate an `allow-…` permission for each and
//! deny any command a capability does not grant, so `capabilities/main.json` lists every
//! command the UI may call.
fn main() {
    let manifest =
        tauri_build::AppManifest::new().commands(&["open_demo", "align_texts", "find_terms"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
