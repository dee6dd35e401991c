//! The three lists of commands agree: the commands the app answers (from its builder),
//! the app manifest in `build.rs` (Tauri generates an `allow-…` permission for each name
//! there and denies the rest) and the window's capability, which grants them. A command
//! missing from either file cannot be called from the UI; an extra one is a permission
//! for nothing.

use std::collections::BTreeSet;
use std::path::Path;

fn file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in `build.rs`'s `COMMANDS`, in order: the quoted strings of the array.
fn manifest_commands() -> Vec<String> {
    let source = file("build.rs");
    let start = source
        .find("const COMMANDS")
        .expect("build.rs declares COMMANDS");
    let list = &source[start..];
    let list = &list[list.find("= [").expect("COMMANDS = [ … ]") + 3..];
    let list = &list[..list.find("];").expect("COMMANDS ends with ];")];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The commands `capabilities/main.json` grants (`allow-open-demo` grants `open_demo`),
/// and its other permissions.
fn granted_commands() -> (Vec<String>, Vec<String>) {
    let capability: serde_json::Value = serde_json::from_str(&file("capabilities/main.json"))
        .expect("capabilities/main.json is JSON");
    let permissions = capability["permissions"]
        .as_array()
        .expect("a permissions array");
    let mut commands = Vec::new();
    let mut others = Vec::new();
    for permission in permissions {
        let permission = permission.as_str().expect("permissions named by strings");
        match permission.strip_prefix("allow-") {
            Some(command) => commands.push(command.replace('-', "_")),
            None => others.push(permission.to_string()),
        }
    }
    (commands, others)
}

/// What `listed` lacks and what it has beyond `answered`, for the failure message.
fn difference(answered: &BTreeSet<String>, listed: &[String]) -> (Vec<String>, Vec<String>) {
    let listed: BTreeSet<String> = listed.iter().cloned().collect();
    (
        answered.difference(&listed).cloned().collect(),
        listed.difference(answered).cloned().collect(),
    )
}

fn assert_once(what: &str, names: &[String]) {
    let mut seen = BTreeSet::new();
    let twice: Vec<_> = names.iter().filter(|n| !seen.insert(*n)).collect();
    assert!(twice.is_empty(), "{what} lists {twice:?} more than once");
}

#[test]
fn build_rs_and_the_capability_list_exactly_the_commands_the_app_answers() {
    let answered = dragoman_app::command_names();
    assert_once("the app", &answered);
    let answered: BTreeSet<String> = answered.into_iter().collect();
    assert!(
        answered.contains("open_demo") && answered.contains("upload_file"),
        "the typed commands and the one taking a raw body both named: {answered:?}"
    );

    let manifest = manifest_commands();
    assert_once("build.rs", &manifest);
    let (missing, extra) = difference(&answered, &manifest);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "build.rs's COMMANDS lacks {missing:?} and has {extra:?} beyond the app's commands"
    );

    let (granted, others) = granted_commands();
    assert_once("capabilities/main.json", &granted);
    let (missing, extra) = difference(&answered, &granted);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "capabilities/main.json does not allow {missing:?} and allows {extra:?} beyond the app's commands"
    );
    assert_eq!(
        others,
        ["core:default"],
        "beside the app's commands, only Tauri's core defaults"
    );
}
