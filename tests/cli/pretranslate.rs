use dragoman_tests::{repo_root, run};

use crate::scratch;

/// A memory made by approving the aligned sample press release (ru, en).
fn memory(dir: &std::path::Path) -> String {
    let db = dir.join("dragoman.sqlite").display().to_string();
    let sample = repo_root().join("samples/forum");
    let (ru, en) = (
        sample.join("ru.txt").display().to_string(),
        sample.join("en.txt").display().to_string(),
    );
    let aligned = run(&["align", "--format", "jsonl", &ru, &en]);
    assert_eq!(aligned.code, Some(0), "{}", aligned.stderr);
    let beads = dir.join("beads.jsonl");
    std::fs::write(&beads, aligned.stdout).unwrap();
    let out = run(&[
        "tm",
        "--db",
        &db,
        "import",
        beads.to_str().unwrap(),
        "--files",
        &ru,
        &en,
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    db
}

/// A new Russian text: three sentences of the sample (the second between the same
/// neighbours as in the sample), one with a changed number, one new sentence.
const NEW_TEXT: &str = "Баку, 27 сентября 2026 г. Сегодня в Баку при участии правительственных \
делегаций двух стран открылся X Российско-Азербайджанский межрегиональный форум.\n\n\
В работе форума приняли участие более 600 представителей 40 регионов России и \
Азербайджана, деловых объединений и университетов. Погода была солнечной.\n\n\
По итогам форума стороны подписали 15 соглашений на сумму более 3 млрд долл. США.\n";

#[test]
fn fills_segments_from_the_memory_and_writes_xliff() {
    let dir = scratch("pretranslate");
    let db = memory(&dir);
    let source = dir.join("new.txt");
    std::fs::write(&source, NEW_TEXT).unwrap();
    for (file, version) in [("out.xlf", "2.1"), ("out12.xlf", "1.2")] {
        let out_path = dir.join(file).display().to_string();
        let out = run(&[
            "pretranslate",
            source.to_str().unwrap(),
            "--src",
            "ru",
            "--tgt",
            "en",
            "--db",
            &db,
            "--out",
            &out_path,
            "--xliff",
            version,
            "--json",
        ]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let summary: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
        assert_eq!(summary["segments"], 5);
        assert_eq!(
            summary["context"], 1,
            "the second sentence has both its neighbours: {summary}"
        );
        assert_eq!(summary["exact"], 2, "{summary}");
        assert_eq!(summary["fuzzy"], 1, "the changed number: {summary}");
        assert_eq!(summary["empty"], 1, "{summary}");
        let xml = std::fs::read_to_string(&out_path).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut targets = Vec::new();
        let mut in_target = false;
        loop {
            match reader.read_event().expect("well-formed XLIFF") {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"target" => {
                    in_target = true
                }
                quick_xml::events::Event::Text(t) if in_target => {
                    targets.push(t.unescape().unwrap().into_owned());
                    in_target = false;
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert!(
            targets.iter().any(|t| t == "Baku, 27 September 2026."),
            "{version}: {targets:?}"
        );
        assert!(
            targets.iter().any(|t| t.contains("14 agreements")),
            "the fuzzy match's target: {targets:?}"
        );
    }
}

#[test]
fn writes_the_target_text_keeping_paragraphs() {
    let dir = scratch("pretranslate_txt");
    let db = memory(&dir);
    let source = dir.join("new.txt");
    std::fs::write(&source, NEW_TEXT).unwrap();
    let out_path = dir.join("out.txt");
    let out = run(&[
        "pretranslate",
        source.to_str().unwrap(),
        "--src",
        "ru",
        "--tgt",
        "en",
        "--db",
        &db,
        "--out",
        out_path.to_str().unwrap(),
        "--min",
        "100",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = std::fs::read_to_string(&out_path).unwrap();
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{text}");
    assert!(
        paragraphs[0].starts_with("Baku, 27 September 2026. The Tenth"),
        "{text}"
    );
    assert!(
        paragraphs[2].contains("15 соглашений"),
        "below --min stays in the source: {text}"
    );
}

#[test]
fn fills_an_xliff_from_another_tool_keeping_its_targets() {
    let dir = scratch("pretranslate_xliff_in");
    let db = memory(&dir);
    // As Trados writes 1.2: segments marked in a seg-source, one already translated, the
    // languages in the file, an inline code in the source.
    let xlf = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="new.docx" source-language="ru-RU" target-language="en-US" datatype="x-docx">
    <body>
      <trans-unit id="7">
        <source>Баку, 27 сентября 2026 г. Погода была <g id="1">солнечной</g>.</source>
        <seg-source><mrk mtype="seg" mid="1">Баку, 27 сентября 2026 г.</mrk> <mrk mtype="seg" mid="2">Погода была <g id="1">солнечной</g>.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1"></mrk> <mrk mtype="seg" mid="2">The weather was sunny.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>"#;
    let source = dir.join("new.sdlxliff");
    std::fs::write(&source, xlf).unwrap();
    let out_path = dir.join("out.txt");
    let out = run(&[
        "pretranslate",
        source.to_str().unwrap(),
        "--db",
        &db,
        "--out",
        out_path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let summary: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(
        (summary["segments"].as_u64(), summary["kept"].as_u64()),
        (Some(2), Some(1))
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        ["Baku, 27 September 2026. The weather was sunny."],
        "the empty target filled from the memory, the translated one kept, one unit one paragraph"
    );
    let broken = dir.join("broken.xlf");
    std::fs::write(&broken, xlf.replace("</seg-source>", "")).unwrap();
    let out = run(&[
        "pretranslate",
        broken.to_str().unwrap(),
        "--db",
        &db,
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_ne!(out.code, Some(0));
    assert!(
        out.stderr.contains("broken.xlf") && out.stderr.contains("line"),
        "{}",
        out.stderr
    );
}

#[test]
fn writes_an_html_source_back_as_html_in_the_target_language() {
    let dir = scratch("pretranslate_html");
    let db = memory(&dir);
    let source = dir.join("new.html");
    let paragraphs: Vec<String> = NEW_TEXT
        .trim_end()
        .split("\n\n")
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head><script>var a = '<p>Баку</p>';</script></head>\n<body>\n{}</body>\n</html>\n",
        paragraphs.concat()
    );
    std::fs::write(&source, &page).unwrap();
    let pretranslate = |out: &str| {
        run(&[
            "pretranslate",
            source.to_str().unwrap(),
            "--src",
            "ru",
            "--tgt",
            "en",
            "--db",
            &db,
            "--out",
            out,
            "--min",
            "100",
        ])
    };
    let out_path = dir.join("out.html");
    let out = pretranslate(out_path.to_str().unwrap());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("<p>Baku, 27 September 2026. The Tenth"),
        "{html}"
    );
    assert!(
        html.contains("15 соглашений"),
        "below --min stays in the source: {html}"
    );
    assert!(
        html.contains("<script>var a = '<p>Баку</p>';</script>"),
        "{html}"
    );

    let docx = dir.join("out.docx");
    let out = pretranslate(docx.to_str().unwrap());
    assert_ne!(out.code, Some(0));
    assert!(
        out.stderr
            .contains("a .docx is written only from a .docx source"),
        "{}",
        out.stderr
    );
    assert!(!docx.exists());
}

#[test]
fn cuts_the_source_by_imported_srx_rules() {
    let dir = scratch("pretranslate_srx");
    // Segment counts do not depend on the memory's content.
    let db = memory(&dir);
    let source = dir.join("notes.txt");
    std::fs::write(&source, "Первое. Второе. Третье; четвёртое.\n").unwrap();
    let rules = dir.join("semicolon.srx");
    std::fs::write(
        &rules,
        "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body><languagerules>\
         <languagerule languagerulename=\"s\"><rule break=\"yes\"><beforebreak>;</beforebreak>\
         <afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules>\
         <languagemap languagepattern=\".*\" languagerulename=\"s\"/></maprules></body></srx>",
    )
    .unwrap();
    let out_path = dir.join("notes.xlf").display().to_string();
    let segments = |srx: Option<&str>| {
        let mut args = vec![
            "pretranslate",
            source.to_str().unwrap(),
            "--src",
            "ru",
            "--tgt",
            "en",
            "--db",
            &db,
            "--out",
            &out_path,
            "--json",
        ];
        args.extend(srx.map(|s| ["--srx", s]).into_iter().flatten());
        let out = run(&args);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let summary: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        summary["segments"].as_u64().unwrap()
    };
    assert_eq!(
        segments(None),
        3,
        "the built-in rules cut at each full stop"
    );
    let _ = std::fs::remove_file(&out_path);
    assert_eq!(
        segments(Some(rules.to_str().unwrap())),
        2,
        "only at the semicolon"
    );

    let bad = dir.join("bad.srx");
    std::fs::write(&bad, "<srx><body>").unwrap();
    let out = run(&[
        "pretranslate",
        source.to_str().unwrap(),
        "--src",
        "ru",
        "--tgt",
        "en",
        "--db",
        &db,
        "--out",
        dir.join("bad.xlf").to_str().unwrap(),
        "--srx",
        bad.to_str().unwrap(),
    ]);
    assert_ne!(out.code, Some(0));
    assert!(out.stderr.contains("bad.srx"), "{}", out.stderr);
    assert!(!dir.join("bad.xlf").exists(), "nothing written");
}
