//! Generates the app's context (configuration, capabilities, icon) at compile time.
//!
//! Naming the app's commands makes Tauri generate an `allow-…` permission for each and
//! deny any command a capability does not grant, so `capabilities/main.json` lists every
//! command the UI may call.
const COMMANDS: [&str; 32] = [
    "open_demo",
    "align_texts",
    "read_document",
    "new_alignment",
    "list_alignments",
    "open_alignment",
    "edit_alignment",
    "undo_alignment",
    "approve_alignment",
    "export_alignment",
    "cancel_work",
    "find_terms",
    "suggest_terms",
    "accept_term",
    "new_translation",
    "new_translation_from_xliff",
    "list_translations",
    "open_translation",
    "lookup_matches",
    "edit_translation",
    "confirm_translation",
    "pretranslate",
    "export_translation",
    "browse_memory",
    "edit_unit_text",
    "edit_unit_details",
    "delete_units",
    "find_duplicates",
    "merge_units",
    "memory_stats",
    "import_memory",
    "export_memory",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
