use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use dragoman_tests::{dragoman_bin, fixtures, json_lines, run};
use serde_json::Value;

use crate::{answers_to_stdin, scratch};

fn tmx(name: &str) -> String {
    fixtures().join("tmx").join(name).display().to_string()
}

fn db(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

/// Run `dragoman tm ARGS --json` and parse its one JSON object.
fn tm_json(args: &[&str]) -> Value {
    let mut all = vec!["tm"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = run(&all);
    assert_eq!(out.code, Some(0), "dragoman {all:?}: {}", out.stderr);
    let mut lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "one JSON object: {}", out.stdout);
    lines.remove(0)
}

fn units(db: &str) -> u64 {
    tm_json(&["stats", "--db", db])["stats"]["units"]
        .as_u64()
        .unwrap()
}

/// The one `dragoman:` line of a failed run.
fn error_line(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.code, Some(2), "exit code: {}", out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("dragoman:"))
        .collect();
    assert_eq!(lines.len(), 1, "one error line: {}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    lines[0].to_string()
}

#[test]
fn imports_utf8_and_utf16_alike_and_reports_rejected_lines() {
    let dir = scratch("tm_import_encodings");
    let (a, b) = (db(&dir, "a.sqlite"), db(&dir, "b.sqlite"));
    let report = tm_json(&["import", "--db", &a, &tmx("ntrex.tmx")]);
    assert_eq!(report["added"], 12);
    assert_eq!(report["rejected"][0]["line"], 45, "{report}");
    assert_eq!(report["header"]["attributes"][0][1], "Fixture");
    let utf16 = tm_json(&["import", "--db", &b, &tmx("ntrex-utf16le.tmx")]);
    assert_eq!(utf16["added"], 12);
    let a_stats = tm_json(&["stats", "--db", &a])["stats"].clone();
    let b_stats = tm_json(&["stats", "--db", &b])["stats"].clone();
    assert_eq!(a_stats["languages"], b_stats["languages"]);
    let again = tm_json(&["import", "--db", &a, &tmx("ntrex-utf16le.tmx")]);
    assert_eq!(
        (again["added"].as_u64(), again["skipped"].as_u64()),
        (Some(0), Some(12)),
        "the UTF-16 file holds the same units as the UTF-8 one: {again}"
    );
}

#[test]
fn a_malformed_file_is_refused_with_its_line_and_nothing_is_kept() {
    let dir = scratch("tm_malformed");
    let d = db(&dir, "tm.sqlite");
    let line = error_line(&["tm", "import", "--db", &d, &tmx("malformed.tmx")]);
    assert!(line.contains("malformed.tmx"), "names the file: {line}");
    assert!(line.contains("line 32"), "names the line: {line}");
    assert_eq!(units(&d), 0, "units before the error were rolled back");
}

#[test]
fn a_unit_after_the_body_or_the_root_refuses_the_whole_file() {
    let dir = scratch("tm_after_root");
    let d = db(&dir, "tm.sqlite");
    let tu = |n: u32| {
        format!(
            "<tu><tuv xml:lang=\"en\"><seg>Unit {n}.</seg></tuv><tuv xml:lang=\"ru\"><seg>Единица {n}.</seg></tuv></tu>"
        )
    };
    let head = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>";
    let cases = [
        (
            "after_tmx.tmx",
            format!("{head}{}</body></tmx>\n{}\n", tu(1), tu(2)),
            "line 3",
        ),
        (
            "second_body.tmx",
            format!("{head}{}</body>\n\n<body>{}</body></tmx>\n", tu(1), tu(2)),
            "line 4",
        ),
        (
            "second_root.tmx",
            format!(
                "{head}{}</body></tmx>\n{head}{}</body></tmx>\n",
                tu(1),
                tu(2)
            ),
            "line 4",
        ),
    ];
    for (name, tmx, at) in cases {
        let path = dir.join(name);
        std::fs::write(&path, tmx).unwrap();
        let line = error_line(&["tm", "import", "--db", &d, &path.display().to_string()]);
        assert!(line.contains(name), "names the file: {line}");
        assert!(line.contains(at), "names the line: {line}");
        assert!(line.contains("malformed TMX"), "{line}");
        assert_eq!(units(&d), 0, "nothing of {name} was kept");
    }
}

#[test]
fn entity_declarations_are_refused() {
    let dir = scratch("tm_billion_laughs");
    let d = db(&dir, "tm.sqlite");
    let line = error_line(&["tm", "import", "--db", &d, &tmx("billion-laughs.tmx")]);
    assert!(line.contains("billion-laughs.tmx"), "{line}");
    assert!(line.contains("entities"), "{line}");
    assert_eq!(units(&d), 0);
}

#[test]
fn a_missing_file_and_a_bad_language_are_one_line_errors() {
    let dir = scratch("tm_bad_args");
    let d = db(&dir, "tm.sqlite");
    let line = error_line(&["tm", "import", "--db", &d, "no/such.tmx"]);
    assert!(line.contains("no/such.tmx"), "{line}");
    let line = error_line(&[
        "tm",
        "lookup",
        "--db",
        &d,
        "--src",
        "русский",
        "--tgt",
        "en",
        "x",
    ]);
    assert!(line.contains("--src"), "{line}");
}

#[test]
fn lookup_answers_each_stdin_line_as_json() {
    let dir = scratch("tm_lookup_stdin");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let queries = "Scuffles also broke out later in the day with police using their batons to contain the fighting.\n\
                   Scuffles broke out later in the day with police using batons to contain the fighting.\n\
                   Nothing in the memory looks like this.\n";
    // The contract of /work/shared/eval/tm_eval.py: one query per line in, one object out.
    let answers = answers_to_stdin(
        &[
            "tm", "lookup", "--db", &d, "--src", "en", "--tgt", "ru", "--min", "70", "--limit",
            "5", "--json",
        ],
        queries,
    );
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0]["matches"][0]["score"], 100);
    assert!(
        answers[0]["matches"][0]["target"]
            .as_str()
            .unwrap()
            .starts_with("После того как полиция"),
        "{}",
        answers[0]
    );
    let fuzzy = &answers[1]["matches"][0];
    assert_eq!(
        fuzzy["score"], 88,
        "17 words against 15, two deleted: ⌊1500/17⌋"
    );
    let deleted: Vec<&str> = fuzzy["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "deleted")
        .map(|c| c["word"].as_str().unwrap())
        .collect();
    assert_eq!(deleted, ["also", "their"]);
    assert_eq!(answers[2]["matches"], Value::Array(Vec::new()));
}

