use dragoman_tests::{json_lines, repo_root, run};

use crate::{answers_to_stdin, scratch};

fn starter(name: &str) -> String {
    repo_root()
        .join("glossary")
        .join(name)
        .display()
        .to_string()
}

/// A database with the starter glossaries imported.
fn database(test: &str) -> String {
    let db = scratch(test).join("dragoman.sqlite").display().to_string();
    for file in ["diplomatic.csv", "countries.csv"] {
        let out = run(&["glossary", "--db", &db, "import", &starter(file)]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    db
}

#[test]
fn finds_inflected_terms_for_each_line_of_stdin() {
    let db = database("glossary_find");
    let lines = answers_to_stdin(
        &["glossary", "find", "--db", &db, "--lang", "ru", "--json"],
        "Делегаты межрегионального форума прибыли в Баку.\nНичего.\nПосол США.\n",
    );
    assert_eq!(lines.len(), 3, "one answer per line");
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let first = &lines[0]["matches"][0];
    assert_eq!(first["concept"], "dip-001");
    assert_eq!(first["lang"], "ru");
    assert_eq!(first["term"], "межрегиональный форум");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(17), Some(62))
    );
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert_eq!(first["text"], "межрегионального форума");
    assert_eq!(
        first["translations"]["az"][0]["text"],
        "regionlararası forum"
    );
    assert_eq!(lines[1]["matches"].as_array().unwrap().len(), 0);
    let concepts: Vec<&str> = lines[2]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["concept"].as_str().unwrap())
        .collect();
    assert_eq!(
        concepts,
        ["dip-019", "US"],
        "ambassador, and the US by its abbreviation"
    );
}

