use dragoman_tests::{fixtures, json_lines, run};

use crate::scratch;

fn fixture(lang: &str) -> String {
    fixtures()
        .join(format!("ntrex/{lang}.txt"))
        .display()
        .to_string()
}

/// Run `dragoman` expecting success, returning stdout.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn a_project_is_made_shown_approved_once_exported_and_deleted() {
    let dir = scratch("alignment_project");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let (ru, az, en) = (fixture("ru"), fixture("az"), fixture("en"));
    let id = ok(&[
        "alignment",
        "new",
        "--db",
        &db,
        "--name",
        "NTREX",
        "--presegmented",
        "--langs",
        "ru,az,en",
        &ru,
        &az,
        &en,
    ]);
    let id = id.trim();
    assert_eq!(id, "1");

    let list = json_lines(&ok(&["alignment", "list", "--db", &db, "--json"]));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "NTREX");
    assert_eq!(list[0]["languages"], serde_json::json!(["ru", "az", "en"]));
    let beads = list[0]["beads"].as_u64().unwrap();
    assert!(
        beads >= 30,
        "37 lines make about as many beads, not {beads}"
    );

    let shown = ok(&["alignment", "show", "--db", &db, id]);
    assert_eq!(shown.lines().count() as u64, beads);
    assert!(
        shown.lines().all(|l| l.starts_with("..")),
        "nothing confirmed or approved yet"
    );

    let report = &json_lines(&ok(&[
        "alignment",
        "approve",
        "--db",
        &db,
        "--json",
        "--min-confidence",
        "0",
        "--user",
        "ci",
        id,
    ]))[0];
    let added = report["added"].as_u64().unwrap();
    assert!(added >= 30, "{report}");
    let again = &json_lines(&ok(&[
        "alignment",
        "approve",
        "--db",
        &db,
        "--json",
        "--min-confidence",
        "0",
        id,
    ]))[0];
    assert_eq!(again["added"], 0, "approving twice adds nothing: {again}");
    let approved = added + report["duplicates"].as_u64().unwrap();
    assert_eq!(again["already_approved"].as_u64(), Some(approved));
    let stats = &json_lines(&ok(&["tm", "stats", "--db", &db, "--json"]))[0];
    assert_eq!(stats["stats"]["units"].as_u64(), Some(added), "{stats}");
    assert!(ok(&["alignment", "show", "--db", &db, id]).contains(".A "));

    let tsv = ok(&["alignment", "export", "--db", &db, "--format", "tsv", id]);
    assert_eq!(tsv.lines().next(), Some("ru\taz\ten"));
    assert_eq!(tsv.lines().count() as u64, beads + 1);
    let tmx_path = dir.join("out.tmx");
    ok(&[
        "alignment",
        "export",
        "--db",
        &db,
        "--format",
        "tmx",
        "-o",
        &tmx_path.display().to_string(),
        id,
    ]);
    let tmx = std::fs::read_to_string(&tmx_path).unwrap();
    assert!(tmx.contains("<tuv xml:lang=\"az\">"), "{tmx}");

    ok(&["alignment", "delete", "--db", &db, id]);
    assert_eq!(ok(&["alignment", "list", "--db", &db]), "");
    let out = run(&["alignment", "show", "--db", &db, id]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("no alignment project 1"),
        "{}",
        out.stderr
    );
}
