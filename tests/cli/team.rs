//! `dragoman team` against a real PostgreSQL server (started by the tests themselves,
//! see `dragoman_tests::postgres`): clients are separate memory files driven by the
//! command, as translators' machines would be.

use std::path::Path;
use std::process::{Command, Stdio};

use dragoman_core::LanguageTag;
use dragoman_core::store::term::Term;
use dragoman_core::store::{self, units};
use dragoman_core::team::{self, ServerAddress, Step, TeamError, postgres::PgServer};
use dragoman_tests::postgres::{Server, server, tls_server};
use dragoman_tests::{dragoman_bin, json_lines, run};
use serde_json::Value;

use crate::scratch;

/// A TMX file of Russian–English units.
fn tmx(units: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (ru, en) in units {
        body.push_str(&format!(
            "<tu><tuv xml:lang=\"ru\"><seg>{ru}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" \
         creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"ru\" \
         datatype=\"plaintext\"/><body>\n{body}</body></tmx>\n"
    )
}

/// A memory at `dir/name` holding `units`.
fn memory(dir: &Path, name: &str, units: &[(&str, &str)]) -> String {
    let db = dir.join(name).display().to_string();
    let file = dir.join(format!("{name}.tmx"));
    std::fs::write(&file, tmx(units)).unwrap();
    ok(&["tm", "import", "--db", &db, &file.display().to_string()]);
    db
}

/// Run `dragoman ARGS`, which must succeed; its stdout.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.code, Some(0), "dragoman {args:?}: {}", out.stderr);
    out.stdout
}

/// A team with `writers` and `readers` (role names unique to the test).
fn team(pg: &Server, name: &str, writers: &[&str], readers: &[&str]) {
    let admin = pg.admin_url();
    ok(&["team", "init", "--server", &admin, "--team", name]);
    for (roles, access) in [(writers, "write"), (readers, "read")] {
        for role in roles {
            ok(&[
                "team", "grant", "--server", &admin, "--team", name, "--user", role, "--access",
                access,
            ]);
        }
    }
}

fn join(pg: &Server, db: &str, team: &str, user: &str) {
    ok(&[
        "team",
        "join",
        "--server",
        &pg.url(user),
        "--team",
        team,
        "--db",
        db,
    ]);
}

/// `team sync --json` of `db`.
fn sync(db: &str) -> Value {
    let out = ok(&["team", "sync", "--db", db, "--json"]);
    json_lines(&out).remove(0)
}

/// The (ru, en) texts of every unit in `db`, sorted.
fn texts(db: &str) -> Vec<(String, String)> {
    let conn = store::open_existing(Path::new(db)).unwrap();
    let (ru, en) = (
        LanguageTag::parse("ru").unwrap(),
        LanguageTag::parse("en").unwrap(),
    );
    let mut all = Vec::new();
    for id in units::ids(&conn, &units::UnitFilter::default()).unwrap() {
        let u = units::get(&conn, id).unwrap().unwrap();
        let text = |l| u.variant(l).map(|v| v.text.clone()).unwrap_or_default();
        all.push((text(&ru), text(&en)));
    }
    all.sort();
    all
}

/// Live units of `team` on the server, as the admin sees them.
fn server_units(pg: &Server, team: &str) -> u64 {
    pg.psql(
        "postgres",
        "dragoman",
        &format!(
            "SELECT count(*) FROM dragoman.unit u JOIN dragoman.team t ON t.id = u.team_id \
             WHERE t.name = '{team}' AND NOT u.deleted"
        ),
    )
    .parse()
    .unwrap()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn three_clients_end_with_the_same_units_and_identical_ones_become_one() {
    let pg = server();
    let dir = scratch("team_three_clients");
    team(pg, "desk3", &["anna3", "boris3", "cora3"], &[]);
    let a = memory(
        &dir,
        "a.sqlite",
        &[("Да.", "Yes."), ("Нет.", "No."), ("Мир.", "Peace.")],
    );
    let b = memory(&dir, "b.sqlite", &[("Мир.", "Peace."), ("Война.", "War.")]);
    let c = dir.join("c.sqlite").display().to_string();
    join(pg, &a, "desk3", "anna3");
    join(pg, &b, "desk3", "boris3");
    join(pg, &c, "desk3", "cora3");
    let first = sync(&a);
    assert_eq!(
        (first["pushed"].as_u64(), first["pulled"].as_u64()),
        (Some(3), Some(0)),
        "{first}"
    );
    let second = sync(&b);
    assert_eq!(second["pushed"], 2, "{second}");
    assert_eq!(second["merged"], 1, "«Мир.» was approved by both: {second}");
    assert_eq!(second["pulled"], 2, "«Да.» and «Нет.» from anna: {second}");
    sync(&a);
    sync(&c);
    let all = owned(&[
        ("Да.", "Yes."),
        ("Нет.", "No."),
        ("Мир.", "Peace."),
        ("Война.", "War."),
    ]);
    for db in [&a, &b, &c] {
        assert_eq!(texts(db), all, "{db}");
    }
    assert_eq!(server_units(pg, "desk3"), 4, "one «Мир.» on the server");
    let again = sync(&a);
    assert_eq!(
        (again["pushed"].as_u64(), again["pulled"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
    let status = json_lines(&ok(&["team", "status", "--db", &b, "--json"])).remove(0);
    assert_eq!(status["team"], "desk3");
    assert_eq!(status["user"], "boris3");
    assert_eq!(status["pending_changes"], 0, "{status}");
    assert!(status["last_sync"].as_i64().is_some(), "{status}");
}

/// Correct unit `ru`'s English in `db` as the Memory view does.
fn correct(db: &str, ru: &str, en: &str) {
    let mut conn = store::open_existing(Path::new(db)).unwrap();
    let ru_tag = LanguageTag::parse("ru").unwrap();
    let id = units::with_text(&conn, &ru_tag, ru).unwrap()[0];
    let mut w = units::Writer::begin(&mut conn).unwrap();
    let v = units::Variant::new(LanguageTag::parse("en").unwrap(), en);
    assert!(
        w.correct_variant(id, &v, Some("editor"), dragoman_core::Timestamp::now())
            .unwrap()
    );
    w.commit().unwrap();
}

#[test]
fn a_unit_edited_on_two_machines_keeps_the_replaced_version_in_its_history() {
    let pg = server();
    let dir = scratch("team_conflict");
    team(pg, "deskc", &["annac", "borisc"], &[]);
    let a = memory(
        &dir,
        "a.sqlite",
        &[("Заседание открыто.", "The meeting is open.")],
    );
    let b = dir.join("b.sqlite").display().to_string();
    join(pg, &a, "deskc", "annac");
    join(pg, &b, "deskc", "borisc");
    sync(&a);
    sync(&b);
    correct(&a, "Заседание открыто.", "The session is open.");
    correct(&b, "Заседание открыто.", "The sitting is open.");
    assert_eq!(sync(&a)["conflicts"], 0);
    let late = sync(&b);
    assert_eq!(
        late["conflicts"], 1,
        "boris edited revision 1, the server had 2: {late}"
    );
    sync(&a);
    let expected = owned(&[("Заседание открыто.", "The sitting is open.")]);
    assert_eq!(texts(&a), expected, "the later push wins everywhere");
    assert_eq!(texts(&b), expected);
    let history = pg.psql(
        "postgres",
        "dragoman",
        "SELECT h.revision, h.conflict, h.content->'variants'->1->>'text' \
         FROM dragoman.unit_history h JOIN dragoman.team t ON t.id = h.team_id \
         WHERE t.name = 'deskc' ORDER BY h.id",
    );
    assert_eq!(
        history, "1|f|The meeting is open.\n2|t|The session is open.",
        "anna's version, replaced by a push made on revision 1, is flagged"
    );
    let conn = store::open_existing(Path::new(&a)).unwrap();
    let id = units::with_text(
        &conn,
        &LanguageTag::parse("ru").unwrap(),
        "Заседание открыто.",
    )
    .unwrap()[0];
    let versions: Vec<String> = units::versions::list(&conn, id)
        .unwrap()
        .into_iter()
        .map(|v| v.text)
        .collect();
    assert!(
        versions.contains(&"The session is open.".to_string()),
        "anna's own text is kept in her memory's history: {versions:?}"
    );
}

#[test]
fn a_reader_pulls_but_a_push_is_refused_and_changes_nothing() {
    let pg = server();
    let dir = scratch("team_reader");
    team(pg, "deskr", &["annar"], &["readerr"]);
    let a = memory(&dir, "a.sqlite", &[("Да.", "Yes.")]);
    join(pg, &a, "deskr", "annar");
    sync(&a);
    let r = memory(&dir, "r.sqlite", &[("Нет.", "No.")]);
    join(pg, &r, "deskr", "readerr");
    let out = run(&["team", "sync", "--db", &r]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("readerr has read access to team \"deskr\": 1 local changes were not sent"),
        "a clear message: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_eq!(server_units(pg, "deskr"), 1, "nothing was sent");
    assert_eq!(
        texts(&r),
        owned(&[("Да.", "Yes."), ("Нет.", "No.")]),
        "the team's units were pulled all the same"
    );
    // Row-level security refuses the reader's writes whatever the client.
    let direct = pg.try_psql(
        "readerr",
        "dragoman",
        "INSERT INTO dragoman.unit (guid, team_id, content, content_hash, revision, seq) \
         SELECT gen_random_uuid(), id, '{}', '\\x00', 1, 0 FROM dragoman.team",
    );
    let refused = direct.expect_err("a reader's insert");
    assert!(refused.contains("row-level security"), "{refused}");
    assert_eq!(server_units(pg, "deskr"), 1);
}

#[test]
fn a_member_of_one_team_reads_none_of_another_teams_units() {
    let pg = server();
    let dir = scratch("team_isolation");
    team(pg, "desk-a", &["annai"], &[]);
    team(pg, "desk-b", &["borisi"], &[]);
    let a = memory(
        &dir,
        "a.sqlite",
        &[("Секретно.", "Secret."), ("Да.", "Yes.")],
    );
    join(pg, &a, "desk-a", "annai");
    sync(&a);
    let b = dir.join("b.sqlite").display().to_string();
    join(pg, &b, "desk-b", "borisi");
    assert_eq!(sync(&b)["pulled"], 0);
    assert!(texts(&b).is_empty());
    let seen = pg.psql("borisi", "dragoman", "SELECT count(*) FROM dragoman.unit");
    assert_eq!(
        seen, "0",
        "row-level security hides team A's units from boris"
    );
    let teams = pg.psql(
        "borisi",
        "dragoman",
        "SELECT string_agg(name, ',') FROM dragoman.team",
    );
    assert_eq!(teams, "desk-b");
    let out = run(&[
        "team",
        "join",
        "--server",
        &pg.url("borisi"),
        "--team",
        "desk-a",
        "--db",
        &dir.join("c.sqlite").display().to_string(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("no team \"desk-a\" that borisi is a member of"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_unit_whose_text_is_sql_and_markup_round_trips() {
    let pg = server();
    let dir = scratch("team_sql_text");
    team(pg, "desks", &["annas", "boriss"], &[]);
    let sql = "'); DROP TABLE dragoman.unit; -- $1 \\x00";
    let markup = "Press &lt;b&gt;<bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept>";
    let a = memory(&dir, "a.sqlite", &[(sql, markup)]);
    let b = dir.join("b.sqlite").display().to_string();
    join(pg, &a, "desks", "annas");
    join(pg, &b, "desks", "boriss");
    sync(&a);
    sync(&b);
    let read = |db: &str| {
        let conn = store::open_existing(Path::new(db)).unwrap();
        let ids = units::ids(&conn, &units::UnitFilter::default()).unwrap();
        let mut u = units::get(&conn, ids[0]).unwrap().unwrap();
        u.meta.use_count = 0;
        (u.variants, u.meta.created_at, u.meta.origin)
    };
    let (theirs, mine) = (read(&b), read(&a));
    assert_eq!(theirs, mine, "text, markup and tags as written");
    assert_eq!(
        theirs.0[0].text,
        "'); DROP TABLE dragoman.unit; -- $1 \\x00"
    );
    assert!(
        theirs.0[1]
            .markup
            .as_deref()
            .unwrap()
            .contains("<bpt i=\"1\">"),
        "{:?}",
        theirs.0[1]
    );
    assert_eq!(server_units(pg, "desks"), 1);
}

/// `n` distinct units.
fn many(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("Предложение номер {i}."),
                format!("Sentence number {i}."),
            )
        })
        .collect()
}

#[test]
fn a_sync_killed_midway_and_run_again_leaves_no_duplicate() {
    let pg = server();
    let dir = scratch("team_kill");
    team(pg, "deskk", &["annak", "borisk"], &[]);
    // More than one pull batch (5,000 changes), so that joining spans batches.
    let pairs = many(5200);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let a = memory(&dir, "a.sqlite", &refs);
    join(pg, &a, "deskk", "annak");
    let mut child = Command::new(dragoman_bin())
        .args(["team", "sync", "--db", &a])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first batch's commit on the server, then kill -9.
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        line.starts_with("pushed"),
        "killed after a pushed batch: {line}"
    );
    let pushed_before = server_units(pg, "deskk");
    assert!(
        pushed_before > 0 && pushed_before < 5200,
        "killed midway: {pushed_before}"
    );
    sync(&a);
    assert_eq!(server_units(pg, "deskk"), 5200, "every unit once");
    let b = dir.join("b.sqlite").display().to_string();
    join(pg, &b, "deskk", "borisk");
    assert_eq!(sync(&b)["pulled"], 5200);
    assert_eq!(texts(&b), texts(&a));
}

#[test]
fn a_sync_stopped_between_the_server_commit_and_the_local_one_pushes_the_same_ids_again() {
    let pg = server();
    let dir = scratch("team_cancel");
    team(pg, "deskx", &["annax"], &[]);
    let pairs = many(1200);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let a = memory(&dir, "a.sqlite", &refs);
    join(pg, &a, "deskx", "annax");
    let address = ServerAddress::parse(&pg.url("annax")).unwrap();
    let mut conn = store::open_existing(Path::new(&a)).unwrap();
    let mut server = PgServer::connect(&address, "deskx").unwrap();
    let stopped = team::sync(&mut conn, &mut server, &mut |step| match step {
        Step::Pushed { .. } => Err(TeamError::Cancelled),
        Step::Pulled { .. } => Ok(()),
    });
    assert!(matches!(stopped, Err(TeamError::Cancelled)), "{stopped:?}");
    assert_eq!(
        server_units(pg, "deskx"),
        500,
        "the first batch reached the server"
    );
    let (_, pending) = team::status(&conn).unwrap();
    assert_eq!(pending.changed, 1200, "but was not recorded here");
    let report = team::sync(&mut conn, &mut server, &mut |_| Ok(())).unwrap();
    assert_eq!((report.pushed, report.merged), (1200, 0), "{report:?}");
    assert_eq!(
        server_units(pg, "deskx"),
        1200,
        "the same ids again: no duplicate"
    );
    assert_eq!(team::status(&conn).unwrap().1.changed, 0);
}

#[test]
fn a_connection_string_with_a_password_is_not_stored() {
    let pg = server();
    let dir = scratch("team_password");
    let db = dir.join("a.sqlite").display().to_string();
    let url = format!("{} password=hunter2", pg.url("postgres"));
    let out = run(&[
        "team", "join", "--server", &url, "--team", "any", "--db", &db,
    ]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("never stores"), "{}", out.stderr);
    let conn = store::open(Path::new(&db)).unwrap();
    assert!(store::team::link(&conn).unwrap().is_none());
}

#[test]
fn three_clients_importing_and_syncing_at_once_end_with_every_unit_once() {
    let pg = server();
    let dir = scratch("team_concurrent");
    team(pg, "deskn", &["annan", "borisn", "coran"], &[]);
    let shared: Vec<(String, String)> = (0..50)
        .map(|i| (format!("Общее {i}."), format!("Shared {i}.")))
        .collect();
    let clients: Vec<(String, &str)> = ["annan", "borisn", "coran"]
        .iter()
        .map(|user| {
            (
                dir.join(format!("{user}.sqlite")).display().to_string(),
                *user,
            )
        })
        .collect();
    std::thread::scope(|s| {
        for (db, user) in &clients {
            let (dir, shared) = (&dir, &shared);
            s.spawn(move || {
                let own = |round: usize| -> Vec<(String, String)> {
                    (0..200)
                        .map(|i| {
                            (
                                format!("{user} {round} {i}."),
                                format!("{user} {round} {i}."),
                            )
                        })
                        .collect()
                };
                join(pg, db, "deskn", user);
                let mut first = own(1);
                first.extend(shared.iter().cloned());
                for (round, pairs) in [(1, first), (2, own(2))] {
                    let refs: Vec<(&str, &str)> = pairs
                        .iter()
                        .map(|(a, b)| (a.as_str(), b.as_str()))
                        .collect();
                    let file = dir.join(format!("{user}-{round}.tmx"));
                    std::fs::write(&file, tmx(&refs)).unwrap();
                    ok(&["tm", "import", "--db", db, &file.display().to_string()]);
                    sync(db);
                }
            });
        }
    });
    for (db, _) in &clients {
        sync(db);
    }
    let expected = texts(&clients[0].0);
    assert_eq!(expected.len(), 3 * 400 + 50);
    for (db, user) in &clients[1..] {
        assert_eq!(texts(db), expected, "{user}");
    }
    assert_eq!(
        server_units(pg, "deskn"),
        3 * 400 + 50,
        "each shared unit once"
    );
}

#[test]
fn a_unit_deleted_on_one_machine_is_deleted_on_the_others() {
    let pg = server();
    let dir = scratch("team_delete");
    team(pg, "deskd", &["annad", "borisd"], &[]);
    let a = memory(&dir, "a.sqlite", &[("Да.", "Yes."), ("Нет.", "No.")]);
    let b = dir.join("b.sqlite").display().to_string();
    join(pg, &a, "deskd", "annad");
    join(pg, &b, "deskd", "borisd");
    sync(&a);
    sync(&b);
    let conn = store::open_existing(Path::new(&a)).unwrap();
    let id = units::with_text(&conn, &LanguageTag::parse("ru").unwrap(), "Нет.").unwrap()[0];
    drop(conn);
    ok(&["tm", "delete", "--db", &a, &id.0.to_string()]);
    let status = json_lines(&ok(&["team", "status", "--db", &a, "--json"])).remove(0);
    assert_eq!(status["pending_deletions"], 1, "{status}");
    assert_eq!(sync(&a)["pushed"], 1);
    assert_eq!(server_units(pg, "deskd"), 1, "a tombstone on the server");
    assert_eq!(sync(&b)["pulled"], 1);
    assert_eq!(texts(&b), owned(&[("Да.", "Yes.")]));
    let again = sync(&a);
    assert_eq!(
        (again["pushed"].as_u64(), again["pulled"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
}

/// Every concept of `db` as `glossary: id: lang=text; …`, sorted.
fn concepts(db: &str) -> Vec<String> {
    let conn = store::open_existing(Path::new(db)).unwrap();
    let mut all: Vec<String> = store::glossary::load(&conn, &[])
        .unwrap()
        .into_iter()
        .map(|c| {
            let terms: Vec<String> = c
                .concept
                .terms
                .iter()
                .map(|t| format!("{}={}", t.lang, t.text))
                .collect();
            format!("{}: {}: {}", c.glossary, c.concept.id, terms.join("; "))
        })
        .collect();
    all.sort();
    all
}

/// Replace the terms of concept `id` in `db` with `terms`, as the glossary editor saves.
fn edit_concept(db: &str, id: &str, terms: &[(&str, &str)]) {
    let mut conn = store::open_existing(Path::new(db)).unwrap();
    let tx = store::begin(&mut conn).unwrap();
    let row: i64 = tx
        .query_row("SELECT id FROM concept WHERE external_id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    let mut concept = store::concepts::concept(&tx, row).unwrap().unwrap().concept;
    concept.terms = terms
        .iter()
        .map(|(l, t)| Term::new(LanguageTag::parse(l).unwrap(), *t))
        .collect();
    store::concepts::save_concept(&tx, row, &concept, Some("editor")).unwrap();
    tx.commit().unwrap();
}

#[test]
fn a_glossary_concept_added_edited_on_two_machines_and_deleted_reaches_every_member() {
    let pg = server();
    let dir = scratch("team_concepts");
    team(pg, "deskg", &["annag", "borisg"], &[]);
    let a = dir.join("a.sqlite").display().to_string();
    let b = dir.join("b.sqlite").display().to_string();
    ok(&[
        "glossary",
        "--db",
        &a,
        "add",
        "--glossary",
        "mfa",
        "--id",
        "c-0123456789abcdef",
        "--term",
        "ru=заседание",
        "--term",
        "en=meeting",
        "--subject",
        "diplomacy",
    ]);
    join(pg, &a, "deskg", "annag");
    join(pg, &b, "deskg", "borisg");
    let first = sync(&a);
    assert_eq!(first["concepts"]["pushed"], 1, "{first}");
    assert_eq!(first["pushed"], 0, "concepts are counted apart from units");
    assert_eq!(sync(&b)["concepts"]["pulled"], 1);
    let added = vec!["mfa: c-0123456789abcdef: ru=заседание; en=meeting".to_string()];
    assert_eq!(concepts(&b), added);
    let conn = store::open_existing(Path::new(&b)).unwrap();
    let subject: String = conn
        .query_row(
            "SELECT value FROM concept_field WHERE name = 'subject'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(subject, "diplomacy", "fields travel with the terms");
    drop(conn);

    // Edited on both machines before either synced: the later push wins, the other
    // version is in the server's history, flagged.
    edit_concept(
        &a,
        "c-0123456789abcdef",
        &[("ru", "заседание"), ("en", "session")],
    );
    edit_concept(
        &b,
        "c-0123456789abcdef",
        &[("ru", "заседание"), ("en", "sitting")],
    );
    assert_eq!(sync(&a)["concepts"]["conflicts"], 0);
    let late = sync(&b);
    assert_eq!(late["concepts"]["conflicts"], 1, "{late}");
    assert_eq!(sync(&a)["concepts"]["pulled"], 1);
    let won = vec!["mfa: c-0123456789abcdef: ru=заседание; en=sitting".to_string()];
    assert_eq!(concepts(&a), won);
    assert_eq!(concepts(&b), won);
    let history = pg.psql(
        "postgres",
        "dragoman",
        "SELECT h.revision, h.conflict, h.content->'terms'->1->>'text' \
         FROM dragoman.concept_history h JOIN dragoman.team t ON t.id = h.team_id \
         WHERE t.name = 'deskg' ORDER BY h.id",
    );
    assert_eq!(history, "1|f|meeting\n2|t|session");

    // Deleted on one machine: deleted on the other.
    let mut conn = store::open_existing(Path::new(&a)).unwrap();
    let tx = store::begin(&mut conn).unwrap();
    let row: i64 = tx
        .query_row("SELECT id FROM concept", [], |r| r.get(0))
        .unwrap();
    store::concepts::delete_concept(&tx, row).unwrap();
    tx.commit().unwrap();
    drop(conn);
    let status = ok(&["team", "status", "--db", &a, "--json"]);
    assert_eq!(json_lines(&status)[0]["pending_concept_deletions"], 1);
    assert_eq!(sync(&a)["concepts"]["pushed"], 1);
    assert_eq!(sync(&b)["concepts"]["pulled"], 1);
    assert!(concepts(&b).is_empty());
    let live = pg.psql(
        "postgres",
        "dragoman",
        "SELECT count(*) FILTER (WHERE NOT c.deleted), count(*) FROM dragoman.concept c \
         JOIN dragoman.team t ON t.id = c.team_id WHERE t.name = 'deskg'",
    );
    assert_eq!(live, "0|1", "a tombstone stays on the server");
}

#[test]
fn the_same_glossary_imported_on_two_machines_is_one_glossary_on_the_server() {
    let pg = server();
    let dir = scratch("team_same_glossary");
    team(pg, "deskh", &["annah", "borish"], &[]);
    let csv = dir.join("mfa.csv");
    std::fs::write(
        &csv,
        "id,ru,en\nc1,заседание,meeting\nc2,посол,ambassador\n",
    )
    .unwrap();
    let (a, b) = (
        dir.join("a.sqlite").display().to_string(),
        dir.join("b.sqlite").display().to_string(),
    );
    for db in [&a, &b] {
        ok(&[
            "glossary",
            "--db",
            db,
            "import",
            &csv.display().to_string(),
            "--glossary",
            "mfa",
            "--id-column",
            "id",
        ]);
    }
    // One machine adds a synonym before sharing: the merge keeps it.
    edit_concept(
        &b,
        "c1",
        &[("ru", "заседание"), ("en", "meeting"), ("en", "session")],
    );
    join(pg, &a, "deskh", "annah");
    join(pg, &b, "deskh", "borish");
    assert_eq!(sync(&a)["concepts"]["pushed"], 2);
    let second = sync(&b);
    assert_eq!(second["concepts"]["merged"], 2, "{second}");
    sync(&a);
    let expected = vec![
        "mfa: c1: ru=заседание; en=meeting; en=session".to_string(),
        "mfa: c2: ru=посол; en=ambassador".to_string(),
    ];
    assert_eq!(concepts(&a), expected);
    assert_eq!(concepts(&b), expected);
    let live = pg.psql(
        "postgres",
        "dragoman",
        "SELECT count(*) FROM dragoman.concept c JOIN dragoman.team t ON t.id = c.team_id \
         WHERE t.name = 'deskh' AND NOT c.deleted",
    );
    assert_eq!(live, "2");
}

/// Whether a connection by `url` is encrypted, as the server sees it.
fn encrypted(url: &str) -> Result<bool, TeamError> {
    let mut client = ServerAddress::parse(url)?.connect()?;
    Ok(client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0))
}

#[test]
fn a_team_syncs_over_tls_and_the_certificate_is_checked_as_sslmode_says() {
    let pg = tls_server();
    let dir = scratch("team_tls");
    team(pg, "desktls", &["annat"], &[]);
    let a = memory(&dir, "a.sqlite", &[("Да.", "Yes.")]);
    let b = dir.join("b.sqlite").display().to_string();

    // On loopback without sslmode: no TLS. With sslmode=require: TLS, the certificate
    // (signed by the test's own authority) not checked, as libpq does; the sync goes
    // through it.
    assert!(!encrypted(&pg.tcp_url("annat", "")).unwrap());
    let require = pg.tcp_url("annat", "sslmode=require");
    assert!(encrypted(&require).unwrap());
    ok(&[
        "team", "join", "--server", &require, "--team", "desktls", "--db", &a,
    ]);
    assert_eq!(sync(&a)["pushed"], 1);

    // With sslrootcert naming the authority, the certificate is verified, name included.
    let root = pg.certificate().display().to_string();
    for options in [
        format!("sslmode=verify-full sslrootcert={root}"),
        format!("sslmode=require sslrootcert={root}"),
    ] {
        assert!(
            encrypted(&pg.tcp_url("annat", &options)).unwrap(),
            "{options}"
        );
    }
    let verified = pg.tcp_url("annat", &format!("sslmode=verify-full sslrootcert={root}"));
    ok(&[
        "team", "join", "--server", &verified, "--team", "desktls", "--db", &b,
    ]);
    assert_eq!(sync(&b)["pulled"], 1);
    assert_eq!(texts(&b), owned(&[("Да.", "Yes.")]));

    // An authority that did not sign it: refused, saying so.
    let other = pg.other_certificate().display().to_string();
    let wrong = pg.tcp_url("annat", &format!("sslmode=verify-full sslrootcert={other}"));
    let c = dir.join("c.sqlite").display().to_string();
    let out = run(&[
        "team", "join", "--server", &wrong, "--team", "desktls", "--db", &c,
    ]);
    assert_ne!(out.code, Some(0));
    assert!(
        out.stderr.contains(&format!(
            "could not be verified against the root in sslrootcert={other}"
        )),
        "{}",
        out.stderr
    );
    assert!(matches!(encrypted(&wrong), Err(TeamError::Tls(_))));
}
