//! End to end through the real window: the built `dragoman-app` under Xvfb, driven over
//! WebDriver by `tauri-driver` and WebKitWebDriver (Debian's `webkit2gtk-driver`).
//!
//! From an empty data directory it opens the demo alignment, merges two segments, undoes
//! that, confirms a bead, approves it, closes the app, checks the database file, reopens
//! the app and checks the grid shows the work. Then it translates: a Russian text pasted
//! into the Translate view, pre-translated from the demo memory, two segments confirmed,
//! exported as XLIFF 2.1; the file must parse and hold the confirmed targets, and the
//! memory the confirmed units. A second job's sentence holds a formula of the demo
//! memory: it is listed as a fragment with its translation, set apart in the source and
//! put in the text box by Ctrl+Shift+1. Last it imports a glossary file through the Glossary
//! view's import dialog (the file picked in its file input, as a user picks it) and finds
//! the file's concept highlighted in the alignment editor. It saves a screenshot of the
//! window on the way (`target/tmp/dragoman-editor.png`; set `UPDATE_SCREENSHOT=1` to
//! refresh the one the README shows).
//!
//! The WebDriver client is `driver/`, shared with the screenshots.

mod driver;

use std::path::Path;

use dragoman_core::editor::AlignmentProject;
use dragoman_core::store;
use driver::{CONTROL, Driver, ENTER, SHIFT, Window};
use serde_json::json;

#[test]
fn edit_approve_close_and_resume_in_the_real_window() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path(), "1400x900x24");

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

    let png = window.screenshot();
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
    fragments(&window);
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

/// A sentence holding a formula of the demo memory ("обсудили вопросы межрегионального
/// сотрудничества") among new words: no fuzzy match, but a fragment.
const FORMULA: &str = "Министры также обсудили вопросы межрегионального сотрудничества в Гяндже.";

/// Open a job of [`FORMULA`]: the word alignment is learned on opening, the formula is
/// listed with its translation and set apart in the source, and Ctrl+Shift+1 inserts it.
fn fragments(window: &Window) {
    window.click("New translation");
    new_job(window, FORMULA);
    let listed = window.until(
        "the fragment",
        "return document.querySelector('[data-fragment=\"0\"] .target')?.innerText",
    );
    assert!(
        listed
            .as_str()
            .unwrap()
            .contains("inter-regional cooperation"),
        "{listed}"
    );
    let marked = window.eval(
        "return [...document.querySelectorAll('[data-segment-row=\"0\"] .fragment')].map(e => e.innerText).join('')",
    );
    assert_eq!(
        marked,
        json!("обсудили вопросы межрегионального сотрудничества")
    );
    window.eval("document.querySelector('[data-segment-row=\"0\"] textarea').focus()");
    window.press(&[&[CONTROL, SHIFT, "1"]]);
    let typed = window.until(
        "the inserted fragment",
        &format!(
            "const v = document.querySelector('[data-segment-row=\"0\"] textarea')?.value; return v && v.includes({}) ? v : null",
            json!(listed)
        ),
    );
    assert_eq!(typed, listed, "put in the empty box as it is");
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

/// Paste `text` into the new translation form and open it as a job.
fn new_job(window: &Window, text: &str) {
    let paste = format!(
        "const t = document.querySelector('form.new textarea'); if (!t) return false; \
         t.value = {}; t.dispatchEvent(new Event('input', {{ bubbles: true }})); return true",
        json!(text)
    );
    window.until("the new translation form", &paste);
    window.click("Segment and open");
}

/// Paste a Russian text into a new job, pre-translate it from the demo memory, confirm
/// the two filled segments and export XLIFF 2.1 to the Documents folder.
fn translate(window: &Window, data: &Path) {
    window.click("Translate");
    new_job(window, PRESS_RELEASE);
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