#[test]
fn lookup_for_people_shows_scores_and_diffs() {
    let dir = scratch("tm_lookup_text");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let out = run(&[
        "tm",
        "lookup",
        "--db",
        &d,
        "--src",
        "ru",
        "--tgt",
        "en",
        "После того как полиция пустила в ход дубинки для сдерживания толпы, беспорядки возобновились с прежней силой.",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap_or_default();
    // 16 words, one changed: ⌊1500/16⌋.
    assert!(first.starts_with(" 93%  После того как"), "{}", out.stdout);
    assert!(out.stdout.contains("[новой→прежней]"), "{}", out.stdout);
}

#[test]
fn export_filters_languages_and_keeps_markup_through_a_round_trip() {
    let dir = scratch("tm_export");
    let (a, b) = (db(&dir, "a.sqlite"), db(&dir, "b.sqlite"));
    tm_json(&["import", "--db", &a, &tmx("ntrex.tmx")]);
    let all = dir.join("all.tmx").display().to_string();
    let written = tm_json(&["export", "--db", &a, &all]);
    assert_eq!(written["units"], 12);
    let text = std::fs::read_to_string(&all).unwrap();
    assert!(
        text.contains(r#"<bpt i="1" x="1">&lt;b&gt;</bpt>riot police<ept i="1">&lt;/b&gt;</ept>"#),
        "inline markup kept"
    );
    assert!(text.contains(r#"<prop type="x-domain">news</prop>"#));
    assert!(text.contains("<note>headline</note>"));
    let ru_az = dir.join("ru-az.tmx").display().to_string();
    tm_json(&["export", "--db", &a, "--langs", "ru,az", &ru_az]);
    let report = tm_json(&["import", "--db", &b, &ru_az]);
    assert_eq!(report["added"], 12);
    let langs = &tm_json(&["stats", "--db", &b])["stats"]["languages"];
    assert_eq!(langs.to_string(), r#"[["az",12],["ru",12]]"#);
    let none = dir.join("none.tmx").display().to_string();
    let written = tm_json(&[
        "export",
        "--db",
        &a,
        "--since",
        "2024-01-05",
        "--until",
        "2024-01-06",
        &none,
    ]);
    assert_eq!(written["units"], 2, "the units changed on 5 and 6 January");
}

#[test]
fn concordance_finds_phrases_with_offsets() {
    let dir = scratch("tm_concordance");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let out = run(&["tm", "concordance", "--db", &d, "RIOT POLICE", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let hits = json_lines(&out.stdout);
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        let text = hit["text"].as_str().unwrap();
        let (start, end) = (
            hit["highlights"][0][0].as_u64().unwrap() as usize,
            hit["highlights"][0][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], "riot police");
    }
    let changed: Vec<u64> = hits
        .iter()
        .map(|h| h["changed_at"].as_u64().unwrap())
        .collect();
    assert!(changed[0] > changed[1], "newest first: {changed:?}");
}

#[test]
fn a_memory_from_a_newer_dragoman_is_refused() {
    let dir = scratch("tm_newer_schema");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let conn = rusqlite::Connection::open(&d).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let line = error_line(&["tm", "stats", "--db", &d]);
    assert!(line.contains("tm.sqlite"), "{line}");
    assert!(line.contains("schema version 99"), "{line}");
}

#[test]
fn imports_a_csv_table_headed_by_languages() {
    let dir = scratch("tm_csv");
    let d = db(&dir, "tm.sqlite");
    let csv = dir.join("pairs.csv");
    std::fs::write(
        &csv,
        "ru,az,en\n\"Да, конечно.\",\"Bəli, əlbəttə.\",\"Yes, of course.\"\nТолько одна колонка,,\nНет.,Xeyr.,No.\n",
    )
    .unwrap();
    let report = tm_json(&["import", "--db", &d, csv.to_str().unwrap()]);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["rejected"][0]["line"], 3, "{report}");
    let out = run(&[
        "tm",
        "lookup",
        "--db",
        &d,
        "--src",
        "az",
        "--tgt",
        "ru",
        "BƏLİ, ƏLBƏTTƏ",
    ]);
    assert!(
        out.stdout.starts_with(" 98%  Bəli, əlbəttə."),
        "{}",
        out.stdout
    );
}

// Windows finds the data directory through the shell's known folders, not HOME.
#[cfg(unix)]
#[test]
fn without_db_the_memory_lives_in_the_users_data_directory() {
    let home = scratch("tm_default_db");
    let out = Command::new(dragoman_bin())
        .args(["tm", "stats", "--json"])
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = &json_lines(&String::from_utf8(out.stdout).unwrap())[0];
    let path = PathBuf::from(stats["db"].as_str().unwrap());
    assert!(path.starts_with(&home), "{}", path.display());
    assert!(path.ends_with("dragoman.sqlite"), "{}", path.display());
    assert!(path.exists(), "created on first use");
}

/// Beads written by `dragoman align` are approved into the memory with their files;
/// approving them again adds nothing.
#[test]
fn aligned_beads_import_with_their_files_once() {
    let dir = scratch("tm_beads");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let sample = dragoman_tests::repo_root().join("samples/forum");
    let files: Vec<String> = ["ru", "az", "en"]
        .iter()
        .map(|l| sample.join(format!("{l}.txt")).display().to_string())
        .collect();
    let aligned = run(&[
        "align", "--format", "jsonl", &files[0], &files[1], &files[2],
    ]);
    assert_eq!(aligned.code, Some(0), "{}", aligned.stderr);
    let beads = dir.join("beads.jsonl");
    std::fs::write(&beads, &aligned.stdout).unwrap();
    let beads = beads.display().to_string();
    let import = |expect_added: u64| {
        let out = run(&[
            "tm", "--db", &db, "--json", "import", &beads, "--files", &files[0], &files[1],
            &files[2],
        ]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let report: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
        assert_eq!(report["added"], expect_added, "{}", out.stdout);
    };
    let bead_count = aligned.stdout.lines().count() as u64;
    import(bead_count);
    import(0);
    let missing = run(&["tm", "--db", &db, "import", &beads]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("--files"), "{}", missing.stderr);
}

/// A TMX file of `count` distinct English–Russian units, made up from a few words.
fn write_generated_tmx(path: &Path, count: usize) {
    const EN: [&str; 10] = [
        "forum", "talks", "minister", "river", "budget", "meeting", "report", "city", "law",
        "trade",
    ];
    const RU: [&str; 10] = [
        "форум",
        "переговоры",
        "министр",
        "река",
        "бюджет",
        "встреча",
        "доклад",
        "город",
        "закон",
        "торговля",
    ];
    let words = |list: &[&str; 10], mut i: usize| {
        let mut out = Vec::new();
        loop {
            out.push(list[i % 10]);
            i /= 10;
            if i == 0 {
                return out.join(" ");
            }
        }
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext"/><body>"#
    )
    .unwrap();
    for i in 0..count {
        writeln!(
            out,
            r#"<tu><tuv xml:lang="en"><seg>The {} of unit {i}.</seg></tuv><tuv xml:lang="ru"><seg>{} единицы {i}.</seg></tuv></tu>"#,
            words(&EN, i),
            words(&RU, i)
        )
        .unwrap();
    }
    writeln!(out, "</body></tmx>").unwrap();
}

/// `dragoman tm import ARGS` of `file` into `db`, started and past its first progress
/// line (after a second of work): the running import and that line.
fn import_in_progress(db: &str, file: &Path, args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(dragoman_bin())
        .args(["tm", "import", "--db", db])
        .args(args)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the import");
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let progress = std::io::BufRead::lines(stderr)
        .map(Result::unwrap)
        .find(|line| line.contains("units read"))
        .expect("the import reports progress on stderr");
    (child, progress)
}

/// A long import (without --exclusive) leaves the memory readable: a lookup made while
/// it runs is answered at once, from what was committed before it.
#[test]
fn a_lookup_during_an_import_is_answered() {
    let dir = scratch("tm_lookup_during_import");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let big = dir.join("big.tmx");
    write_generated_tmx(&big, 300_000);
    let (mut child, _) = import_in_progress(&d, &big, &[]);
    let out = run(&["tm", "--db", &d, "--json", "stats"]);
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().expect("stop the import");
    child.wait().unwrap();
    // Answered (a reader that waited out the lock would fail with "busy") while the
    // import still ran (one that waited for its end would find it over).
    assert!(
        still_running,
        "the import was still running after the lookup"
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("\"units\""), "{}", out.stdout);
}

#[test]
fn an_import_killed_midway_leaves_the_memory_as_it_was() {
    let dir = scratch("tm_import_killed");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let before = units(&d);
    // Far more than the import gets through before its first progress line (after a
    // second), even in a release build.
    let big = dir.join("big.tmx");
    write_generated_tmx(&big, 300_000);
    let (mut child, progress) = import_in_progress(&d, &big, &["--exclusive"]);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import is still running when it is killed ({progress:?})"
    );
    child.kill().expect("SIGKILL the import");
    child.wait().unwrap();
    // With --exclusive and alone with the database, the import wrote with a rollback
    // journal (see `store::bulk`): the next open rolls that hot journal back.
    assert!(
        std::path::Path::new(&format!("{d}-journal")).exists(),
        "killed in the middle of a journalled write"
    );

    let conn = rusqlite::Connection::open(&d).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let from_big: i64 = conn
        .query_row(
            "SELECT count(*) FROM unit WHERE origin = 'import:big.tmx'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(from_big, 0, "none of the killed import's units were kept");
    drop(conn);
    assert_eq!(units(&d), before);

    let small = dir.join("small.tmx");
    write_generated_tmx(&small, 50);
    let report = tm_json(&["import", "--db", &d, &small.display().to_string()]);
    assert_eq!(report["added"], 50, "a later import works: {report}");
    assert_eq!(units(&d), before + 50);
    std::fs::remove_file(&big).unwrap();
}

#[test]
fn a_closed_or_full_stderr_and_stdout_do_not_stop_an_import() {
    let dir = scratch("tm_import_broken_output");
    // Enough units to take over a second, so that progress is printed during the
    // import: a failed write there used to abort it and roll it back.
    let big = dir.join("big.tmx");
    let count = 40_000;
    write_generated_tmx(&big, count);
    let closed_pipe = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        writer
    };
    let full = || std::fs::File::create("/dev/full").unwrap();
    let outputs: [(&str, Stdio, Stdio); 2] = [
        ("closed.sqlite", closed_pipe().into(), closed_pipe().into()),
        ("full.sqlite", full().into(), full().into()),
    ];
    for (name, stdout, stderr) in outputs {
        let d = db(&dir, name);
        let status = Command::new(dragoman_bin())
            .args(["tm", "import", "--db", &d])
            .arg(&big)
            .stdout(stdout)
            .stderr(stderr)
            .status()
            .expect("run the import");
        assert_eq!(status.code(), Some(0), "{name}: the import succeeded");
        assert_eq!(units(&d), count as u64, "{name}: every unit was committed");
    }
    std::fs::remove_file(&big).unwrap();
}

#[test]
fn delete_removes_units_from_lookup_concordance_and_every_index() {
    let dir = scratch("tm_delete");
    let d = db(&dir, "tm.sqlite");
    tm_json(&["import", "--db", &d, &tmx("ntrex.tmx")]);
    let csv = dir.join("pairs.csv");
    std::fs::write(
        &csv,
        "en,de\nRiot police came back.,Die Polizei kam zurück.\n",
    )
    .unwrap();
    tm_json(&["import", "--db", &d, &csv.display().to_string()]);
    let before = units(&d);
    let hits = |phrase: &str| {
        let out = run(&["tm", "concordance", "--db", &d, phrase, "--json"]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        json_lines(&out.stdout)
    };
    let riot = hits("riot police");
    assert_eq!(riot.len(), 3, "two NTREX units and the table's");
    let target = riot
        .iter()
        .find(|h| h["lang"] == "en" && h["text"] != "Riot police came back.")
        .expect("an NTREX hit");
    let unit = target["unit"].as_u64().unwrap();
    let id = unit.to_string();
    let text = target["text"].as_str().unwrap().to_string();
    let found = tm_json(&["lookup", "--db", &d, "--src", "en", "--tgt", "ru", &text]);
    assert_eq!(found["matches"][0]["unit"].as_u64(), Some(unit), "{found}");

    let report = tm_json(&["delete", "--db", &d, &id, "999999"]);
    assert_eq!(report["deleted"], 1, "{report}");
    assert_eq!(report["not_found"], serde_json::json!([999_999]));
    assert_eq!(units(&d), before - 1);
    let found = tm_json(&["lookup", "--db", &d, "--src", "en", "--tgt", "ru", &text]);
    let units_found: Vec<Option<u64>> = found["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["unit"].as_u64())
        .collect();
    assert!(!units_found.contains(&Some(unit)), "{found}");
    assert!(
        !hits("riot police")
            .iter()
            .any(|h| h["unit"].as_u64() == Some(unit)),
        "the concordance no longer finds it"
    );

    let by_lang = tm_json(&["delete", "--db", &d, "--langs", "de"]);
    assert_eq!(by_lang["deleted"], 1, "only the table's unit has German");
    let by_origin = tm_json(&[
        "delete",
        "--db",
        &d,
        "--origin",
        "import:*",
        "--since",
        "2000-01-01",
    ]);
    assert_eq!(by_origin["deleted"].as_u64(), Some(before - 2));
    assert_eq!(units(&d), 0);
    assert!(hits("riot police").is_empty());

    let conn = rusqlite::Connection::open(&d).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    conn.execute(
        "INSERT INTO variant_fts (variant_fts, rank) VALUES ('integrity-check', 0)",
        [],
    )
    .expect("the concordance index is consistent");
    for table in ["variant", "posting_block", "variant_words", "variant_fts"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "{table} is empty with the memory");
    }

    let none = error_line(&["tm", "delete", "--db", &d]);
    assert!(none.contains("say which units"), "{none}");
}

/// Statements of talks sharing formulas, for fragment lookups.
const TALKS: &str = "ru\ten
Стороны обменялись мнениями по актуальным вопросам повестки.\tThe sides exchanged views on topical issues of the agenda.
Министры обменялись мнениями по вопросам сотрудничества.\tThe ministers exchanged views on issues of cooperation.
Президенты обсудили вопросы сотрудничества.\tThe presidents discussed issues of cooperation.
Стороны обсудили актуальные вопросы.\tThe sides discussed topical issues.
Министры встретились в Баку.\tThe ministers met in Baku.
Президенты встретились в Москве.\tThe presidents met in Moscow.
Стороны обменялись мнениями о ситуации.\tThe sides exchanged views on the situation.
";

#[test]
fn fragments_come_with_their_translation_once_trained() {
    let dir = scratch("tm_fragments");
    let d = db(&dir, "tm.sqlite");
    let table = dir.join("talks.tsv");
    std::fs::write(&table, TALKS).unwrap();
    tm_json(&["import", "--db", &d, &table.display().to_string()]);
    let query = "Делегации обменялись мнениями по вопросам энергетики.";
    let ask = ["tm", "fragments", "--db", &d, "--src", "ru", "--tgt", "en"];
    let line = error_line(&[&ask[..], &[query]].concat());
    assert!(line.contains("tm train-align --src ru --tgt en"), "{line}");
    let trained = tm_json(&["train-align", "--db", &d, "--src", "ru", "--tgt", "en"]);
    assert_eq!(trained["retrained"], true);
    assert_eq!(trained["aligned"], 7);
    let again = tm_json(&["train-align", "--db", &d, "--src", "en", "--tgt", "ru"]);
    assert_eq!(again["retrained"], false, "nothing new: {again}");
    assert_eq!(again["aligned"], 0);
    let answers = answers_to_stdin(
        &[&ask[..], &["--json"]].concat(),
        &format!("{query}\nНичего похожего.\n"),
    );
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["query"], query);
    let best = &answers[0]["fragments"][0];
    let (start, end) = (
        best["start"].as_u64().unwrap() as usize,
        best["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&query[start..end], "обменялись мнениями по вопросам");
    assert_eq!(best["source"], "обменялись мнениями по вопросам");
    let target = best["target"].as_str().unwrap();
    assert!(target.starts_with("exchanged views on issues"), "{best}");
    assert_eq!(answers[1]["fragments"], Value::Array(Vec::new()));
}
