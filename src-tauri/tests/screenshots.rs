//! The screenshots in `docs/screenshots/`: the real window (the built `dragoman-app`
//! under Xvfb, driven over WebDriver like `webdriver.rs`) showing the alignment editor,
//! Translate, Memory and Glossary at a laptop's 1024×700 and a desktop's 1920×1080, in
//! the light and the dark theme. Run by `scripts/screenshots.sh`; ignored by `cargo
//! test`, since it rewrites files in the repository.
//!
//! Before saving a view it checks what the layout must hold at every size (see
//! [`layout_faults`]), and again at 1024×700 in Russian and Azerbaijani.

mod driver;

use std::path::Path;

use driver::{Driver, Window};
use serde_json::json;

const SIZES: [(u32, u32); 2] = [(1024, 700), (1920, 1080)];
const THEMES: [&str; 2] = ["light", "dark"];
/// The views, in the order of their buttons in the header.
const VIEWS: [&str; 4] = ["Align", "Translate", "Memory", "Glossary"];

/// Two sentences of the demo memory and the forum sample's first paragraphs, long
/// enough to fill the Translate grid.
fn source_text() -> String {
    let ru = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/forum/ru.txt");
    let text = std::fs::read_to_string(&ru).unwrap();
    let forum = text.split("\n\n").take(6).collect::<Vec<_>>().join("\n\n");
    format!("{PRESS_RELEASE}\n\n{forum}")
}

/// Sentences the demo memory holds, so pre-translation fills a few targets.
const PRESS_RELEASE: &str = "Стороны обсудили вопросы межрегионального сотрудничества. \
    Встреча прошла в дружественной и конструктивной атмосфере.";

#[test]
#[ignore = "rewrites docs/screenshots; run by scripts/screenshots.sh"]
fn screenshots_of_each_view() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path(), "1920x1080x24");
    let window = Window::open(&driver);
    window.until(
        "the grid",
        "return document.querySelector('[data-bead=\"1\"]') !== null",
    );
    choose(&window, "dragoman.locale", "en");
    new_translation(&window);

    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    // Every picture is saved, then what was wrong in any of them is reported.
    let mut wrong = Vec::new();
    for (width, height) in SIZES {
        resize(&window, width, height);
        for theme in THEMES {
            choose(&window, "dragoman.theme", theme);
            for (index, view) in VIEWS.iter().enumerate() {
                show_nth(&window, index, view);
                wrong.extend(layout_faults(&window, view, width, height));
                let name = format!("{}-{width}x{height}-{theme}.png", view.to_lowercase());
                std::fs::write(folder.join(name), window.screenshot()).unwrap();
            }
        }
    }
    // The Russian and Azerbaijani words are longer: the layout must hold them too.
    resize(&window, 1024, 700);
    choose(&window, "dragoman.theme", "light");
    team_panel(&window, &folder.join("team-1024x700-light.png"));
    for locale in ["ru", "az"] {
        choose(&window, "dragoman.locale", locale);
        for (view, button) in VIEWS.iter().enumerate() {
            show_nth(&window, view, button);
            wrong.extend(layout_faults(
                &window,
                &format!("{button} ({locale})"),
                1024,
                700,
            ));
        }
    }
    window.close();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The Team panel as a translator about to join fills it in, saved to `path`.
fn team_panel(window: &Window, path: &Path) {
    window.eval("document.querySelector('header button[aria-label=\"Team\"]').click()");
    window.fill("aside", "Server", "postgres://db.mfa.example/translation");
    window.fill("aside", "Team", "press-desk");
    window.fill("aside", "User", "aysel");
    std::fs::write(path, window.screenshot()).unwrap();
    window.eval("document.querySelector('header button[aria-label=\"Team\"]').click()");
}

/// Set the preference `key` (the language or the theme) through its select in the header,
/// as the user does.
fn choose(window: &Window, key: &str, value: &str) {
    let script = format!(
        "const s = [...document.querySelectorAll('header select')].find(s => [...s.options].some(o => o.value === {v})); \
         if (!s) return false; s.value = {v}; s.dispatchEvent(new Event('change', {{ bubbles: true }})); \
         return localStorage.getItem({k}) === {v}",
        v = json!(value),
        k = json!(key),
    );
    window.until(key, &script);
}

