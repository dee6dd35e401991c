//! Starts the Dragoman desktop app: `dragoman-app`, or `dragoman-app --smoke` to open
//! the window, align the demo, print one line and exit.
// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use dragoman_app::Launch;

// Memory imports allocate and free millions of small strings across two threads; see
// the workspace's Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => dragoman_app::run(Launch::Window),
        [flag] if flag == "--smoke" => dragoman_app::run(Launch::Smoke),
        _ => {
            eprintln!("usage: dragoman-app [--smoke]");
            ExitCode::from(2)
        }
    }
}
