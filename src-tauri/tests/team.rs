//! The Team panel's and the sync indicator's commands against a real PostgreSQL server
//! (the throwaway one of `dragoman_tests::postgres`): each app is a translator's
//! machine with its own database, as in the CLI's team tests.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dragoman_app::commands::memory::{
    MemoryQuery, UnitView, browse_memory, conflicted_units, edit_unit_text, unit_versions,
};
use dragoman_app::commands::team::{
    SyncPhase, TeamStatus, check_team_connection, join_team, leave_team, sync_team, team_status,
};
use dragoman_app::commands::translate::{JobView, confirm_translation, new_translation};
use dragoman_app::commands::work::{Progress, cancel_work, start_work};
use dragoman_app::{AppError, Workspace};
use dragoman_tests::postgres::{Server, server};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::test::MockRuntime;

type App = tauri::App<MockRuntime>;

fn app(dir: &Path) -> App {
    dragoman_app::app_builder(
        tauri::test::mock_builder(),
        Workspace::at(dir.join("data/dragoman.sqlite")),
    )
    .build(tauri::test::mock_context(tauri::test::noop_assets()))
    .unwrap()
}

/// Team `name` on the test server with these writers and readers, as an admin sets it up.
fn team(pg: &Server, name: &str, writers: &[&str], readers: &[&str]) {
    use dragoman_core::team::{Access, ServerAddress, postgres};
    let admin = ServerAddress::parse(&pg.admin_url()).unwrap();
    postgres::init(&admin, name).unwrap();
    for (roles, access) in [(writers, Access::Write), (readers, Access::Read)] {
        for role in roles {
            postgres::grant(&admin, name, role, access).unwrap();
        }
    }
}

/// A job of two Russian sentences to translate into English.
fn job(app: &App) -> JobView {
    block_on(new_translation(
        app.state(),
        "forum.txt".into(),
        "ru".into(),
        vec!["en".into()],
        "Форум открылся в Баку. Делегации встретились.".into(),
        None,
    ))
    .unwrap()
}

fn confirm(app: &App, job: &JobView, segment: u32, text: &str) {
    block_on(confirm_translation(
        app.state(),
        job.id,
        segment,
        "en".into(),
        text.into(),
    ))
    .unwrap();
}

/// Join as the UI does: a work id, then the command with a progress channel; the
/// progress reports as `(done, total)`.
fn join(app: &App, url: &str, team: &str) -> (Result<TeamStatus, AppError>, Vec<(u32, u32)>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = Arc::clone(&seen);
    let progress = Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            let p: serde_json::Value = serde_json::from_str(&json).unwrap();
            into.lock().unwrap().push((
                p["done"].as_u64().unwrap() as u32,
                p["total"].as_u64().unwrap() as u32,
            ));
        }
        Ok(())
    });
    let work = start_work(app.state());
    let status = block_on(join_team(
        app.state(),
        app.state(),
        url.into(),
        team.into(),
        work,
        progress,
    ));
    let seen = seen.lock().unwrap().clone();
    (status, seen)
}

fn status(app: &App) -> TeamStatus {
    block_on(team_status(app.state())).unwrap()
}

fn units(app: &App) -> Vec<UnitView> {
    block_on(browse_memory(app.state(), MemoryQuery::default(), None, 50))
        .unwrap()
        .units
}

fn english(unit: &UnitView) -> &str {
    &unit.variants.iter().find(|v| v.lang == "en").unwrap().text
}

