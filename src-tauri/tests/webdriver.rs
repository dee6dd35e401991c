//! End to end through the real window: the built `dragoman-app` under Xvfb, driven over
//! WebDriver by `tauri-driver` and WebKitWebDriver (Debian's `webkit2gtk-driver`).
//!
//! From an empty data directory it opens the demo alignment, merges two segments, undoes
//! that, confirms a bead, approves it, closes the app, checks the database file, reopens
//! the app and checks the grid shows the work. Then it translates: a Russian text pasted
//! into the Translate view, pre-translated from the demo memory, two segments confirmed,
//! exported as XLIFF 2.1; the file must parse and hold the confirmed targets, and the
//! memory the confirmed units. Last it imports a glossary file through the Glossary
//! view's import dialog (the file picked in its file input, as a user picks it) and finds
//! the file's concept highlighted in the alignment editor. It saves a screenshot of the
//! window on the way (`target/tmp/dragoman-editor.png`; set `UPDATE_SCREENSHOT=1` to
//! refresh the one the README shows).
//!
//! The WebDriver client is a few lines of HTTP/1.0 over a socket: the protocol is JSON
//! over plain HTTP, and a client crate would add an async stack to the test build.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine;
use dragoman_core::editor::AlignmentProject;
use dragoman_core::store;
use serde_json::{Value, json};

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `tauri-driver` under Xvfb, stopped with its children when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(data: &Path) -> Self {
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
            .args(["--auto-servernum", "--server-args=-screen 0 1400x900x24"])
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

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// The reply as JSON, or what was wrong with it.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
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
struct Window<'d> {
    driver: &'d Driver,
    session: String,
}

impl<'d> Window<'d> {
    fn open(driver: &'d Driver) -> Self {
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

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.driver.call(method, &path, body)["value"].clone()
    }