#[test]
fn a_split_term_names_the_words_inside_it() {
    let db = database("glossary_find_split");
    let text = "Участники межрегионального российско-азербайджанского форума прибыли.";
    let out = run(&["glossary", "find", "--db", &db, "--lang", "ru", text]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with(
            "межрегионального российско-азербайджанского форума\t[dip-001] \
             (split by: российско-азербайджанского)\t"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn every_shipped_glossary_file_imports_with_the_same_concepts() {
    let dir = scratch("glossary_shipped");
    let mut shipped: Vec<_> = std::fs::read_dir(repo_root().join("glossary"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    shipped.sort();
    assert_eq!(
        shipped.len(),
        6,
        "csv, tsv and tbx of two glossaries: {shipped:?}"
    );
    let mut sizes = std::collections::BTreeMap::new();
    for (i, file) in shipped.iter().enumerate() {
        let db = dir.join(format!("{i}.sqlite")).display().to_string();
        let out = run(&[
            "glossary",
            "--db",
            &db,
            "--json",
            "import",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.code, Some(0), "{}: {}", file.display(), out.stderr);
        let report = &json_lines(&out.stdout)[0]["report"];
        assert_eq!(report["updated"], 0, "{}: duplicate ids", file.display());
        assert_eq!(
            report["rejected"],
            serde_json::json!([]),
            "{}",
            file.display()
        );
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        sizes
            .entry(stem)
            .or_insert_with(Vec::new)
            .push(report["added"].as_u64().unwrap());
    }
    assert_eq!(sizes["diplomatic"], [329, 329, 329], "csv, tbx, tsv agree");
    assert_eq!(sizes["countries"], [259, 259, 259], "csv, tbx, tsv agree");
}

#[test]
fn a_malformed_file_is_refused_whole_naming_its_line() {
    let dir = scratch("glossary_malformed");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "id,en,ru\n1,forum,форум\n2,treaty,договор,extra\n").unwrap();
    let out = run(&["glossary", "--db", &db, "import", bad.to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("bad.csv: line 3: 4 fields where the header has 3"),
        "{}",
        out.stderr
    );
    let list = run(&["glossary", "--db", &db, "list"]);
    assert_eq!(list.stdout, "", "nothing was imported");
}

/// A row shorter than the header (a spreadsheet leaves its empty cells at the end out)
/// is read with them empty and named, not a reason to refuse the file.
#[test]
fn a_short_row_is_read_and_named_with_its_line() {
    let dir = scratch("glossary_short_row");
    let db = dir.join("dragoman.sqlite").display().to_string();
    let short = dir.join("short.csv");
    std::fs::write(&short, "id,en,ru,note\n1,forum,форум,x\n2,treaty\n").unwrap();
    let file = short.to_str().unwrap();
    let out = run(&["glossary", "--db", &db, "import", file]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("short.csv: line 3 has fewer cells than the header"),
        "{}",
        out.stdout
    );
    let db2 = dir.join("json.sqlite").display().to_string();
    let out = run(&["glossary", "--db", &db2, "--json", "import", file]);
    let report = &json_lines(&out.stdout)[0]["report"];
    assert_eq!(
        (&report["added"], &report["short_rows"]),
        (&serde_json::json!(2), &serde_json::json!([3]))
    );
}

#[test]
fn exports_read_back_in_every_format() {
    let db = database("glossary_export");
    let dir = scratch("glossary_export_files");
    for ext in ["csv", "tsv", "xlsx", "tbx"] {
        let file = dir.join(format!("diplomatic.{ext}")).display().to_string();
        let out = run(&[
            "glossary",
            "--db",
            &db,
            "export",
            &file,
            "--glossary",
            "diplomatic",
        ]);
        assert_eq!(out.code, Some(0), "{ext}: {}", out.stderr);
        let fresh = dir.join(format!("{ext}.sqlite")).display().to_string();
        let out = run(&["glossary", "--db", &fresh, "--json", "import", &file]);
        assert_eq!(out.code, Some(0), "{ext}: {}", out.stderr);
        assert_eq!(json_lines(&out.stdout)[0]["report"]["added"], 329, "{ext}");
    }
    // --format overrides the extension.
    let file = dir.join("diplomatic.out").display().to_string();
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "export",
        &file,
        "--format",
        "tbx",
        "--glossary",
        "diplomatic",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("<conceptEntry")
    );
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "export",
        &dir.join("x.doc").display().to_string(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--format"), "{}", out.stderr);
}

#[test]
fn qa_checks_files_line_by_line() {
    let db = database("qa_files");
    let dir = scratch("qa_files_texts");
    let (src, tgt) = (dir.join("src.txt"), dir.join("tgt.txt"));
    std::fs::write(
        &src,
        "Министр провёл переговоры.\nПодписано 14 соглашений.\n",
    )
    .unwrap();
    std::fs::write(
        &tgt,
        "The minister held talks.\nThe sides signed 15 agreements.\n",
    )
    .unwrap();
    let (src, tgt) = (src.display().to_string(), tgt.display().to_string());
    let out = run(&[
        "qa", "--db", &db, "--json", "--src", "ru", "--tgt", "en", &src, &tgt,
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let issues = json_lines(&out.stdout);
    assert_eq!(issues.len(), 1, "{}", out.stdout);
    assert_eq!(issues[0]["line"], 2);
    assert_eq!(issues[0]["kind"], "numbers");
    let text = run(&["qa", "--db", &db, "--src", "ru", "--tgt", "en", &src, &tgt]);
    assert!(text.stdout.starts_with("2: numbers:"), "{}", text.stdout);
    let short = dir.join("short.txt");
    std::fs::write(&short, "One line.\n").unwrap();
    let out = run(&[
        "qa",
        "--db",
        &db,
        "--src",
        "ru",
        "--tgt",
        "en",
        &src,
        short.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("short.txt: 1 lines but"),
        "{}",
        out.stderr
    );
}

#[test]
fn qa_reports_missing_terms_and_numbers() {
    let db = database("glossary_qa");
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "--json",
        "qa",
        "--src",
        "en",
        "--tgt",
        "ru",
        "The inter-regional forum signed 14 agreements.",
        "Конференция подписала 15 соглашений.",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let kinds: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["missing-term", "numbers"]);
}

#[test]
fn an_added_concept_is_found_by_its_custom_stem() {
    let db = scratch("glossary_add")
        .join("dragoman.sqlite")
        .display()
        .to_string();
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "add",
        "--glossary",
        "mine",
        "--term",
        "ru=договор|",
        "--term",
        "en=treaty",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = run(&[
        "glossary",
        "--db",
        &db,
        "--json",
        "find",
        "--lang",
        "ru",
        "Договорённости подписаны.",
    ]);
    let hits = json_lines(&out.stdout);
    let concept = hits[0]["matches"][0]["concept"]
        .as_str()
        .unwrap_or_default();
    assert!(
        concept.starts_with("c-") && concept.len() == 18,
        "a made id, not the term: {}",
        out.stdout
    );
    let bad = run(&[
        "glossary",
        "--db",
        &db,
        "add",
        "--glossary",
        "mine",
        "--term",
        "ru",
    ]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("write LANG=TEXT"), "{}", bad.stderr);
    // A control character from a paste is refused with its place, shown escaped, and
    // the glossary keeps only the treaty: no TBX export could carry it.
    let pasted = run(&[
        "glossary",
        "--db",
        &db,
        "add",
        "--glossary",
        "mine",
        "--term",
        "en=memorandum",
        "--term",
        "ru=меморан\u{1b}[2Jдум",
    ]);
    assert_eq!(pasted.code, Some(2));
    assert!(
        pasted
            .stderr
            .contains("term 2: U+001B at character 8 is a control character"),
        "{}",
        pasted.stderr
    );
    assert!(!pasted.stderr.contains('\u{1b}'), "{:?}", pasted.stderr);
    let listed = run(&["glossary", "--db", &db, "--json", "list"]);
    let mine = json_lines(&listed.stdout)
        .into_iter()
        .find(|g| g["name"] == "mine")
        .unwrap();
    assert_eq!(mine["concepts"], 1, "{}", listed.stdout);
}