#[test]
fn joining_pulls_the_team_and_a_confirmation_syncs_on_its_own() {
    let pg = server();
    team(pg, "app-desk", &["app_anna", "app_bahram"], &[]);
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (app(a_dir.path()), app(b_dir.path()));
    assert_eq!(status(&a).phase, SyncPhase::Alone);

    let forum = job(&a);
    confirm(&a, &forum, 0, "The forum opened in Baku.");
    let (joined, progress) = join(&a, &pg.url("app_anna"), "app-desk");
    let joined = joined.unwrap();
    let link = joined.link.as_ref().expect("linked");
    assert_eq!(
        (link.team.as_str(), link.user.as_str()),
        ("app-desk", "app_anna")
    );
    assert!(link.last_sync.is_some(), "the first sync ran");
    assert_eq!((joined.pending, joined.phase), (0, SyncPhase::Idle));
    assert!(!link.server.contains("password"));
    assert_eq!(progress.last(), Some(&(1, 1)), "{progress:?}");

    let (joined, _) = join(&b, &pg.url("app_bahram"), "app-desk");
    assert_eq!(joined.unwrap().pending, 0);
    let pulled: Vec<_> = units(&b).iter().map(|u| english(u).to_string()).collect();
    assert_eq!(pulled, ["The forum opened in Baku."]);

    // Confirming queues the unit; the background sync sends it a few seconds later,
    // with no command asking for it.
    confirm(&a, &forum, 1, "The delegations met.");
    assert_eq!(status(&a).pending, 1);
    let deadline = Instant::now() + Duration::from_secs(45);
    while status(&a).pending > 0 {
        assert!(Instant::now() < deadline, "no sync after the confirmation");
        std::thread::sleep(Duration::from_millis(100));
    }
    let synced = block_on(sync_team(b.state())).unwrap();
    assert_eq!(synced.phase, SyncPhase::Idle);
    let mut pulled: Vec<_> = units(&b).iter().map(|u| english(u).to_string()).collect();
    pulled.sort();
    assert_eq!(
        pulled,
        ["The delegations met.", "The forum opened in Baku."]
    );
}

#[test]
fn a_conflict_is_listed_with_the_replaced_text_on_both_machines() {
    let pg = server();
    team(pg, "app-conflict", &["app_chingiz", "app_dilara"], &[]);
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (app(a_dir.path()), app(b_dir.path()));
    confirm(&a, &job(&a), 0, "The forum opened in Baku.");
    join(&a, &pg.url("app_chingiz"), "app-conflict").0.unwrap();
    join(&b, &pg.url("app_dilara"), "app-conflict").0.unwrap();
    let (a_unit, b_unit) = (units(&a)[0].id, units(&b)[0].id);

    // Both edit the unit before either syncs: B's push comes later and wins.
    let edit = |app: &App, id, text: &str| {
        block_on(edit_unit_text(app.state(), id, "en".into(), text.into())).unwrap();
    };
    edit(&a, a_unit, "The forum was opened in Baku.");
    edit(&b, b_unit, "The forum began in Baku.");
    assert!(units(&a).iter().all(|u| !u.conflict), "no conflict yet");
    block_on(sync_team(a.state())).unwrap();
    let b_synced = block_on(sync_team(b.state())).unwrap();
    assert_eq!(b_synced.conflicts, 1);
    let a_synced = block_on(sync_team(a.state())).unwrap();
    assert_eq!(a_synced.conflicts, 1);

    for (app, id) in [(&a, a_unit), (&b, b_unit)] {
        let listed = block_on(conflicted_units(app.state())).unwrap().units;
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].id, listed[0].conflict), (id, true));
        assert_eq!(english(&listed[0]), "The forum began in Baku.");
        assert!(units(app)[0].conflict, "marked in the Memory view's list");
        let versions = block_on(unit_versions(app.state(), id)).unwrap();
        let lost: Vec<_> = versions.iter().filter(|v| v.conflict).collect();
        assert_eq!(
            lost.len(),
            1,
            "once, even where a pull kept it too: {versions:?}"
        );
        assert_eq!(lost[0].text, "The forum was opened in Baku.");
        assert_eq!(lost[0].lang, "en");
        assert_eq!(lost[0].replaced_by.as_deref(), Some("app_dilara"));
    }
}

