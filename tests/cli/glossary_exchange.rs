use std::path::{Path, PathBuf};
use std::process::Command;

use dragoman_tests::{fixtures, json_lines, repo_root, run};

use crate::scratch;

/// A reader other tools' users have, run on `args`: its complaints, or nothing.
fn reader(program: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; the exchange tests need xmllint and the checkout's .venv with \
             translate-toolkit and lxml: run `sh scripts/deps.sh`",
                program.display()
            )
        });
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn xmllint(args: &[&str]) -> Result<(), String> {
    reader(Path::new("xmllint"), &[&["--noout"], args].concat())
}

/// `tests/readers/tbx_check.py` with the checkout's Python venv (made by scripts/deps.sh).
fn tbx_check(args: &[&str]) -> Result<(), String> {
    let python = repo_root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: the exchange tests read Dragoman's TBX with translate-toolkit and \
         lxml from the checkout's venv; run `sh scripts/deps.sh`",
        python.display()
    );
    let script = repo_root().join("tests/readers/tbx_check.py");
    reader(&python, &[&[script.to_str().unwrap()], args].concat())
}

fn schema(name: &str) -> String {
    fixtures().join("schemas").join(name).display().to_string()
}

/// Check `file`, TBX `version` written by Dragoman with `concepts` concepts, with the
/// official schemas and, for version 2, translate-toolkit.
fn check_tbx(file: &str, version: u8, concepts: usize) {
    let found = if version == 3 {
        xmllint(&[
            "--relaxng",
            &schema("TBXcoreStructV03_TBX-Basic_integrated.rng"),
            file,
        ])
        .and_then(|()| tbx_check(&["schematron", file]))
    } else {
        xmllint(&["--dtdvalid", &schema("TBXcoreStructV02.dtd"), file])
            .and_then(|()| tbx_check(&["xcs", file]))
            .and_then(|()| tbx_check(&["toolkit", file, &concepts.to_string()]))
    };
    if let Err(e) = found {
        panic!("{file} (TBX v{version}):\n{e}");
    }
}

fn export(db: &str, file: &Path, extra: &[&str]) -> usize {
    let file = file.display().to_string();
    let out = run(&[&["glossary", "--db", db, "--json", "export", &file], extra].concat());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    json_lines(&out.stdout)[0]["concepts"].as_u64().unwrap() as usize
}

fn import(db: &str, file: &Path, extra: &[&str]) -> serde_json::Value {
    let file = file.display().to_string();
    let out = run(&[&["glossary", "--db", db, "--json", "import", &file], extra].concat());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    json_lines(&out.stdout).remove(0)
}

/// Issue 15, "done when": each starter glossary exports as TBX-Basic v3 valid against
/// the RelaxNG and the Schematron, and as TBX-Basic v2 valid against the DTD and the
/// XCS, that translate-toolkit reads with every concept; both read back whole.
#[test]
fn starter_glossaries_export_as_tbx_basic_that_other_tools_read() {
    let dir = scratch("glossary_exchange_starter");
    for (name, count) in [("diplomatic", 329), ("countries", 259)] {
        let db = dir.join(format!("{name}.sqlite")).display().to_string();
        let csv = repo_root().join("glossary").join(format!("{name}.csv"));
        assert_eq!(import(&db, &csv, &[])["report"]["added"], count);
        for version in [3u8, 2] {
            let file = dir.join(format!("{name}-v{version}.tbx"));
            let tbx = version.to_string();
            assert_eq!(export(&db, &file, &["--tbx", &tbx]), count);
            check_tbx(&file.display().to_string(), version, count);
            let again = dir
                .join(format!("{name}-v{version}.sqlite"))
                .display()
                .to_string();
            let report = import(&again, &file, &[]);
            assert_eq!(
                report["report"]["added"], count,
                "{name} v{version}: {report}"
            );
        }
    }
}

