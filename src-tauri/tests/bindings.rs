//! The committed TypeScript bindings match the commands: regenerated and compared, so a
//! changed command signature cannot reach the UI unnoticed.
//! `UPDATE_BINDINGS=1 cargo test -p dragoman-app --test bindings` rewrites the file.

use std::path::Path;

#[test]
fn committed_bindings_are_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    dragoman_app::export_bindings(&fresh).unwrap();
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p dragoman-app --test bindings` and commit it",
        committed.display()
    );
}
