//! `dragoman-bench` run as docs/benchmarks.md runs it, on sizes small enough for a test:
//! the reports keep the fields the figures are read from, the synthetic memory is the
//! same for the same seed, and the import floor writes into the store's own schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use dragoman_core::store;
use serde_json::Value;

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

/// The NTREX fixture's sentences in `lang` (en, ru, az), one per line.
fn ntrex(lang: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ntrex")
        .join(format!("{lang}.txt"))
        .display()
        .to_string()
}

/// Run `dragoman-bench` with `args`; its stdout, after checking it succeeded.
fn bench(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dragoman-bench"))
        .args(args)
        .output()
        .expect("run dragoman-bench");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dragoman-bench {args:?}: {stderr}");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn tm_builds_a_trilingual_memory_and_reports_full_recall() {
    let dir = scratch("tm");
    let db = dir.join("bench.sqlite");
    let (en, ru, az) = (ntrex("en"), ntrex("ru"), ntrex("az"));
    let out = bench(&[
        "tm",
        "--units",
        "2000",
        "--queries",
        "20",
        "--check",
        "20",
        "--src",
        &en,
        "--tgt",
        &ru,
        "--also",
        &az,
        "--db",
        &path(&db),
    ]);
    let report: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["units"], 2000);
    assert_eq!(report["queries"], 20);
    assert!(report["recall_checked"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(report["recall"], 1.0, "{report}");
    for figure in [
        "build_seconds",
        "open_ms",
        "exact_ms_p50",
        "exact_ms_p95",
        "stored_top5_ms_p95",
        "lookup_ms_p95",
        "candidates_mean",
    ] {
        assert!(report[figure].is_number(), "{figure} in {report}");
    }
    let stats = store::units::stats(&store::open(&db).unwrap()).unwrap();
    let mut languages = stats.languages;
    languages.sort();
    assert_eq!(
        languages,
        [
            ("az".into(), 2000),
            ("en".into(), 2000),
            ("ru".into(), 2000)
        ],
        "every unit has a variant in each of the three languages"
    );
}

#[test]
fn the_same_seed_writes_the_same_memory() {
    let dir = scratch("seed");
    let (en, ru) = (ntrex("en"), ntrex("ru"));
    let write = |name: &str, seed: &str| {
        let tmx = dir.join(name);
        bench(&[
            "tm",
            "--units",
            "300",
            "--seed",
            seed,
            "--src",
            &en,
            "--tgt",
            &ru,
            "--tmx",
            &path(&tmx),
        ]);
        std::fs::read_to_string(tmx).unwrap()
    };
    let first = write("a.tmx", "7");
    assert_eq!(first.matches("</tu>").count(), 300);
    assert_eq!(first, write("b.tmx", "7"));
    assert_ne!(first, write("c.tmx", "8"));
}

#[test]
fn import_floor_fills_the_stores_schema_and_leaves_it_whole() {
    let dir = scratch("floor");
    let tmx = dir.join("memory.tmx");
    let db = dir.join("floor.sqlite");
    bench(&[
        "tm",
        "--units",
        "200",
        "--src",
        &ntrex("en"),
        "--tgt",
        &ntrex("ru"),
        "--tmx",
        &path(&tmx),
    ]);
    let out = bench(&["import-floor", &path(&tmx), &path(&db)]);
    assert!(out.contains("200 units, 400 variants"), "{out}");
    for stage in [
        "parse",
        "unit and variant rows",
        "secondary indexes",
        "commit",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(stage)),
            "{stage} in {out}"
        );
    }
    let conn = store::open(&db).unwrap();
    assert_eq!(store::units::stats(&conn).unwrap().units, 200);
    let fresh = store::open_in_memory().unwrap();
    assert_eq!(
        store::dump_schema(&conn).unwrap(),
        store::dump_schema(&fresh).unwrap(),
        "the indexes dropped for the rows are built again as the migrations made them"
    );
}

#[test]
fn segment_scores_every_language_of_a_corpus() {
    // The NTREX excerpt core's segmentation test reads, laid out as the full corpus is.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/ntrex");
    let rows = corpus.join("two-sentence-rows.tsv");
    let out = bench(&[
        "segment",
        &path(&corpus),
        "--two-sentence-rows",
        &path(&rows),
    ]);
    let scores: Value = serde_json::from_str(&out).unwrap();
    let scores = scores.as_array().unwrap();
    let langs: Vec<&str> = scores.iter().map(|s| s["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["ru", "az", "en"]);
    for score in scores {
        assert_eq!(score["documents"], 8, "{score}");
        let f1 = score["f1"].as_f64().unwrap();
        assert!(f1 > 0.9 && f1 <= 1.0, "{score}");
    }
}
