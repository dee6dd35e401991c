use dragoman_tests::{fixtures, run};

use crate::scratch;

/// Align `bad` against a good English file and check the error names `bad`.
fn refuses(test: &str, bad: &[u8], expect: &str) {
    let dir = scratch(test);
    let path = dir.join("bad.txt");
    std::fs::write(&path, bad).unwrap();
    let good = fixtures().join("ntrex/en.txt");
    let out = run(&["align", path.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.code, Some(2), "exit code for {test}: {}", out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("dragoman:"))
        .collect();
    assert_eq!(lines.len(), 1, "one error line: {}", out.stderr);
    assert!(lines[0].contains("bad.txt"), "names the file: {}", lines[0]);
    assert!(lines[0].contains(expect), "says {expect:?}: {}", lines[0]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no output on error: {}", out.stdout);
}

#[test]
fn empty_file() {
    refuses("empty_file", b"", "empty");
}

#[test]
fn binary_file() {
    refuses(
        "binary_file",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary",
        "binary",
    );
}

#[test]
fn invalid_utf8() {
    refuses(
        "invalid_utf8",
        b"Hello.\nPr\xe9sident \xe0 Bakou.\n",
        "invalid UTF-8 at line 2",
    );
}

#[test]
fn one_line_of_five_megabytes() {
    let line = "Переговоры. ".repeat(5 * 1024 * 1024 / 22);
    refuses(
        "one_long_line",
        line.as_bytes(),
        "line 1: a segment, line or other piece of text is longer than 1048576 bytes (the segment-bytes limit; raise it with --max segment-bytes=N)",
    );
}

#[test]
fn missing_file() {
    let good = fixtures().join("ntrex/en.txt");
    let out = run(&["align", "no/such/file.txt", good.to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("no/such/file.txt"), "{}", out.stderr);
    assert!(out.stderr.contains("No such file"), "{}", out.stderr);
}

#[test]
fn langs_count_differs_from_files() {
    let ru = fixtures().join("ntrex/ru.txt");
    let en = fixtures().join("ntrex/en.txt");
    let out = run(&[
        "align",
        "--langs",
        "ru,az,en",
        ru.to_str().unwrap(),
        en.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--langs names 3 languages"),
        "{}",
        out.stderr
    );
}

#[test]
fn langs_contradict_the_text() {
    let ru = fixtures().join("ntrex/ru.txt");
    let en = fixtures().join("ntrex/en.txt");
    let out = run(&[
        "align",
        "--langs",
        "en,ru",
        ru.to_str().unwrap(),
        en.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("ntrex/ru.txt: --langs says en"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Cyrillic"), "{}", out.stderr);
}

#[test]
fn malformed_language_tag() {
    let ru = fixtures().join("ntrex/ru.txt");
    let en = fixtures().join("ntrex/en.txt");
    let out = run(&[
        "align",
        "--langs",
        "ru,e",
        ru.to_str().unwrap(),
        en.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("not a language tag: \"e\""),
        "{}",
        out.stderr
    );
}

#[test]
fn a_side_with_no_segments_gives_one_sided_beads() {
    let dir = scratch("blank_side");
    let blank = dir.join("blank.txt");
    std::fs::write(&blank, "\n\n  \n").unwrap();
    let en = fixtures().join("ntrex/en.txt");
    let out = run(&[
        "align",
        "--langs",
        "ru,en",
        "--presegmented",
        blank.to_str().unwrap(),
        en.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let beads = dragoman_tests::json_lines(&out.stdout);
    assert_eq!(beads.len(), 36, "one bead per English line");
    assert!(
        beads
            .iter()
            .all(|b| b["sides"][0].is_null() && b["sides"][1].is_object())
    );
}

/// Align a bad file named `name` against a good English file and check the one error line.
fn refuses_named(test: &str, name: &str, bad: &[u8], expect: &str) {
    let dir = scratch(test);
    let path = dir.join(name);
    std::fs::write(&path, bad).unwrap();
    let good = fixtures().join("ntrex/en.txt");
    let out = run(&["align", path.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.code, Some(2), "exit code for {test}: {}", out.stderr);
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with("dragoman:"))
        .unwrap_or("");
    assert!(
        line.contains(name) && line.contains(expect),
        "says {name}: {expect:?}: {}",
        out.stderr
    );
}

#[test]
fn docx_that_is_not_a_zip() {
    refuses_named(
        "docx_not_zip",
        "ru.docx",
        b"just text",
        "not a readable DOCX",
    );
}

#[test]
fn html_left_open() {
    refuses_named(
        "html_open",
        "ru.html",
        "<p>Баку</p>\n<script>let a = 1;".as_bytes(),
        "line 2: malformed HTML: <script> never closed",
    );
}
