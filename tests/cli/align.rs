use std::collections::BTreeSet;

use dragoman_tests::{fixtures, json_lines, repo_root, run};
use serde_json::Value;

use crate::scratch;

fn fixture(lang: &str) -> String {
    fixtures()
        .join(format!("ntrex/{lang}.txt"))
        .display()
        .to_string()
}

/// The 0-based physical lines a bead side covers.
fn lines_of(side: &Value, text: &str) -> BTreeSet<usize> {
    if side.is_null() {
        return BTreeSet::new();
    }
    let (start, end) = (
        side["start"].as_u64().unwrap() as usize,
        side["end"].as_u64().unwrap() as usize,
    );
    let first = text[..start].matches('\n').count();
    let last = text[..end].matches('\n').count();
    (first..=last).collect()
}

#[test]
fn jsonl_sides_are_byte_spans_of_the_files_in_order() {
    let (ru, en) = (fixture("ru"), fixture("en"));
    let out = run(&["align", "--format", "jsonl", "--presegmented", &ru, &en]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let texts = [
        std::fs::read_to_string(&ru).unwrap(),
        std::fs::read_to_string(&en).unwrap(),
    ];
    let mut next = [0usize; 2];
    for bead in json_lines(&out.stdout) {
        let sides = bead["sides"].as_array().unwrap();
        assert_eq!(sides.len(), 2);
        let score = bead["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "score {score}");
        for (k, side) in sides.iter().enumerate() {
            if side.is_null() {
                continue;
            }
            let (s, e) = (
                side["start"].as_u64().unwrap() as usize,
                side["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s >= next[k] && s < e,
                "side {k} in order and non-empty: {side}"
            );
            assert_eq!(&texts[k][s..e], side["text"].as_str().unwrap());
            next[k] = e;
        }
    }
    for (k, text) in texts.iter().enumerate() {
        assert_eq!(
            next[k],
            text.trim_end().len(),
            "file {k} covered to its end"
        );
    }
    assert!(
        out.stderr.contains("ru.txt: ru (detected)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("en.txt: en (detected)"),
        "{}",
        out.stderr
    );
}

/// Drop lines from one side and check every remaining line links to its translation.
#[test]
fn realigns_row_parallel_text_with_omissions() {
    let dir = scratch("omissions");
    let ru = std::fs::read_to_string(fixture("ru")).unwrap();
    let en = std::fs::read_to_string(fixture("en")).unwrap();
    let dropped = [4usize, 20, 21];
    let kept: Vec<usize> = (0..en.lines().count())
        .filter(|i| !dropped.contains(i))
        .collect();
    let en_cut: String = kept
        .iter()
        .map(|&i| format!("{}\n", en.lines().nth(i).unwrap()))
        .collect();
    std::fs::write(dir.join("en.txt"), &en_cut).unwrap();
    let en_path = dir.join("en.txt").display().to_string();
    let out = run(&[
        "align",
        "--langs",
        "ru,en",
        "--presegmented",
        &fixture("ru"),
        &en_path,
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mut links = BTreeSet::new();
    for bead in json_lines(&out.stdout) {
        for r in lines_of(&bead["sides"][0], &ru) {
            for e in lines_of(&bead["sides"][1], &en_cut) {
                links.insert((r, kept[e]));
            }
        }
    }
    let gold: BTreeSet<(usize, usize)> = kept
        .iter()
        .filter(|&&i| !en.lines().nth(i).unwrap().is_empty())
        .map(|&i| (i, i))
        .collect();
    let wrong: Vec<_> = links.difference(&gold).collect();
    let missed: Vec<_> = gold.difference(&links).collect();
    assert!(
        wrong.is_empty() && missed.is_empty(),
        "wrong links {wrong:?}, missed {missed:?}"
    );
}

#[test]
fn three_files_align_into_three_sided_beads() {
    let out = run(&[
        "align",
        "--presegmented",
        &fixture("ru"),
        &fixture("az"),
        &fixture("en"),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let beads = json_lines(&out.stdout);
    assert!(
        beads
            .iter()
            .all(|b| b["sides"].as_array().unwrap().len() == 3)
    );
    let full = beads
        .iter()
        .filter(|b| b["sides"].as_array().unwrap().iter().all(|s| !s.is_null()));
    assert_eq!(
        full.count(),
        36,
        "the fixture is row-parallel: every row is a 1-1-1 bead"
    );
    assert!(
        out.stderr.contains("az.txt: az (detected)"),
        "{}",
        out.stderr
    );
}

#[test]
fn tsv_has_a_header_and_a_column_per_file() {
    let out = run(&[
        "align",
        "--format",
        "tsv",
        "--presegmented",
        &fixture("ru"),
        &fixture("en"),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(rows[0], "ru\ten");
    assert!(rows.iter().all(|r| r.split('\t').count() == 2));
    assert_eq!(rows.len(), 37);
}

#[test]
fn tmx_output_is_well_formed_with_a_unit_per_bead() {
    let sample = repo_root().join("samples/forum");
    let files: Vec<String> = ["ru", "az", "en"]
        .iter()
        .map(|l| sample.join(format!("{l}.txt")).display().to_string())
        .collect();
    let out = run(&["align", "--format", "tmx", &files[0], &files[1], &files[2]]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mut reader = quick_xml::Reader::from_str(&out.stdout);
    let (mut units, mut variants) = (0, 0);
    loop {
        match reader.read_event().expect("well-formed TMX") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"tu" => units += 1,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"tuv" => variants += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        units >= 7,
        "the sample has at least 7 sentences a language: {units}"
    );
    assert!(
        variants >= 3 * units - 2,
        "nearly all units trilingual: {variants} of {units}"
    );
}

#[test]
fn utf16_and_bom_files_report_offsets_into_their_utf8_text() {
    let dir = scratch("encodings");
    let ru = std::fs::read_to_string(fixture("ru")).unwrap();
    let en = std::fs::read_to_string(fixture("en")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ru.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(en.as_bytes());
    std::fs::write(dir.join("ru16.txt"), utf16).unwrap();
    std::fs::write(dir.join("en-bom.txt"), bom).unwrap();
    let (a, b) = (
        dir.join("ru16.txt").display().to_string(),
        dir.join("en-bom.txt").display().to_string(),
    );
    let out = run(&["align", "--presegmented", &a, &b]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let beads = json_lines(&out.stdout);
    assert_eq!(beads.len(), 36);
    for bead in &beads {
        for (side, text) in bead["sides"].as_array().unwrap().iter().zip([&ru, &en]) {
            let (s, e) = (
                side["start"].as_u64().unwrap() as usize,
                side["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], side["text"].as_str().unwrap());
        }
    }
    assert!(
        out.stderr.contains("ru16.txt: ru (detected)"),
        "{}",
        out.stderr
    );
}

#[test]
fn glossaries_from_files_and_the_database_anchor_the_alignment() {
    let dir = scratch("align_glossary");
    let sample = repo_root().join("samples/forum");
    let files: Vec<String> = ["ru", "az", "en"]
        .iter()
        .map(|l| sample.join(format!("{l}.txt")).display().to_string())
        .collect();
    let glossary = repo_root()
        .join("glossary/diplomatic.csv")
        .display()
        .to_string();
    let db = dir.join("dragoman.sqlite").display().to_string();
    let imported = run(&[
        "glossary",
        "--db",
        &db,
        "import",
        &repo_root()
            .join("glossary/countries.csv")
            .display()
            .to_string(),
    ]);
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    let out = run(&[
        "align",
        "--glossary",
        &glossary,
        "--db",
        &db,
        &files[0],
        &files[1],
        &files[2],
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let beads = json_lines(&out.stdout);
    assert_eq!(beads.len(), 12, "the sample's 12 segments, one bead each");
    assert!(
        beads
            .iter()
            .all(|b| b["sides"].as_array().unwrap().iter().all(|s| !s.is_null()))
    );
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "id,subject\n1,x\n").unwrap();
    let out = run(&[
        "align",
        "--glossary",
        bad.to_str().unwrap(),
        &files[0],
        &files[2],
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("bad.csv: the header names no language column"),
        "{}",
        out.stderr
    );
}

/// A minimal DOCX holding `paragraphs`, one `w:p` each.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn reads_docx_and_html_and_detects_their_languages() {
    let dir = scratch("docx_html");
    let ru = dir.join("ru.docx");
    std::fs::write(
        &ru,
        docx(&[
            "Межрегиональный форум",
            "Форум открылся в Баку. Делегаты подписали 14 соглашений.",
        ]),
    )
    .unwrap();
    let en = dir.join("en.html");
    std::fs::write(
        &en,
        "<html><head><title>x</title></head><body><h1>Inter-regional forum</h1>\
         <p>The forum opened in Baku.\n The delegates signed 14 agreements.</p></body></html>",
    )
    .unwrap();
    let out = run(&["align", ru.to_str().unwrap(), en.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("ru.docx: ru (detected)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("en.html: en (detected)"),
        "{}",
        out.stderr
    );
    let pairs: Vec<(String, String)> = json_lines(&out.stdout)
        .iter()
        .map(|b| {
            let side = |k: usize| b["sides"][k]["text"].as_str().unwrap_or("").to_string();
            (side(0), side(1))
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("Межрегиональный форум", "Inter-regional forum"),
            ("Форум открылся в Баку.", "The forum opened in Baku."),
            (
                "Делегаты подписали 14 соглашений.",
                "The delegates signed 14 agreements."
            ),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
        "paragraphs and sentences of both formats, one bead each"
    );
}

#[test]
fn asks_for_the_language_it_cannot_tell() {
    let dir = scratch("unknown_language");
    let de = dir.join("de.txt");
    std::fs::write(&de, "Die Straße ist schön und groß.").unwrap();
    let en = fixture("en");
    let out = run(&["align", de.to_str().unwrap(), &en]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("de.txt: cannot tell") && out.stderr.contains("--langs"),
        "{}",
        out.stderr
    );
    let out = run(&["align", "--langs", "en,en", de.to_str().unwrap(), &en]);
    assert_eq!(out.code, Some(0), "--langs overrides: {}", out.stderr);
}
