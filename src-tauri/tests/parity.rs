//! The app and the `dragoman` command are two doors to the same house: the same files
//! imported through the app's commands and through the CLI leave the same memory and
//! the same glossaries, and both list the same term suggestions.
//!
//! The CLI is the built binary, run as a script runs it; the app is `app_builder` on a
//! mock runtime, its commands called as the invoke handler calls them. Each writes its
//! own database file, then both files are read back through the core's façades.

use std::path::{Path, PathBuf};

use dragoman_app::Workspace;
use dragoman_app::commands::memory::{DuplicatePolicy, import_memory};
use dragoman_app::commands::termbase::{
    ConceptPolicy, GlossaryFileChoice, GlossaryFormat, SynonymLayout, TableChoice, create_glossary,
    export_glossary, import_glossary, suggest_memory_terms,
};
use dragoman_app::commands::upload::{FileBody, upload_file};
use dragoman_app::commands::work::start_work;
use dragoman_core::Timestamp;
use dragoman_core::glossary::{Concept, Glossaries};
use dragoman_core::tm::Memory;
use dragoman_core::tm::maintenance::Browse;
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::ipc::Channel;
use tauri::test::MockRuntime;

/// A memory file, a table memory and three glossary files in different formats (the
/// OmegaT one with the languages it needs); the CSV holds a concept giving one term
/// twice, which both doors must leave out.
const MEMORY_FILES: [&str; 2] = ["tests/fixtures/tmx/ntrex.tmx", "samples/forum/memory.tsv"];
const EXTRA_MEMORY: &str = "src-tauri/tests/fixtures/parity-memory.tsv";
const GLOSSARIES: [(&str, &str, GlossaryFormat, &[&str]); 3] = [
    (
        "parity",
        "src-tauri/tests/fixtures/parity-glossary.csv",
        GlossaryFormat::Csv,
        &[],
    ),
    (
        "multiterm",
        "tests/fixtures/tbx/multiterm.tbx",
        GlossaryFormat::Tbx,
        &[],
    ),
    (
        "omegat",
        "tests/fixtures/omegat/glossary.txt",
        GlossaryFormat::Omegat,
        &["ru", "en"],
    ),
];

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The files imported with `dragoman tm import` and `dragoman glossary import`.
fn through_the_cli(db: &Path) -> Vec<serde_json::Value> {
    let db = db.display().to_string();
    let run = |args: &[&str]| {
        let out = dragoman_tests::dragoman(args);
        assert!(
            out.status.success(),
            "dragoman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for path in MEMORY_FILES.into_iter().chain([EXTRA_MEMORY]) {
        let file = repo(path).display().to_string();
        run(&["tm", "--db", &db, "import", &file]);
    }
    for (glossary, path, _, langs) in GLOSSARIES {
        let file = repo(path).display().to_string();
        let langs = langs.join(",");
        let mut args = vec![
            "glossary",
            "--db",
            &db,
            "import",
            &file,
            "--glossary",
            glossary,
        ];
        if !langs.is_empty() {
            args.extend(["--langs", &langs]);
        }
        run(&args);
    }
    let suggested = run(&[
        "glossary", "--db", &db, "--json", "suggest", "--langs", "ru,en", "--top", "100",
    ]);
    suggested
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["terms"].clone())
        .collect()
}