    /// Run `script` in the page and return its value.
    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Wait until `script` returns something other than null, false or "".
    fn until(&self, what: &str, script: &str) -> Value {
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
    fn press(&self, chords: &[&[&str]]) {
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

    fn cell_text(&self, bead: usize, side: usize) -> String {
        let script = format!(
            "return document.querySelectorAll('[data-bead=\"{bead}\"] [role=gridcell]')[{side}]?.innerText ?? ''"
        );
        self.until("a cell", &script).as_str().unwrap().to_string()
    }

    /// Click the button whose text is `label`.
    fn click(&self, label: &str) {
        let script = format!(
            "const b = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === {}); b?.click(); return b !== undefined",
            json!(label)
        );
        self.until(label, &script);
    }

    /// Pick the file at `path` in the page's file input `css`, as the user does in the
    /// file chooser: WebDriver sends a file input its path as keys.
    fn pick_file(&self, css: &str, path: &Path) {
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

    fn close(self) {
        self.call("DELETE", "", None);
    }
}

/// The key WebDriver names an element by in its replies.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const CONTROL: &str = "\u{E009}";
const ENTER: &str = "\u{E007}";

#[test]
fn edit_approve_close_and_resume_in_the_real_window() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());

    let window = Window::open(&driver);
    window.until(
        "the grid",
        "return document.querySelector('[data-bead=\"1\"]') !== null",
    );
    window.eval("document.querySelector('[role=grid]').focus()");
    let title = window.call("GET", "/title", None);
    assert_eq!(title, json!("Dragoman"));

    let first = window.cell_text(0, 0);
    window.press(&[&["m"]]);
    window.until(
        "the merge",
        &format!("return document.querySelectorAll('[data-bead=\"0\"] [role=gridcell]')[0].innerText.length > {}", first.chars().count()),
    );
    assert!(window.cell_text(0, 0).starts_with(first.trim()));
    window.press(&[&[CONTROL, "z"]]);
    window.until(
        "the undo",
        &format!("return document.querySelectorAll('[data-bead=\"0\"] [role=gridcell]')[0].innerText === {}", json!(first)),
    );

    window.press(&[&["c"], &[CONTROL, ENTER]]);
    let status = window.until(
        "the approval report",
        "return document.querySelector('[role=status]')?.innerText",
    );
    assert!(
        status.as_str().unwrap().contains("1 unit added"),
        "{status}"
    );

    let png = window.call("GET", "/screenshot", None);
    let png = base64::engine::general_purpose::STANDARD
        .decode(png.as_str().expect("a screenshot"))
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("dragoman-editor.png"),
        &png,
    )
    .unwrap();
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots/editor.png");
        std::fs::write(docs, &png).unwrap();
    }
    window.close();

    let db = store::open(&data.path().join("dragoman/dragoman.sqlite")).unwrap();
    assert_eq!(units_of_origin(&db, "alignment"), 1);
    let project = AlignmentProject::list(&db).unwrap()[0].id;
    let reopened = AlignmentProject::open(&db, project).unwrap();
    let first_bead = &reopened.alignment.beads()[0];
    assert!(
        first_bead.confirmed && first_bead.approved,
        "{first_bead:?}"
    );
    drop(db);

    let window = Window::open(&driver);
    let badges = window.until(
        "the resumed grid",
        "return document.querySelector('[data-bead=\"0\"] [role=rowheader]')?.innerText",
    );
    assert!(
        badges.as_str().unwrap().contains("TM"),
        "approved after a restart: {badges}"
    );
    assert_eq!(
        window.cell_text(0, 0),
        first,
        "the undone merge stays undone"
    );
    translate(&window, data.path());
    import_glossary(&window);
    window.close();

    let db = store::open(&data.path().join("dragoman/dragoman.sqlite")).unwrap();
    let confirmed = units_of_origin(&db, "translation");
    assert_eq!(
        confirmed, 2,
        "each confirmed segment is a unit, a correction none more"
    );
    let en = dragoman_core::LanguageTag::parse("en").unwrap();
    let corrected = store::units::with_text(&db, &en, CORRECTED).unwrap();
    assert!(!corrected.is_empty(), "the corrected text is in the memory");
    assert!(
        store::units::with_text(&db, &en, CONFIRMED[0])
            .unwrap()
            .is_empty(),
        "the old translation is no longer offered"
    );
    let versions = store::units::versions::list(&db, corrected[0]).unwrap();
    assert_eq!(versions[0].text, CONFIRMED[0], "kept as an earlier version");
    let imported = store::glossary::load(&db, &[])
        .unwrap()
        .into_iter()
        .filter(|stored| stored.concept.id == "university")
        .count();
    assert_eq!(imported, 1, "the imported concept is stored");
}

/// Import `tests/fixtures/universities.csv` through the Glossary view's dialog, then find
/// its concept highlighted in the editor's demo alignment. The starter glossaries have no
/// "university", so only the import can make the grid mark the universities the press
/// release names in each of its three languages.
fn import_glossary(window: &Window) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/universities.csv");
    window.click("Glossary");
    // The dialog offers the glossaries listed when it opens: wait for the starter ones.
    window.until(
        "the glossary list",
        "return [...document.querySelectorAll('nav button')].some(b => b.innerText.trim() === 'diplomatic')",
    );
    window.click("Import…");
    window.pick_file("input[type=file]", &file);
    window.until(
        "the format read from the file name",
        "return [...document.querySelectorAll('select')].some(s => s.value === 'csv')",
    );
    window.click("Import");
    let report = window.until(
        "the import report",
        "return [...document.querySelectorAll('[role=status]')].map(s => s.innerText).find(t => t.includes('added'))",
    );
    assert!(report.as_str().unwrap().starts_with("1 added"), "{report}");

    window.click("Align");
    let marked = window.until(
        "the imported concept highlighted in each language",
        "const marks = [...document.querySelectorAll('[data-bead] mark')].map(m => m.innerText.toLowerCase()); \
         const forms = ['universities', 'университетов', 'universitetləri']; \
         return forms.every(f => marks.includes(f)) && marks.filter(m => forms.includes(m))",
    );
    assert_eq!(marked.as_array().map(Vec::len), Some(3), "{marked}");
}