/// Make the page `width`×`height` pixels: the window's outer size is set, then corrected
/// by what its frame takes.
fn resize(window: &Window, width: u32, height: u32) {
    let (mut outer_w, mut outer_h) = (width, height);
    for _ in 0..3 {
        window.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": outer_w, "height": outer_h })),
        );
        let inner = window.until(
            "the new size",
            "return [window.innerWidth, window.innerHeight]",
        );
        let (w, h) = (inner[0].as_u64().unwrap(), inner[1].as_u64().unwrap());
        if (w, h) == (u64::from(width), u64::from(height)) {
            return;
        }
        outer_w = (i64::from(outer_w) + i64::from(width) - w as i64) as u32;
        outer_h = (i64::from(outer_h) + i64::from(height) - h as i64) as u32;
    }
    panic!("the page did not become {width}×{height}");
}

/// Show `view`, the `index`th view button (named in any interface language), and wait
/// for its content.
fn show_nth(window: &Window, index: usize, view: &str) {
    window.eval(&format!(
        "document.querySelectorAll('header .views button')[{index}].click()"
    ));
    let ready = match view {
        "Align" => "return document.querySelector('[data-bead=\"1\"]') !== null",
        "Translate" => "return document.querySelector('[data-segment-row=\"1\"] p') !== null",
        "Memory" => "return document.querySelectorAll('.memory tbody tr').length > 1",
        _ => {
            window.until(
                "the concepts",
                "return document.querySelector('.list .concept') !== null",
            );
            // The concept editor opened on the first concept, so its columns show.
            window.eval("document.querySelector('.list .concept').click()");
            "return document.querySelector('form.concept tbody tr') !== null"
        }
    };
    window.until(view, ready);
    // Rows are measured after a render: let it settle.
    window.eval("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
}

/// What breaks the layout in `view`: a header on more than one line, the grid of Align
/// and Translate below 60% of the height, a Translate source column too narrow for a
/// few words, a concept's term field narrower than its text.
fn layout_faults(window: &Window, view: &str, width: u32, height: u32) -> Vec<String> {
    let kind = view.split(' ').next().unwrap_or(view);
    let mut faults = Vec::new();
    let one_line = window.eval(
        "const r = [...document.querySelectorAll('main > header :is(button, select, h1)')].map(e => e.getBoundingClientRect()); \
         const top = Math.min(...r.map(b => b.top)); \
         return r.every(b => b.top < top + b.height / 2)",
    );
    if one_line != json!(true) {
        faults.push(format!("{view} at {width}×{height}: the header wraps"));
    }
    if matches!(kind, "Align" | "Translate") {
        let grid = window.eval(
            "return document.querySelector('main [role=grid]').getBoundingClientRect().height",
        );
        let grid = grid.as_f64().unwrap_or(0.0);
        if grid < 0.6 * f64::from(height) {
            faults.push(format!(
                "{view} at {width}×{height}: the grid is {grid}px high"
            ));
        }
    }
    if kind == "Translate" {
        let source = window.eval(
            "return document.querySelectorAll('main [role=grid] [role=columnheader]')[1].getBoundingClientRect().width",
        );
        if source.as_f64().unwrap_or(0.0) < 200.0 {
            faults.push(format!(
                "{view} at {width}×{height}: the source column is {source}px wide"
            ));
        }
    }
    if kind == "Glossary" {
        let fit = window.eval(
            "return [...document.querySelectorAll('form.concept input.text')].every(i => i.scrollWidth <= i.clientWidth)",
        );
        if fit != json!(true) {
            faults.push(format!(
                "{view} at {width}×{height}: a term field cuts its text"
            ));
        }
    }
    faults
}

/// A job of the forum's first paragraphs into English and Azerbaijani, pre-translated
/// from the demo memory.
fn new_translation(window: &Window) {
    window.click("Translate");
    let fill = format!(
        "const t = document.querySelector('form.new textarea'); if (!t) return false; \
         t.value = {}; t.dispatchEvent(new Event('input', {{ bubbles: true }})); \
         const az = document.querySelector('form.new input[type=checkbox][value=az]'); \
         if (!az.checked) az.click(); return true",
        json!(source_text())
    );
    window.until("the new translation form", &fill);
    window.click("Segment and open");
    window.until(
        "the job's grid",
        "return document.querySelector('[data-segment-row=\"2\"]') !== null",
    );
    window.click("Pre-translate");
    window.until(
        "the pre-translation report",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.innerText.startsWith('Pre-translated'))",
    );
}