#[test]
fn checking_a_connection_names_what_is_wrong() {
    let pg = server();
    team(pg, "app-check", &["app_elmar"], &["app_farida"]);
    let check = |url: &str, team: &str| block_on(check_team_connection(url.into(), team.into()));

    let writer = check(&pg.url("app_elmar"), "app-check").unwrap();
    assert_eq!(
        (writer.user.as_str(), writer.can_write),
        ("app_elmar", true)
    );
    assert!(!check(&pg.url("app_farida"), "app-check").unwrap().can_write);
    assert!(matches!(
        check(&pg.url("app_elmar"), "another-team"),
        Err(AppError::TeamNotMember { team, user }) if team == "another-team" && user == "app_elmar"
    ));
    let nowhere = format!(
        "host={} port=1 user=app_elmar dbname=dragoman",
        pg.folder().display()
    );
    assert!(matches!(
        check(&nowhere, "app-check"),
        Err(AppError::TeamUnreachable { .. })
    ));
    assert!(matches!(
        check(&pg.url("app_nobody"), "app-check"),
        Err(AppError::TeamRefused { detail, .. }) if detail.contains("app_nobody")
    ));
    // A server off this machine that answers the TLS request "no", as a PostgreSQL
    // without TLS does (0.0.0.0 reaches this machine but is no loopback address).
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = plain.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (mut client, _) = plain.accept().unwrap();
        let mut tls_request = [0u8; 8];
        client.read_exact(&mut tls_request).unwrap();
        client.write_all(b"N").unwrap();
    });
    let without_tls = format!("host=0.0.0.0 port={port} user=app_elmar dbname=dragoman");
    assert!(matches!(
        check(&without_tls, "app-check"),
        Err(AppError::TeamTlsRequired { server }) if server == without_tls
    ));
    assert!(matches!(
        check(
            "postgres://app_elmar:secret@localhost/dragoman",
            "app-check"
        ),
        Err(AppError::TeamPasswordInAddress)
    ));
    assert!(matches!(
        check("not a connection string", "app-check"),
        Err(AppError::TeamAddress { .. })
    ));

    // A database without the schema, then one a newer Dragoman migrated.
    pg.psql("postgres", "postgres", "CREATE DATABASE app_future");
    let future = pg
        .url("postgres")
        .replace("dbname=dragoman", "dbname=app_future");
    assert!(matches!(
        check(&future, "app-check"),
        Err(AppError::TeamNoSchema)
    ));
    team_on(&future, "app-check");
    pg.psql(
        "postgres",
        "app_future",
        "INSERT INTO dragoman.migration (version) VALUES (99)",
    );
    assert!(matches!(
        check(&future, "app-check"),
        Err(AppError::TeamSchemaVersion { found: 99, .. })
    ));
}

fn team_on(url: &str, name: &str) {
    use dragoman_core::team::{ServerAddress, postgres};
    postgres::init(&ServerAddress::parse(url).unwrap(), name).unwrap();
}

#[test]
fn a_cancelled_join_and_a_leave_keep_the_memory_as_the_translators_own() {
    let pg = server();
    team(pg, "app-leave", &["app_gulnar"], &[]);
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    confirm(&a, &job(&a), 0, "The forum opened in Baku.");

    // "Cancel" clicked as the first progress arrives.
    let work = start_work(a.state());
    let handle = a.handle().clone();
    let cancelling = Channel::<Progress>::new(move |_| {
        cancel_work(handle.state(), work);
        Ok(())
    });
    let cancelled = block_on(join_team(
        a.state(),
        a.state(),
        pg.url("app_gulnar"),
        "app-leave".into(),
        work,
        cancelling,
    ));
    assert!(
        matches!(cancelled, Err(AppError::Cancelled)),
        "{cancelled:?}"
    );
    assert_eq!(status(&a).phase, SyncPhase::Alone);
    assert_eq!(units(&a).len(), 1);

    join(&a, &pg.url("app_gulnar"), "app-leave").0.unwrap();
    assert!(status(&a).link.is_some());
    let left = block_on(leave_team(a.state())).unwrap();
    assert!(left.link.is_none());
    assert_eq!(english(&units(&a)[0]), "The forum opened in Baku.");
    assert!(matches!(
        block_on(sync_team(a.state())).map(|s| s.phase),
        Ok(SyncPhase::Alone)
    ));
}
