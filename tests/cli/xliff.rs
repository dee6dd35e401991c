//! XLIFF files as Trados, memoQ, Okapi and translate-toolkit write them, pre-translated
//! and written back into themselves: the same version and document, valid against the
//! official schema (xmllint), read by translate-toolkit with every unit.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use dragoman_core::formats::xliff_read::{self, XliffFile};
use dragoman_core::inline;
use dragoman_core::limits::Limits;
use dragoman_tests::{fixtures, repo_root, run};

use crate::scratch;

fn fixture(name: &str) -> PathBuf {
    fixtures().join("xliff").join(name)
}

/// A memory holding `memory.tmx`, and the Russian sentences in it.
fn memory(dir: &Path) -> (String, HashSet<String>) {
    let db = dir.join("dragoman.sqlite").display().to_string();
    let tmx = fixture("memory.tmx");
    let out = run(&["tm", "--db", &db, "import", tmx.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let units = toolkit(&tmx);
    let sources = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| spaced(u["source"].as_str().unwrap()))
        .collect();
    (db, sources)
}

/// `text` with its white space (no-break spaces too, as NTREX has them) one space each,
/// as the memory's exact match takes it.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The schema validity errors xmllint finds in `file`, without file names and lines:
/// XLIFF 1.2 against the strict schema, 2.x against the core with its modules, TMX
/// against the 1.4b DTD.
pub(crate) fn schema_errors(file: &Path) -> Vec<String> {
    let schemas = fixtures().join("schemas");
    let text = std::fs::read_to_string(file).unwrap();
    let check = if file.extension().is_some_and(|e| e == "tmx") {
        [
            "--dtdvalid".to_string(),
            schemas.join("tmx14.dtd").display().to_string(),
        ]
    } else if text.contains("version=\"1.2\"") {
        [
            "--schema".into(),
            schemas
                .join("xliff-core-1.2-strict.xsd")
                .display()
                .to_string(),
        ]
    } else {
        [
            "--schema".into(),
            schemas.join("xliff_all.xsd").display().to_string(),
        ]
    };
    let out = Command::new("xmllint")
        .arg("--noout")
        .args(check)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint cannot run ({e}): run scripts/deps.sh, which installs libxml2-utils")
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<String> = stderr
        .lines()
        .filter(|l| l.contains("error"))
        .map(|l| l.split_once(": ").map_or(l, |(_, rest)| rest).to_string())
        .map(|l| {
            l.split_once(": ")
                .map_or(l.clone(), |(_, rest)| rest.to_string())
        })
        .collect();
    assert!(
        out.status.success() || !errors.is_empty(),
        "xmllint failed without naming an error: {stderr}"
    );
    errors
}

/// `file` as translate-toolkit reads it: its units' ids, sources and targets.
fn toolkit(file: &Path) -> serde_json::Value {
    let python = repo_root().join(".venv/bin/python");
    let out = Command::new(&python)
        .arg(repo_root().join("tests/toolkit_read.py"))
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} cannot run ({e}): run scripts/deps.sh, which makes it",
                python.display()
            )
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The ids of files, groups, units and segments in document order.
fn structure(xml: &str) -> Vec<(String, Option<String>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if ["file", "group", "unit", "trans-unit", "segment"].contains(&name.as_str()) {
                    let id = e
                        .try_get_attribute("id")
                        .unwrap()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                    found.push((name, id));
                }
            }
            quick_xml::events::Event::Eof => return found,
            _ => {}
        }
    }
}

/// The element of `xml` that starts with `start`, whole.
fn element<'x>(xml: &'x str, start: &str, end: &str) -> &'x str {
    let at = xml
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {xml}"));
    let len = xml[at..].find(end).unwrap() + end.len();
    &xml[at..at + len]
}

fn read(bytes: &[u8]) -> XliffFile {
    xliff_read::read(bytes, &Limits::default()).unwrap()
}

