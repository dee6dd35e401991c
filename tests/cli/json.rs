//! Every JSON object `dragoman` prints, pinned by a snapshot of a real run on small
//! inputs: a script reading `--json` (or `--format jsonl`) output sees a change of shape
//! here first. Volatile values (the scratch folder, the fixtures' folder, times) are
//! redacted; each snapshot holds the run's JSON lines, pretty-printed, keys sorted.
//!
//! A deliberate change: `INSTA_UPDATE=always cargo test --workspace --test cli json`
//! rewrites the `.snap` files under `snapshots/`; their diff is the change scripts see,
//! to be read before it is committed (and named in the commit message).

use std::path::Path;

use dragoman_tests::{fixtures, json_lines, run};
use serde_json::Value;

use crate::scratch;

/// Keys whose values are times of the run (seconds since 1970).
const TIMES: &[&str] = &["created_at", "changed_at", "last_used_at", "last_sync"];

/// Run `dragoman ARGS` (as user `tester`), which must succeed, and return its JSON
/// lines with `dir` and the fixtures' folder redacted, ready for a snapshot.
fn json_of(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--user", "tester"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.code, Some(0), "dragoman {all:?}: {}", out.stderr);
    let lines = json_lines(&out.stdout);
    assert!(!lines.is_empty(), "dragoman {all:?} printed no JSON");
    let folders = [
        (dir.display().to_string(), "[scratch]"),
        (fixtures().display().to_string(), "[fixtures]"),
    ];
    lines
        .into_iter()
        .map(|mut line| {
            redact(&mut line, &folders);
            serde_json::to_string_pretty(&line).expect("JSON")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `s` has the form of a concept id Dragoman makes: `c-` and 16 hex digits.
fn is_made_id(s: &str) -> bool {
    s.strip_prefix("c-")
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn redact(value: &mut Value, folders: &[(String, &str)]) {
    match value {
        // A concept id Dragoman made differs from run to run; its form is what counts.
        Value::String(s) if is_made_id(s) => *s = "[made id]".to_string(),
        Value::String(s) => {
            for (folder, name) in folders {
                *s = s.replace(folder.as_str(), name);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, folders)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if TIMES.contains(&key.as_str()) && v.is_number() {
                    *v = Value::from("[time]");
                } else {
                    redact(v, folders);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Write `text` to `name` in `dir`, returning its path.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path.display().to_string()
}

#[test]
fn tm_json() {
    let dir = scratch("json_tm");
    let db = dir.join("tm.sqlite").display().to_string();
    let tmx = fixtures().join("tmx/ntrex.tmx").display().to_string();
    let out = dir.join("ru-en.tmx").display().to_string();
    let tm = |args: &[&str]| {
        let mut all = vec!["tm", "--db", &db, "--json"];
        all.extend_from_slice(args);
        json_of(&dir, &all)
    };
    insta::assert_snapshot!("tm_import", tm(&["import", &tmx]));
    insta::assert_snapshot!("tm_export", tm(&["export", "--langs", "ru,en", &out]));
    insta::assert_snapshot!(
        "tm_lookup",
        tm(&[
            "lookup",
            "--src",
            "en",
            "--tgt",
            "ru",
            "--top",
            "2",
            "Scuffles broke out later in the day with police using batons to contain the fighting.",
        ])
    );
    insta::assert_snapshot!(
        "tm_concordance",
        tm(&["concordance", "--limit", "2", "riot police"])
    );
    insta::assert_snapshot!(
        "tm_train_align",
        tm(&["train-align", "--src", "ru", "--tgt", "en"])
    );
    insta::assert_snapshot!(
        "tm_fragments",
        tm(&[
            "fragments",
            "--src",
            "ru",
            "--tgt",
            "en",
            "--top",
            "2",
            "Вчера скандировали: «Не забудем, не простим!», снова.",
        ])
    );
    insta::assert_snapshot!("tm_stats", tm(&["stats"]));
    insta::assert_snapshot!("tm_delete", tm(&["delete", "1", "999"]));
}

/// A glossary with a forbidden Russian term, and a concept giving a term twice (rejected).
const TBX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="forum">
      <descrip type="subjectField">diplomacy</descrip>
      <langSet xml:lang="en"><tig><term>inter-regional forum</term></tig></langSet>
      <langSet xml:lang="ru">
        <tig><term>межрегиональный форум</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>межрегиональная встреча</term>
          <termNote type="normativeAuthorization">forbidden</termNote></tig>
      </langSet>
      <langSet xml:lang="az"><tig><term>regionlararası forum</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
    </termEntry>
    <termEntry id="twice">
      <langSet xml:lang="en"><tig><term>summit</term></tig><tig><term>summit</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"#;

/// Units in which "форум"/"forum" occur together often enough to be suggested.
const UNITS: &str = "ru\ten
Форум открылся в Баку.\tThe forum opened in Baku.
Форум продолжил работу.\tThe forum continued its work.
Делегаты форума прибыли.\tThe delegates of the forum arrived.
";

#[test]
fn glossary_and_qa_json() {
    let dir = scratch("json_glossary");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let tbx = write(&dir, "terms.tbx", TBX);
    let glossary = |args: &[&str]| {
        let mut all = vec!["glossary", "--db", &db, "--json"];
        all.extend_from_slice(args);
        json_of(&dir, &all)
    };
    insta::assert_snapshot!("glossary_import", glossary(&["import", &tbx]));
    insta::assert_snapshot!(
        "glossary_add",
        glossary(&[
            "add",
            "--glossary",
            "mine",
            "--term",
            "ru=договор",
            "--term",
            "en=treaty"
        ])
    );
    let csv = dir.join("terms.csv").display().to_string();
    insta::assert_snapshot!(
        "glossary_export",
        glossary(&["export", "--glossary", "terms", &csv])
    );
    insta::assert_snapshot!("glossary_list", glossary(&["list"]));
    insta::assert_snapshot!(
        "glossary_find",
        glossary(&[
            "find",
            "--lang",
            "ru",
            "Делегаты межрегионального форума подписали договор."
        ])
    );
    insta::assert_snapshot!(
        "glossary_find_split",
        glossary(&[
            "find",
            "--lang",
            "ru",
            "Делегаты межрегионального российско-азербайджанского форума прибыли."
        ])
    );
    let (source, target) = (
        "The inter-regional forum signed 14 agreements under the treaty.",
        "Межрегиональная встреча подписала 15 соглашений.",
    );
    insta::assert_snapshot!(
        "glossary_qa",
        glossary(&["qa", "--src", "en", "--tgt", "ru", source, target])
    );
    let src = write(&dir, "src.txt", &format!("Nothing to check.\n{source}\n"));
    let tgt = write(&dir, "tgt.txt", &format!("Нечего проверять.\n{target}\n"));
    insta::assert_snapshot!(
        "qa",
        json_of(
            &dir,
            &[
                "qa", "--db", &db, "--json", "--src", "en", "--tgt", "ru", &src, &tgt
            ]
        )
    );
    let units = write(&dir, "units.tsv", UNITS);
    json_of(&dir, &["tm", "--db", &db, "--json", "import", &units]);
    insta::assert_snapshot!(
        "glossary_suggest",
        glossary(&["suggest", "--langs", "ru,en", "--top", "2"])
    );
}

#[test]
fn alignment_and_text_json() {
    let dir = scratch("json_alignment");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let ru = write(
        &dir,
        "ru.txt",
        "Форум открылся в Баку. Делегаты прибыли.\n\nРабота продолжится завтра.\n",
    );
    let en = write(
        &dir,
        "en.txt",
        "The forum opened in Baku. The delegates arrived.\n\nWork will go on tomorrow.\n",
    );
    insta::assert_snapshot!(
        "segment",
        json_of(&dir, &["segment", "--lang", "ru", "--format", "jsonl", &ru])
    );
    insta::assert_snapshot!(
        "align",
        json_of(
            &dir,
            &["align", "--langs", "ru,en", "--format", "jsonl", &ru, &en]
        )
    );
    let alignment = |args: &[&str]| {
        let mut all = vec!["alignment", "--db", &db, "--json"];
        all.extend_from_slice(args);
        json_of(&dir, &all)
    };
    insta::assert_snapshot!(
        "alignment_new",
        alignment(&["new", "--name", "Forum", "--langs", "ru,en", &ru, &en])
    );
    insta::assert_snapshot!("alignment_list", alignment(&["list"]));
    insta::assert_snapshot!("alignment_show", alignment(&["show", "1"]));
    insta::assert_snapshot!(
        "alignment_approve",
        alignment(&["approve", "--min-confidence", "0", "1"])
    );
    let out = dir.join("forum.xlf").display().to_string();
    let text = write(&dir, "new.txt", "Форум открылся в Баку. Новости дня.\n");
    insta::assert_snapshot!(
        "pretranslate",
        json_of(
            &dir,
            &[
                "pretranslate",
                "--db",
                &db,
                "--json",
                "--src",
                "ru",
                "--tgt",
                "en",
                "--out",
                &out,
                &text
            ]
        )
    );
}

#[test]
fn backup_and_restore_json() {
    let dir = scratch("json_backup");
    let db = dir.join("m.sqlite").display().to_string();
    let table = write(&dir, "units.tsv", "en\tru\nYes.\tДа.\n");
    assert_eq!(run(&["tm", "--db", &db, "import", &table]).code, Some(0));
    let copy = dir.join("copy.sqlite").display().to_string();
    insta::assert_snapshot!(
        "backup",
        json_of(&dir, &["backup", "--db", &db, "--json", &copy])
    );
    let restored = json_of(&dir, &["restore", "--db", &db, "--json", &copy]);
    // The kept memory's name ends in the time of the restore.
    let (head, tail) = restored.split_once(".before-restore-").expect("kept copy");
    let time_len = "20261207T120000Z".len();
    insta::assert_snapshot!(
        "restore",
        format!("{head}.before-restore-[time]{}", &tail[time_len..])
    );
}

#[test]
fn team_json() {
    let pg = dragoman_tests::postgres::server();
    let dir = scratch("json_team");
    let db = dir.join("m.sqlite").display().to_string();
    let table = write(&dir, "units.tsv", "en\tru\nYes.\tДа.\nNo.\tНет.\n");
    assert_eq!(run(&["tm", "--db", &db, "import", &table]).code, Some(0));
    let admin = pg.admin_url();
    for args in [
        &["team", "init", "--server", &admin, "--team", "json"][..],
        &[
            "team",
            "grant",
            "--server",
            &admin,
            "--team",
            "json",
            "--user",
            "jsonwriter",
            "--access",
            "write",
        ],
        &[
            "team",
            "join",
            "--server",
            &pg.url("jsonwriter"),
            "--team",
            "json",
            "--db",
            &db,
        ],
    ] {
        let out = run(args);
        assert_eq!(out.code, Some(0), "dragoman {args:?}: {}", out.stderr);
    }
    let server = pg.folder().display().to_string();
    let status = json_of(&dir, &["team", "status", "--db", &db, "--json"]);
    insta::assert_snapshot!("team_status", status.replace(&server, "[server]"));
    insta::assert_snapshot!(
        "team_sync",
        json_of(&dir, &["team", "sync", "--db", &db, "--json"])
    );
}