/// The same files through the app's commands, as the Memory and Glossary views send them.
fn through_the_app(db: &Path) -> Vec<serde_json::Value> {
    let app: tauri::App<MockRuntime> =
        dragoman_app::app_builder(tauri::test::mock_builder(), Workspace::at(db.to_path_buf()))
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
    let quiet = || Channel::new(|_| Ok(()));
    for path in MEMORY_FILES.into_iter().chain([EXTRA_MEMORY]) {
        let upload = upload_file(app.state(), FileBody(std::fs::read(repo(path)).unwrap()));
        block_on(import_memory(
            app.state(),
            app.state(),
            app.state(),
            upload,
            file_name(path),
            DuplicatePolicy::Skip,
            start_work(app.state()),
            quiet(),
        ))
        .unwrap();
    }
    for (glossary, path, format, langs) in GLOSSARIES {
        let id = block_on(create_glossary(app.state(), glossary.into(), 0)).unwrap();
        let upload = upload_file(app.state(), FileBody(std::fs::read(repo(path)).unwrap()));
        block_on(import_glossary(
            app.state(),
            app.state(),
            app.state(),
            id,
            upload,
            GlossaryFileChoice {
                name: file_name(path),
                format,
                langs: langs.iter().map(|l| l.to_string()).collect(),
            },
            ConceptPolicy::Merge,
            start_work(app.state()),
            quiet(),
        ))
        .unwrap();
    }
    let suggested = block_on(suggest_memory_terms(
        app.state(),
        vec!["ru".into(), "en".into()],
    ))
    .unwrap();
    suggested
        .into_iter()
        .map(|s| {
            s.terms
                .into_iter()
                .map(|t| (t.lang, serde_json::Value::String(t.text)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        })
        .collect()
}

/// Every unit of the memory at `db` as text, newest first, its times left out: a table
/// gives none, so each door stamps the moment it imported.
fn units(db: &Path) -> Vec<String> {
    let memory = Memory::open(db).unwrap();
    let page = memory
        .browse(&Browse {
            limit: 10_000,
            ..Browse::default()
        })
        .unwrap();
    assert!(page.next.is_none(), "one page holds the whole test memory");
    page.units
        .into_iter()
        .map(|(_, mut unit)| {
            unit.meta.created_at = Timestamp(0);
            unit.meta.changed_at = Timestamp(0);
            format!("{unit:?}")
        })
        .collect()
}

/// The concepts of each glossary at `db`.
fn concepts(db: &Path) -> Vec<(String, Vec<Concept>)> {
    let glossaries = Glossaries::open(db).unwrap();
    GLOSSARIES
        .iter()
        .map(|(name, _, _, _)| {
            let loaded = glossaries.load(&[name.to_string()]).unwrap();
            let concepts = loaded.into_iter().map(|s| s.concept).collect();
            (name.to_string(), concepts)
        })
        .collect()
}

/// The exports both doors make of the same glossaries: TBX v2, an OmegaT glossary, and a
/// table with chosen columns and synonyms in columns of their own. Each is the glossary,
/// the app's format, the languages, and the CLI's options besides them.
const EXPORTS: [(&str, GlossaryFormat, &[&str], &[&str]); 3] = [
    (
        "multiterm",
        GlossaryFormat::Tbx2,
        &[],
        &["--format", "tbx", "--tbx", "2"],
    ),
    (
        "omegat",
        GlossaryFormat::Omegat,
        &["ru", "en"],
        &["--omegat"],
    ),
    (
        "parity",
        GlossaryFormat::Csv,
        &[],
        &[
            "--format",
            "csv",
            "--columns",
            "en,ru,id",
            "--synonyms",
            "columns",
        ],
    ),
];

#[test]
fn the_same_glossaries_export_alike_through_the_cli_and_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let (cli_db, app_db) = (dir.path().join("cli.sqlite"), dir.path().join("app.sqlite"));
    through_the_cli(&cli_db);
    through_the_app(&app_db);
    let app: tauri::App<MockRuntime> =
        dragoman_app::app_builder(tauri::test::mock_builder(), Workspace::at(app_db.clone()))
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
    let listed = Glossaries::open(&app_db).unwrap().list().unwrap();
    for (name, format, langs, options) in EXPORTS {
        let cli_file = dir.path().join(format!("{name}.export"));
        let cli_path = cli_file.display().to_string();
        let db = cli_db.display().to_string();
        let langs_arg = langs.join(",");
        let mut args = vec![
            "glossary",
            "--db",
            &db,
            "export",
            &cli_path,
            "--glossary",
            name,
        ];
        if !langs.is_empty() {
            args.extend(["--langs", &langs_arg]);
        }
        args.extend(options);
        let out = dragoman_tests::dragoman(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id = listed.iter().find(|g| g.name == name).unwrap().id as u32;
        let table = TableChoice {
            columns: (format == GlossaryFormat::Csv)
                .then(|| ["en", "ru", "id"].map(String::from).to_vec()),
            synonyms: if format == GlossaryFormat::Csv {
                SynonymLayout::Columns
            } else {
                SynonymLayout::Joined
            },
        };
        let written = block_on(export_glossary(
            app.state(),
            Some(id),
            format,
            langs.iter().map(|l| l.to_string()).collect(),
            table,
        ))
        .unwrap();
        let cli_bytes = std::fs::read(&cli_file).unwrap();
        assert!(!cli_bytes.is_empty(), "{name}");
        assert_eq!(
            String::from_utf8(cli_bytes).unwrap(),
            std::fs::read_to_string(&written.path).unwrap(),
            "{name} as {format:?}"
        );
    }
}

#[test]
fn the_same_files_through_the_cli_and_the_app_are_stored_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (cli_db, app_db) = (dir.path().join("cli.sqlite"), dir.path().join("app.sqlite"));
    let cli_suggestions = through_the_cli(&cli_db);
    let app_suggestions = through_the_app(&app_db);

    let (cli_units, app_units) = (units(&cli_db), units(&app_db));
    assert!(cli_units.len() >= 20, "{} units", cli_units.len());
    assert_eq!(cli_units, app_units);

    let (cli_concepts, app_concepts) = (concepts(&cli_db), concepts(&app_db));
    assert_eq!(cli_concepts, app_concepts);
    let parity = &cli_concepts[0].1;
    assert_eq!(
        parity.len(),
        2,
        "the concept with a repeated term is left out: {parity:?}"
    );
    assert!(
        !cli_concepts[1].1.is_empty(),
        "the TBX's concepts are stored"
    );
    assert_eq!(
        cli_concepts[2].1.len(),
        4,
        "every line of the OmegaT glossary"
    );

    assert_eq!(cli_suggestions, app_suggestions);
    let shown: Vec<String> = cli_suggestions.iter().map(|s| s.to_string()).collect();
    assert!(
        shown.iter().any(|s| s.contains("межрегиональн")),
        "the forum is suggested: {shown:?}"
    );
    assert!(
        !shown
            .iter()
            .any(|s| s.contains("совместн") || s.contains("стратегическ")),
        "terms the glossaries hold are not suggested again: {shown:?}"
    );
}
