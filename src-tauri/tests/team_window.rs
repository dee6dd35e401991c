//! The team memory through the real window: the built `dragoman-app` under Xvfb, driven
//! over WebDriver (`driver/`), against the throwaway PostgreSQL of
//! `dragoman_tests::postgres`. The translator opens the Team panel, tests the
//! connection, joins; the header's sync indicator appears; a bead approved in the
//! alignment editor reaches the server by the background sync, with no click, and the
//! indicator shows nothing pending.

mod driver;

use dragoman_core::team::postgres::SERVER_SCHEMA_VERSION;
use dragoman_tests::postgres::server;
use driver::{CONTROL, Driver, ENTER, Window};
use serde_json::json;

#[test]
fn join_a_team_and_an_approval_syncs_in_the_real_window() {
    let pg = server();
    let admin = dragoman_core::team::ServerAddress::parse(&pg.admin_url()).unwrap();
    dragoman_core::team::postgres::init(&admin, "window-desk").unwrap();
    dragoman_core::team::postgres::grant(
        &admin,
        "window-desk",
        "window_anna",
        dragoman_core::team::Access::Write,
    )
    .unwrap();
    let units_on_server = || {
        pg.psql(
            "postgres",
            "dragoman",
            "SELECT count(*) FROM dragoman.unit u JOIN dragoman.team t ON t.id = u.team_id \
             WHERE t.name = 'window-desk' AND NOT u.deleted",
        )
        .parse::<u32>()
        .unwrap()
    };

    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path(), "1400x900x24");
    let window = Window::open(&driver);
    window.until(
        "the grid",
        "return document.querySelector('[data-bead=\"1\"]') !== null",
    );
    assert_eq!(
        window.eval("return document.querySelector('header button.sync') === null"),
        json!(true),
        "no indicator before joining"
    );

    // The Team button is an icon, named by its label.
    window.eval("document.querySelector('header button[aria-label=\"Team\"]').click()");
    window.fill("aside", "Server", &pg.url("window_anna"));
    window.fill("aside", "Team", "window-desk");
    window.click("Test connection");
    let checked = window.until(
        "the connection check",
        "const s = document.querySelector('aside [role=status], aside [role=alert]')?.innerText; \
         return s && !s.endsWith('…') ? s : null",
    );
    assert_eq!(
        checked,
        json!(format!(
            "Connected as window_anna: read and write, server schema version {SERVER_SCHEMA_VERSION}."
        ))
    );
    window.click("Join");
    let joined = window.until(
        "the join",
        "const s = document.querySelector('aside [role=status], aside [role=alert]')?.innerText; \
         return s && !s.endsWith('…') ? s : null",
    );
    assert_eq!(joined, json!("Joined team “window-desk”."));
    let indicator = window.until(
        "the sync indicator",
        "return document.querySelector('header button.sync')?.innerText",
    );
    assert!(
        indicator.as_str().unwrap().starts_with("Synced"),
        "{indicator}"
    );
    let before = units_on_server();
    window.click("Close");

    // Approve a bead as in the editor test: confirm it, then approve the confirmed ones.
    window.eval("document.querySelector('[role=grid]').focus()");
    window.press(&[&["c"], &[CONTROL, ENTER]]);
    window.until(
        "the approval report",
        "return document.querySelector('footer [role=status]')?.innerText.includes('1 unit added')",
    );
    // The background sync sends it a few seconds later, with no click.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while units_on_server() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the approved unit never reached the server"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    let settled = window.until(
        "the indicator with nothing pending",
        "const t = document.querySelector('header button.sync')?.innerText; \
         return t && t.startsWith('Synced') && !t.includes('pending') ? t : null",
    );
    assert!(settled.as_str().unwrap().starts_with("Synced"));
    window.close();
}