/// How many units of the memory came from `origin`.
fn units_of_origin(db: &store::Connection, origin: &str) -> u64 {
    let stats = store::units::stats(db).unwrap();
    stats
        .origins
        .iter()
        .find(|(o, _)| o == origin)
        .map_or(0, |(_, n)| *n)
}

/// The translator's correction of the first sentence's translation.
const CORRECTED: &str = "The sides discussed inter-regional cooperation.";

/// The demo memory's English for the first two sentences of [`PRESS_RELEASE`].
const CONFIRMED: [&str; 2] = [
    "The parties discussed issues of inter-regional cooperation.",
    "The meeting was held in a friendly and constructive atmosphere.",
];

const PRESS_RELEASE: &str = "Стороны обсудили вопросы межрегионального сотрудничества. \
    Встреча прошла в дружественной и конструктивной атмосфере. \
    Делегации посетили выставку народных промыслов.";

/// Paste a Russian text into a new job, pre-translate it from the demo memory, confirm
/// the two filled segments and export XLIFF 2.1 to the Documents folder.
fn translate(window: &Window, data: &Path) {
    window.click("Translate");
    let paste = format!(
        "const t = document.querySelector('form.new textarea'); if (!t) return false; \
         t.value = {}; t.dispatchEvent(new Event('input', {{ bubbles: true }})); return true",
        json!(PRESS_RELEASE)
    );
    window.until("the new translation form", &paste);
    window.click("Segment and open");
    window.until(
        "the job's grid",
        "return document.querySelector('[data-segment-row=\"2\"]') !== null",
    );
    window.click("Pre-translate");
    let report = window.until(
        "the pre-translation report",
        "return [...document.querySelectorAll('[role=status]')].map(s => s.innerText).find(t => t.startsWith('Pre-translated'))",
    );
    assert!(
        report.as_str().unwrap().contains("1 left empty"),
        "{report}"
    );
    window.eval("document.querySelector('[data-segment-row] textarea').focus()");
    window.press(&[&[CONTROL, ENTER]]);
    window.until(
        "the second segment's box",
        "return document.querySelector('[data-segment-row=\"1\"] textarea') !== null",
    );
    window.press(&[&[CONTROL, ENTER]]);
    window.until(
        "two confirmed segments",
        "return document.querySelectorAll('.target.confirmed').length === 2",
    );
    // A correction of the first segment, confirmed again, corrects its unit.
    window.eval("document.querySelector('[data-segment-row=\"0\"] .target').click()");
    let fix = format!(
        "const t = document.querySelector('[data-segment-row=\"0\"] textarea'); if (!t) return false; \
         t.value = {}; t.dispatchEvent(new Event('input', {{ bubbles: true }})); t.focus(); return true",
        json!(CORRECTED)
    );
    window.until("the first segment's box", &fix);
    window.press(&[&[CONTROL, ENTER]]);
    window.until(
        "the correction confirmed",
        &format!(
            "return document.querySelector('[data-segment-row=\"0\"] p[lang=en]')?.innerText === {}",
            json!(CORRECTED)
        ),
    );

    window.eval(
        "const s = [...document.querySelectorAll('select')].find(s => [...s.options].some(o => o.value === 'xliff21')); \
         s.value = 'xliff21'; s.dispatchEvent(new Event('change', { bubbles: true }))",
    );
    window.until(
        "the export report",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.innerText.includes('exported to'))",
    );
    let folder = data.join("Documents/Dragoman");
    let exported: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(exported.len(), 1, "{exported:?}");
    let bytes = std::fs::read(&exported[0]).unwrap();
    let limits = dragoman_core::limits::Limits::default();
    let file = dragoman_core::formats::xliff_read::read(&bytes, &limits)
        .unwrap_or_else(|e| panic!("{}: {e}", exported[0].display()));
    assert_eq!((file.src.as_str(), file.segments.len()), ("ru", 3));
    let targets: Vec<_> = file.segments.iter().map(|s| s.target.as_deref()).collect();
    assert_eq!(targets[..2], [Some(CORRECTED), Some(CONFIRMED[1])]);
    assert!(
        file.segments[2].source.starts_with("Делегации посетили"),
        "{:?}",
        file.segments[2]
    );
}
