//! Generates the app's context (configuration, capabilities, icon) at compile time.
//!
//! Naming the app's commands makes Tauri generate an `allow-…` permission for each and
//! deny any command a capability does not grant, so `capabilities/main.json` lists every
//! command the UI may call.
const COMMANDS: [&str; 56] = [
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
    "start_work",
    "cancel_work",
    "upload_file",
    "find_terms",
    "suggest_terms",
    "accept_term",
    "term_form",
    "list_glossaries",
    "create_glossary",
    "configure_glossary",
    "search_concepts",
    "save_concept",
    "delete_concept",
    "suggest_memory_terms",
    "reject_suggestion",
    "import_glossary",
    "export_glossary",
    "new_translation",
    "new_translation_from_xliff",
    "new_translation_from_document",
    "list_translations",
    "open_translation",
    "lookup_matches",
    "lookup_fragments",
    "learn_word_alignment",
    "edit_translation",
    "confirm_translation",
    "record_match_use",
    "pretranslate",
    "export_translation",
    "search_concordance",
    "check_translation",
    "browse_memory",
    "edit_unit_text",
    "edit_unit_details",
    "delete_units",
    "find_duplicates",
    "merge_units",
    "memory_stats",
    "import_memory",
    "export_memory",
    "unit_versions",
    "keeps_several_translations",
    "keep_several_translations",
    "limits",
    "set_limit",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