/// Statuses, ids and memoQ's stem marks survive TBX v2 and v3 and re-import: two
/// glossaries holding a concept of the same id stay two concepts, a file written from
/// what a v2 file brought back is the v3 file written first.
#[test]
fn statuses_ids_and_stems_round_trip_through_both_versions() {
    let dir = scratch("glossary_exchange_round_trip");
    let db = dir.join("first.sqlite").display().to_string();
    let memoq = fixtures().join("tbx/memoq.tbx");
    import(&db, &memoq, &["--glossary", "memoq"]);
    import(&db, &memoq, &["--glossary", "again"]);
    let toolkit = fixtures().join("tbx/translate-toolkit.tbx");
    assert_eq!(import(&db, &toolkit, &[])["report"]["added"], 3);
    let v3: PathBuf = dir.join("all-v3.tbx");
    let v2: PathBuf = dir.join("all-v2.tbx");
    assert_eq!(export(&db, &v3, &[]), 7);
    assert_eq!(export(&db, &v2, &["--tbx", "2"]), 7);
    check_tbx(&v3.display().to_string(), 3, 7);
    check_tbx(&v2.display().to_string(), 2, 7);
    let written = std::fs::read_to_string(&v3).unwrap();
    for id in ["_1", "_1-2", "_2-2", "entry-3"] {
        assert!(
            written.contains(&format!("id=\"{id}\"")),
            "{id} in {written}"
        );
    }
    for status in ["admitted", "deprecated", "superseded"] {
        assert!(
            written.contains(&format!(">{status}Term-admn-sts<")),
            "{status}"
        );
    }
    assert!(written.contains("<term>договор</term>"));
    assert!(written.contains("<note>stem: договор|</note>"));
    assert!(written.contains("<note>status: forbidden</note>"));

    let db2 = dir.join("second.sqlite").display().to_string();
    assert_eq!(
        import(&db2, &v2, &["--glossary", "back"])["report"]["added"],
        7,
        "no two concepts merged"
    );
    let back = dir.join("back-v3.tbx");
    assert_eq!(export(&db2, &back, &[]), 7);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), written);
}

/// An OmegaT glossary (headerless: source, target, comment) imports with `--langs`,
/// and an export by extension or `--omegat` is one OmegaT reads: no header, terms
/// first, no stem marks.
#[test]
fn omegat_glossaries_import_with_langs_and_export() {
    let dir = scratch("glossary_exchange_omegat");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let file = fixtures().join("omegat/glossary.txt");
    let refused = run(&[
        "glossary",
        "--db",
        &db,
        "import",
        &file.display().to_string(),
    ]);
    assert_eq!(refused.code, Some(2));
    let report = import(&db, &file, &["--langs", "ru,en", "--glossary", "omegat"]);
    assert_eq!(report["report"]["added"], 4, "{report}");
    let memoq = fixtures().join("tbx/memoq.tbx");
    import(&db, &memoq, &["--glossary", "memoq"]);
    let out = dir.join("project.utf8");
    export(&db, &out, &["--langs", "ru,en", "--glossary", "memoq"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "договор\ttreaty",
            "договор\tpact",
            "трактат\ttreaty",
            "трактат\tpact",
            "пакт\ttreaty",
            "пакт\tpact",
            "межрегиональный форум\tinter-regional forum",
            "межрегиональная встреча\tinter-regional forum",
        ]
    );
    let txt = dir.join("project.txt");
    export(
        &db,
        &txt,
        &["--omegat", "--langs", "ru,en", "--glossary", "omegat"],
    );
    let again = std::fs::read_to_string(&txt).unwrap();
    assert!(again.starts_with("межрегиональный форум\tinter-regional forum\n"));
    assert!(again.contains("договор\ttreaty\tinternational law\n"));
}

/// Tables for memoQ and OmegaT: the columns chosen and in order (the id last or left
/// out), synonyms in columns of their own or one term a row; each reads back.
#[test]
fn table_exports_take_the_columns_and_synonym_layout_asked_for() {
    let dir = scratch("glossary_exchange_tables");
    let db = dir.join("dragoman.sqlite").display().to_string();
    import(
        &db,
        &fixtures().join("tbx/memoq.tbx"),
        &["--glossary", "memoq"],
    );
    let columns = dir.join("columns.csv");
    export(
        &db,
        &columns,
        &["--columns", "en,ru,subject,id", "--synonyms", "columns"],
    );
    let text = std::fs::read_to_string(&columns).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "en,en,ru,ru,ru,subject,id",
            "treaty,pact,договор|,трактат,пакт,law,_1",
            "inter-regional forum,,межрегиональный форум,межрегиональная встреча,,diplomacy,_2",
        ]
    );
    let rows = dir.join("rows.tsv");
    export(&db, &rows, &["--columns", "id,ru,en", "--synonyms", "rows"]);
    let text = std::fs::read_to_string(&rows).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "id\tru\ten",
            "_1\tдоговор|\ttreaty",
            "_1\tтрактат\tpact",
            "_1\tпакт\t",
            "_2\tмежрегиональный форум\tinter-regional forum",
            "_2\tмежрегиональная встреча\t",
        ]
    );
    for file in [&columns, &rows] {
        let again = dir.join("again.sqlite").display().to_string();
        let _ = std::fs::remove_file(&again);
        let report = import(&again, file, &[]);
        assert_eq!(report["report"]["added"], 2, "{}: {report}", file.display());
    }
    let no_id = dir.join("no-id.csv");
    export(&db, &no_id, &["--columns", "ru,en"]);
    let text = std::fs::read_to_string(&no_id).unwrap();
    assert!(
        text.starts_with("ru,en\nдоговор|; трактат; пакт,treaty; pact\n"),
        "{text}"
    );
}
