//! End to end: the real app binary opens its window under Xvfb, loads the bundled UI,
//! opens the demo and aligns it, prints one line and exits.
//!
//! Bounded twice: the app gives up after 90 s on its own, and `timeout` stops Xvfb and the
//! app after 150 s whatever happens, so a hung web view fails the test instead of CI.

use std::process::Command;

#[test]
fn the_window_opens_and_aligns_the_demo() {
    let data = tempfile::tempdir().unwrap();
    let run = || {
        Command::new("timeout")
            .args(["--kill-after=10", "150", "xvfb-run", "--auto-servernum"])
            .args(["--server-args=-screen 0 1280x1024x24"])
            .arg(env!("CARGO_BIN_EXE_dragoman-app"))
            .arg("--smoke")
            // The database goes to a fresh data directory, never the user's.
            .env("XDG_DATA_HOME", data.path())
            // Xvfb has no GPU: WebKitGTK's DMA-BUF renderer would fail to start there.
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .output()
            .expect("run timeout and xvfb-run (scripts/deps.sh installs xvfb)")
    };
    // xvfb-run's display can be taken between its check and the server's start (another
    // window test ending); that is the X server failing, not the app: try again.
    let mut output = run();
    for _ in 0..2 {
        if output.status.success()
            || !String::from_utf8_lossy(&output.stderr).contains("Xvfb failed to start")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
        output = run();
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "app exited with {}\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("smoke: "))
        .unwrap_or_else(|| panic!("no smoke line\nstdout: {stdout}\nstderr: {stderr}"));
    assert!(line.contains("window loaded, demo aligned into"), "{line}");
    assert!(
        data.path().join("dragoman/dragoman.sqlite").exists(),
        "the database is created in the data directory: {line}"
    );
}
