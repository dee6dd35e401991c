//! Shared pieces of Dragoman's integration tests: running the built `dragoman` binary on
//! fixture files and reading its output.

pub mod postgres;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder holding the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `dragoman` binary of the same build as the running test (`make test` builds it
/// before the tests run; cargo puts it next to the `deps` folder the test lives in).
pub fn dragoman_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target profile folder");
    let bin = dir.join(format!("dragoman{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --workspace --bins` first (make test does)",
        bin.display()
    );
    bin
}

/// Run `dragoman` with `args` and return what it printed and its exit status.
pub fn dragoman(args: &[&str]) -> Output {
    Command::new(dragoman_bin())
        .args(args)
        .output()
        .expect("run dragoman")
}

/// What one run printed, as text.
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Run `dragoman` with `args`, decoding its output as UTF-8.
pub fn run(args: &[&str]) -> Run {
    let out = dragoman(args);
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Parse JSON Lines output into one value per line.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}
