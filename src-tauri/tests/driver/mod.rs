//! The WebDriver client of the real-window tests: the built `dragoman-app` under Xvfb,
//! driven by `tauri-driver` and WebKitWebDriver (Debian's `webkit2gtk-driver`).
//!
//! The client is a few lines of HTTP/1.0 over a socket: the protocol is JSON over plain
//! HTTP, and a client crate would add an async stack to the test build.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `tauri-driver` under Xvfb, stopped with its children when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start(data: &Path, screen: &str) -> Self {
        // Exports go to the Documents folder: point it into `data`, not the user's home.
        let config = data.join("config");
        std::fs::create_dir_all(&config).unwrap();
        let documents = data.join("Documents");
        std::fs::write(
            config.join("user-dirs.dirs"),
            format!("XDG_DOCUMENTS_DIR=\"{}\"\n", documents.display()),
        )
        .unwrap();
        let port = free_port();
        let native = free_port();
        let child = Command::new("xvfb-run")
            .args([
                "--auto-servernum",
                &format!("--server-args=-screen 0 {screen}"),
            ])
            .arg(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("XDG_DATA_HOME", data)
            .env("XDG_CONFIG_HOME", &config)
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .expect("run xvfb-run and tauri-driver (scripts/deps.sh installs both)");
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            sleep(Duration::from_millis(200));
        }
        Self { child, port }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// The reply as JSON, or what was wrong with it.
    pub fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read reply");
        let json = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        serde_json::from_str(json).map_err(|e| format!("{e}: {response:?}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole process group: xvfb-run, Xvfb, tauri-driver, WebKitWebDriver, the app.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["--", &group]).status();
        let _ = self.child.wait();
        // Until Xvfb is gone its display number stays taken, and the next test's
        // `xvfb-run --auto-servernum` could pick it and fail.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline
            && Command::new("kill")
                .args(["-0", "--", &group])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        {
            sleep(Duration::from_millis(100));
        }
    }
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("a cargo home");
    home.join("bin/tauri-driver")
}

/// One app window under WebDriver.
pub struct Window<'d> {
    driver: &'d Driver,
    session: String,
}

impl<'d> Window<'d> {
    pub fn open(driver: &'d Driver) -> Self {
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "tauri:options": { "application": env!("CARGO_BIN_EXE_dragoman-app") }
        } } });
        // tauri-driver listens before WebKitWebDriver behind it does: until then a new
        // session gets an empty reply, so ask again for a while.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let reply = driver.try_call("POST", "/session", Some(caps.clone()));
            if let Some(session) = reply
                .as_ref()
                .ok()
                .and_then(|r| r["value"]["sessionId"].as_str())
            {
                return Self {
                    driver,
                    session: session.to_string(),
                };
            }
            assert!(Instant::now() < deadline, "no session: {reply:?}");
            sleep(Duration::from_millis(500));
        }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.driver.call(method, &path, body)["value"].clone()
    }

    /// Run `script` in the page and return its value.
    pub fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Wait until `script` returns something other than null, false or "".
    pub fn until(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let value = self.eval(script);
            if !(value.is_null() || value == json!(false) || value == json!("")) {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            sleep(Duration::from_millis(200));
        }
    }

    /// Press keys on the focused grid: each entry is a chord of WebDriver key values.
    pub fn press(&self, chords: &[&[&str]]) {
        let mut actions = Vec::new();
        for chord in chords {
            actions.extend(
                chord
                    .iter()
                    .map(|k| json!({ "type": "keyDown", "value": k })),
            );
            actions.extend(
                chord
                    .iter()
                    .rev()
                    .map(|k| json!({ "type": "keyUp", "value": k })),
            );
        }
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.call("POST", "/actions", Some(body));
    }

    pub fn cell_text(&self, bead: usize, side: usize) -> String {
        let script = format!(
            "return document.querySelectorAll('[data-bead=\"{bead}\"] [role=gridcell]')[{side}]?.innerText ?? ''"
        );
        self.until("a cell", &script).as_str().unwrap().to_string()
    }

    /// Click the button whose text is `label`.
    pub fn click(&self, label: &str) {
        let script = format!(
            "const b = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === {}); b?.click(); return b !== undefined",
            json!(label)
        );
        self.until(label, &script);
    }

    /// Type `text` into the input whose label starts with `label`, inside `scope` (a CSS
    /// selector), as typing would: Svelte's bindings listen to `input`.
    pub fn fill(&self, scope: &str, label: &str, text: &str) {
        let script = format!(
            "const l = [...document.querySelectorAll({labels})].find(l => l.innerText.trim().startsWith({label})); \
             const i = l?.querySelector('input'); if (!i) return false; \
             i.value = {text}; i.dispatchEvent(new Event('input', {{ bubbles: true }})); return true",
            labels = json!(format!("{scope} label")),
            label = json!(label),
            text = json!(text),
        );
        self.until(label, &script);
    }

    /// Pick the file at `path` in the page's file input `css`, as the user does in the
    /// file chooser: WebDriver sends a file input its path as keys.
    pub fn pick_file(&self, css: &str, path: &Path) {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        let element = found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {found}"));
        let typed = self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": path.display().to_string() })),
        );
        assert!(typed.is_null(), "picking {}: {typed}", path.display());
    }

    /// The window as a PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        // WebKitGTK takes the picture at the page's next paint: a page that has nothing
        // to repaint (no caret, no animation) would keep WebDriver waiting for ever. A
        // pixel changed each frame, all but transparent, paints until the picture is taken.
        self.eval(
            "const d = document.createElement('div'); d.id = 'webdriver-tick'; \
             d.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0.01;pointer-events:none'; \
             document.body.append(d); let n = 0; \
             const tick = () => { if (d.isConnected) { d.style.background = n++ % 2 ? '#000' : '#fff'; requestAnimationFrame(tick); } }; \
             tick()",
        );
        let png = self.call("GET", "/screenshot", None);
        self.eval("document.getElementById('webdriver-tick')?.remove()");
        let png = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("a screenshot"))
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        png
    }

    pub fn close(self) {
        self.call("DELETE", "", None);
    }
}

/// The key WebDriver names an element by in its replies.
pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
pub const CONTROL: &str = "\u{E009}";
pub const ENTER: &str = "\u{E007}";
pub const SHIFT: &str = "\u{E008}";