/// Pre-translate `source` into `out` in `dir` from `db`; the JSON summary.
pub(crate) fn pretranslate(
    source: &Path,
    out: &Path,
    db: &str,
    extra: &[&str],
) -> serde_json::Value {
    let mut args = vec![
        "pretranslate",
        source.to_str().unwrap(),
        "--db",
        db,
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];
    args.extend(extra);
    let run = run(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(run.stdout.trim()).unwrap()
}

/// What stays the same whatever the tool: version, ids, sources and their codes, the
/// targets the file had; every segment's filled target holds all its source's codes.
/// Returns how many segments whose text the memory holds were filled, of how many.
fn same_document(input: &[u8], output: &[u8], memory: &HashSet<String>) -> (usize, usize) {
    let (before, after) = (read(input), read(output));
    assert_eq!(before.version, after.version);
    assert_eq!(before.src, after.src);
    assert!(after.tgt.is_some(), "the target language is named");
    let input_text = String::from_utf8_lossy(input);
    let output_text = String::from_utf8_lossy(output);
    assert_eq!(structure(&input_text), structure(&output_text));
    assert_eq!(before.segments.len(), after.segments.len());
    let (mut held, mut filled) = (0, 0);
    for (b, a) in before.segments.iter().zip(&after.segments) {
        assert_eq!((&b.id, &b.source, &b.codes), (&a.id, &a.source, &a.codes));
        if b.target.is_some() {
            assert_eq!(
                b.target, a.target,
                "{}: a target the file had is kept",
                b.id
            );
            continue;
        }
        if let Some(target) = &a.target {
            assert!(
                inline::check(&a.source, target).is_empty(),
                "{}: {target:?} lacks or crosses codes of {:?}",
                a.id,
                a.source
            );
        }
        if memory.contains(&spaced(&inline::strip(&b.source))) {
            held += 1;
            filled += usize::from(a.target.is_some());
        }
    }
    (filled, held)
}

/// The issue's test: a Trados-style 1.2 and an Okapi-style 2.0 file (two files, a group,
/// seg-source, codes, translate="no", an existing target), filled from a memory of the
/// same sentences.
#[test]
fn held_out_style_files_come_back_the_same_document_filled_and_valid() {
    let dir = scratch("xliff_held_out");
    let (db, memory) = memory(&dir);
    let cases = [
        (
            "trados.xlf",
            r#"<trans-unit id="tu-a4""#,
            "</trans-unit>",
            r#"<trans-unit id="tu-a5">"#,
        ),
        (
            "okapi-2.0.xlf",
            r#"<unit id="tu3""#,
            "</unit>",
            r#"<unit id="tu4">"#,
        ),
    ];
    for (name, untranslated, end, translated) in cases {
        let source = fixture(name);
        let out = dir.join(name);
        let summary = pretranslate(&source, &out, &db, &[]);
        let (input, output) = (
            std::fs::read(&source).unwrap(),
            std::fs::read(&out).unwrap(),
        );
        let errors = schema_errors(&out);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let (filled, held) = same_document(&input, &output, &memory);
        eprintln!("{name}: {filled} of {held} segments the memory holds filled; {summary}");
        assert!(
            held >= 5 && filled * 10 >= held * 9,
            "{name}: {filled} of {held}"
        );
        let (input, output) = (
            String::from_utf8(input).unwrap(),
            String::from_utf8(output).unwrap(),
        );
        for start in [untranslated, translated] {
            assert_eq!(
                element(&input, start, end),
                element(&output, start, end),
                "{name}: untouched"
            );
        }
        assert!(!output.contains("\"final\""), "{output}");
        let (before, after) = (toolkit(&source), toolkit(&out));
        let units = |v: &serde_json::Value| v.as_array().unwrap().len();
        let targets = |v: &serde_json::Value| {
            v.as_array()
                .unwrap()
                .iter()
                .filter(|u| u["target"].as_str().is_some_and(|t| !t.is_empty()))
                .count()
        };
        assert_eq!(
            units(&before),
            units(&after),
            "{name}: translate-toolkit reads every unit"
        );
        assert!(targets(&after) >= targets(&before) + 4, "{name}: {after}");
    }
}

/// memoQ's and translate-toolkit's files: written back with no schema error the file
/// had not already (memoQ's own attributes are unknown to the strict 1.2 schema).
#[test]
fn memoq_and_po2xliff_files_come_back_the_same_document() {
    let dir = scratch("xliff_other_tools");
    let (db, memory) = memory(&dir);
    for name in ["memoq.mqxliff", "po2xliff.xlf"] {
        let source = fixture(name);
        let out = dir.join(name);
        pretranslate(&source, &out, &db, &["--tgt", "en"]);
        let (input, output) = (
            std::fs::read(&source).unwrap(),
            std::fs::read(&out).unwrap(),
        );
        let had: HashSet<String> = schema_errors(&source).into_iter().collect();
        let new: Vec<String> = schema_errors(&out)
            .into_iter()
            .filter(|e| !had.contains(e))
            .collect();
        assert!(new.is_empty(), "{name}: {new:?}");
        let (filled, held) = same_document(&input, &output, &memory);
        assert_eq!(filled, held, "{name}");
        assert!(held >= 2, "{name}: {filled} of {held}");
        let output = String::from_utf8(output).unwrap();
        assert_eq!(
            toolkit(&source).as_array().unwrap().len(),
            toolkit(&out).as_array().unwrap().len()
        );
        if name == "po2xliff.xlf" {
            assert!(output.contains(r#"<file original="harlem.po" source-language="ru" datatype="po" target-language="en">"#), "{output}");
        } else {
            assert!(
                output.contains(r#"mq:status="NotStarted" mq:segmentguid="0b1e-02""#),
                "{output}"
            );
        }
    }
}

/// A TMX from pre-translation holds exact matches only, unless asked for fuzzy ones,
/// which then say so; valid against the TMX DTD and read by translate-toolkit.
#[test]
fn tmx_from_pretranslation_leaves_fuzzy_targets_out_unless_asked() {
    let dir = scratch("xliff_tmx");
    let (db, _) = memory(&dir);
    let source = fixture("trados.xlf");
    let exact = dir.join("exact.tmx");
    let summary = pretranslate(&source, &exact, &db, &[]);
    let fuzzy = dir.join("fuzzy.tmx");
    pretranslate(&source, &fuzzy, &db, &["--fuzzy-into-tmx"]);
    assert!(summary["fuzzy"].as_u64().unwrap() >= 1, "{summary}");
    for file in [&exact, &fuzzy] {
        assert!(schema_errors(file).is_empty(), "{}", file.display());
    }
    let (plain, marked) = (toolkit(&exact), toolkit(&fuzzy));
    let count = |v: &serde_json::Value| v.as_array().unwrap().len() as u64;
    let filled = summary["exact"].as_u64().unwrap()
        + summary["context"].as_u64().unwrap()
        + summary["kept"].as_u64().unwrap();
    assert_eq!(count(&plain), filled, "{plain}");
    assert_eq!(count(&marked), filled + summary["fuzzy"].as_u64().unwrap());
    let text = std::fs::read_to_string(&fuzzy).unwrap();
    assert!(
        text.contains(r#"<prop type="x-match-score">"#) && text.contains("<note>Fuzzy match ("),
        "{text}"
    );
    assert!(!text.contains('\u{E000}'), "no markers in a TMX");
}

/// XLIFF converted on request (`--xliff`), from an XLIFF or a text, is valid too, and a
/// fuzzy match in it is not marked translated.
#[test]
fn converted_xliff_is_valid_in_both_versions() {
    let dir = scratch("xliff_converted");
    let (db, _) = memory(&dir);
    let text = dir.join("new.txt");
    std::fs::write(
        &text,
        "Кризис в гарлемских приходах: навсегда замолкли колокола Св. Мартина\n\n\
         Исчезновение баров еще можно понять: «Формат общения изменился».\n",
    )
    .unwrap();
    for source in [fixture("trados.xlf"), fixture("okapi-2.0.xlf"), text] {
        for version in ["1.2", "2.1"] {
            let out = dir.join(format!("out-{version}.xlf"));
            let summary = pretranslate(
                &source,
                &out,
                &db,
                &["--xliff", version, "--src", "ru", "--tgt", "en"],
            );
            assert!(summary["fuzzy"].as_u64().unwrap() >= 1, "{summary}");
            let errors = schema_errors(&out);
            assert!(
                errors.is_empty(),
                "{} as {version}: {errors:?}",
                source.display()
            );
            let xml = std::fs::read_to_string(&out).unwrap();
            assert!(xml.contains(&format!("version=\"{version}\"")));
            assert!(!xml.contains("\u{E000}"), "no markers in a converted file");
            assert_eq!(
                toolkit(&out).as_array().unwrap().len() as u64,
                summary["segments"].as_u64().unwrap()
            );
        }
    }
}

/// The memory's own TMX export, of units read with inline tags and of units from a
/// UTF-16 file, is valid against the TMX 1.4b DTD and read whole by translate-toolkit.
#[test]
fn the_memorys_tmx_export_is_valid_and_read_whole() {
    let dir = scratch("xliff_tm_export");
    let db = dir.join("dragoman.sqlite").display().to_string();
    for name in ["ntrex.tmx", "ntrex-utf16le.tmx"] {
        let tmx = fixtures().join("tmx").join(name);
        let out = run(&["tm", "--db", &db, "import", tmx.to_str().unwrap()]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    let exported = dir.join("export.tmx");
    let out = run(&[
        "tm",
        "--db",
        &db,
        "--json",
        "export",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let written: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(schema_errors(&exported), Vec::<String>::new());
    let units = toolkit(&exported);
    assert_eq!(
        units.as_array().unwrap().len() as u64,
        written["units"].as_u64().unwrap(),
        "{written}"
    );
}
