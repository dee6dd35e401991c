//! The `dragoman` command, run as a user or a script runs it.

/// `dragoman align`: the output contract scripts rely on, and alignment of real text.
mod align;
/// `dragoman alignment`: a saved alignment project made, approved, exported, deleted.
mod alignment;
/// Bad input: each gets a one-line error naming the file and exit code 2.
mod bad_input;
/// The database: locks held by another process, paths that are not a memory.
mod database;
/// `dragoman pretranslate` of DOCX files, the output read back by LibreOffice.
mod docx;
/// `dragoman glossary`: import and export in every format, recognition, QA.
mod glossary;
/// Glossaries exchanged with other tools: TBX v3 and v2 checked by the official schemas
/// and translate-toolkit, OmegaT's glossary files, tables for memoQ.
mod glossary_exchange;
/// `dragoman --help`: the commands users run, and only those.
mod help;
/// Every `--json` and JSON Lines output, pinned by snapshots.
mod json;
/// Files beyond the limits on what Dragoman reads, and `--max`.
mod limits;
/// `dragoman pretranslate`: a new text filled from the memory, as XLIFF and as text.
mod pretranslate;
/// Units of several sentences matched sentence by sentence, and units joined.
mod sentences;
/// `dragoman team`: memories shared through a real PostgreSQL server.
mod team;
/// `dragoman tm`: the memory's import, export, lookup, concordance.
mod tm;
/// XLIFF from other tools written back into itself, checked with xmllint and
/// translate-toolkit.
mod xliff;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use dragoman_tests::{dragoman_bin, json_lines};
use serde_json::Value;

/// A fresh scratch folder for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

/// Run `dragoman ARGS` (which must succeed) with `stdin` as its input, and parse its
/// JSON lines.
pub fn answers_to_stdin(args: &[&str], stdin: &str) -> Vec<Value> {
    let mut child = Command::new(dragoman_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dragoman {args:?}");
    json_lines(&String::from_utf8(out.stdout).unwrap())
}
