use super::*;
use crate::formats::xliff::{self, BilingualDocument, BilingualSegment, Leverage, XliffVersion};
use crate::limits::Limit;

fn read(bytes: &[u8]) -> Result<XliffFile, XliffError> {
    super::read(bytes, &Limits::default())
}

/// Read `xliff` within `limits`: the work done, or the first error; a segment with
/// more codes than markers can number is read to its end before it is refused.
fn work_within(xliff: &str, limits: &Limits) -> Result<u64, XliffError> {
    let mut parser = Parser::new(xliff, limits);
    match parser.file() {
        Ok(_) | Err(XliffError::TooManyCodes { .. }) => Ok(parser.checks.work()),
        Err(e) => Err(e),
    }
}

/// An XLIFF 1.2 file whose one source nests `n` `<g>` elements, on one line.
fn nested(n: usize) -> String {
    format!(
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body><trans-unit id=\"1\"><source>{}Talks.{}</source></trans-unit></body></file></xliff>",
        "<g id=\"g\">".repeat(n),
        "</g>".repeat(n)
    )
}

/// Issue 19, finding 5: 100,000 nested `<g>` took seconds; they are refused at the
/// depth limit, and read in linear work when it is raised.
#[test]
fn nesting_beyond_the_depth_limit_is_refused_and_read_linearly_within_it() {
    let e = read(nested(100_000).as_bytes()).unwrap_err();
    assert!(
        matches!(&e, XliffError::Limit { line: 1, exceeded } if exceeded.limit == Limit::Depth),
        "{e}"
    );
    let raised = Limits::default().with(Limit::Depth, 1 << 20);
    let small = work_within(&nested(10_000), &raised).unwrap();
    let large = work_within(&nested(40_000), &raised).unwrap();
    assert!(large <= 5 * small, "{small} → {large}");
    let e = super::read(nested(10_000).as_bytes(), &raised).unwrap_err();
    assert!(
        matches!(&e, XliffError::TooManyCodes { id, .. } if id == "1"),
        "{e}"
    );
    let file = super::read(nested(1_000).as_bytes(), &raised).unwrap();
    let source = &file.segments[0].source;
    assert_eq!(crate::inline::strip(source), "Talks.");
    assert_eq!(
        crate::inline::marks(source).len(),
        2_000,
        "a pair of markers per <g>"
    );
    assert_eq!(file.segments[0].codes.len(), 1_000);
}

/// Issue 19, finding 9 (part): a minified file, all on one line longer than the old
/// 1 MiB line limit, is read; what is limited is the text of a segment.
#[test]
fn a_minified_file_is_read_and_a_segment_beyond_the_limit_refused() {
    let unit = |i: usize, text: &str| {
        format!("<trans-unit id=\"{i}\"><source>{text}</source></trans-unit>")
    };
    let units: String = (0..30_000)
        .map(|i| unit(i, "Переговоры прошли в Баку."))
        .collect();
    let xliff = format!(
        "<xliff version=\"1.2\"><file source-language=\"ru\" target-language=\"en\"><body>{units}</body></file></xliff>"
    );
    assert!(xliff.len() > 1 << 20 && !xliff.contains('\n'));
    assert_eq!(read(xliff.as_bytes()).unwrap().segments.len(), 30_000);
    let limits = Limits::default().with(Limit::SegmentBytes, 100);
    let long = format!(
        "<xliff version=\"1.2\"><file source-language=\"ru\"><body>{}</body></file></xliff>",
        unit(1, &"<g>Баку</g> ".repeat(20))
    );
    let e = super::read(long.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, XliffError::Limit { exceeded, .. } if exceeded.limit == Limit::SegmentBytes),
        "{e}"
    );
}

fn tag(t: &str) -> LanguageTag {
    LanguageTag::parse(t).unwrap()
}

fn pairs(file: &XliffFile) -> Vec<(&str, &str, Option<&str>)> {
    file.segments
        .iter()
        .map(|s| (s.id.as_str(), s.source.as_str(), s.target.as_deref()))
        .collect()
}

#[test]
fn reads_back_what_dragoman_writes_in_both_versions() {
    let doc = BilingualDocument {
        original: "press.txt".into(),
        src: tag("ru"),
        tgt: tag("en"),
        segments: vec![
            BilingualSegment {
                source: "Переговоры <b>прошли</b> в Баку & Гяндже.".into(),
                target: Some("Talks <b>were held</b> in Baku & Ganja.".into()),
                leverage: Some(Leverage {
                    score: 87,
                    stored_source: "Переговоры прошли в Баку.".into(),
                }),
            },
            BilingualSegment {
                source: "Стороны обсудили повестку.".into(),
                target: None,
                leverage: None,
            },
        ],
    };
    for version in [XliffVersion::V2_1, XliffVersion::V1_2] {
        let mut out = Vec::new();
        xliff::write(&mut out, &doc, version).unwrap();
        let file = read(&out).unwrap();
        assert_eq!(file.src, tag("ru"));
        assert_eq!(file.tgt, Some(tag("en")));
        let read: Vec<(String, Option<String>)> = file
            .segments
            .into_iter()
            .map(|s| (s.source, s.target))
            .collect();
        let written: Vec<(String, Option<String>)> = doc
            .segments
            .iter()
            .map(|s| (s.source.clone(), s.target.clone()))
            .collect();
        assert_eq!(
            read, written,
            "{version:?}: the fuzzy match's alt-trans is no segment"
        );
    }
}

#[test]
fn takes_trados_style_marked_segments_with_their_codes_as_markers() {
    let xlf = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="statement.docx" source-language="en-US" target-language="az-Latn-AZ" datatype="x-docx">
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>The talks were <g id="1">constructive</g>. Both sides agreed.</source>
          <seg-source><mrk mtype="seg" mid="1">The talks were <g id="1">constructive</g>.</mrk> <mrk mtype="seg" mid="2">Both sides<x id="2"/> agreed.</mrk></seg-source>
          <target><mrk mtype="seg" mid="1">Danışıqlar <g id="1">konstruktiv</g> keçdi.</mrk> <mrk mtype="seg" mid="2"></mrk></target>
        </trans-unit>
      </group>
      <trans-unit id="2" translate="no"><source>© MFA</source></trans-unit>
      <trans-unit id="3"><source>Press <ph id="1">&lt;br/&gt;</ph>release</source></trans-unit>
    </body>
  </file>
</xliff>"#;
    let file = read(xlf.as_bytes()).unwrap();
    assert_eq!(file.version, "1.2");
    assert_eq!(
        (file.src.as_str(), file.tgt.as_ref().map(|t| t.as_str())),
        ("en", Some("az"))
    );
    assert_eq!(
        pairs(&file),
        [
            (
                "1/1",
                "The talks were \u{E000}constructive\u{E400}.",
                Some("Danışıqlar \u{E000}konstruktiv\u{E400} keçdi.")
            ),
            ("1/2", "Both sides\u{E800} agreed.", None),
            ("3", "Press \u{E800}release", None),
        ]
    );
    let codes = |i: usize| -> Vec<(&str, Option<&str>)> {
        file.segments[i]
            .codes
            .iter()
            .map(|c| (c.open.as_str(), c.close.as_deref()))
            .collect()
    };
    assert_eq!(codes(0), [(r#"<g id="1">"#, Some("</g>"))]);
    assert_eq!(
        codes(1),
        [(r#"<x id="2"/>"#, None)],
        "numbered in its segment"
    );
    assert_eq!(
        codes(2),
        [(r#"<ph id="1">&lt;br/&gt;</ph>"#, None)],
        "as written"
    );
    let units: Vec<u32> = file.segments.iter().map(|s| s.unit).collect();
    assert_eq!(units, [0, 0, 2], "one trans-unit's segments share it");
}

#[test]
fn takes_xliff_2_segments_with_paired_codes_as_markers_and_code_points() {
    let xlf = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
  <file id="f1">
    <group id="g">
      <unit id="u1">
        <segment id="s1" state="translated"><source>Президент <pc id="1">прибыл</pc>.</source><target>The President <pc id="1">arrived</pc>.</target></segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2"><source>Визит<ph id="2"/> продлится<cp hex="00A0"/>два дня.</source></segment>
      </unit>
    </group>
    <unit id="u2" translate="no"><segment><source>Не переводить</source></segment></unit>
    <unit id="u3"><segment><source>Спасибо.</source><target>  </target></segment></unit>
  </file>
</xliff>"#;
    let file = read(xlf.as_bytes()).unwrap();
    assert_eq!(
        pairs(&file),
        [
            (
                "u1/s1",
                "Президент \u{E000}прибыл\u{E400}.",
                Some("The President \u{E000}arrived\u{E400}.")
            ),
            ("u1/s2", "Визит\u{E800} продлится\u{A0}два дня.", None),
            ("u3", "Спасибо.", None),
        ]
    );
}

#[test]
fn reads_utf16_with_a_bom() {
    let xlf = r#"<xliff version="2.1" srcLang="az" trgLang="ru"><file id="f"><unit id="u"><segment><source>Bəyanat.</source></segment></unit></file></xliff>"#;
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xlf.encode_utf16().flat_map(u16::to_le_bytes));
    let file = read(&bytes).unwrap();
    assert_eq!(pairs(&file), [("u", "Bəyanat.", None)]);
}

#[test]
fn bad_files_are_refused_with_their_line() {
    let unclosed = "<xliff version=\"2.1\" srcLang=\"en\">\n<file id=\"f\">\n<unit id=\"u\"><segment><source>Hi</segment>\n</unit></file></xliff>";
    match read(unclosed.as_bytes()) {
        Err(XliffError::Malformed { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    let entities =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<xliff version=\"1.2\"/>";
    assert!(matches!(
        read(entities.as_bytes()),
        Err(XliffError::EntityDeclaration { line: 2 })
    ));
    assert!(matches!(
        read(b"<tmx version=\"1.4\"/>"),
        Err(XliffError::NotXliff(_))
    ));
    assert!(matches!(
        read(b"<xliff version=\"2.1\"><file id=\"f\"/></xliff>"),
        Err(XliffError::NotXliff(_))
    ));
    assert!(matches!(
        read(b"<xliff version=\"2.1\" srcLang=\"??\"/>"),
        Err(XliffError::BadLanguage { line: 1, .. })
    ));
}

#[test]
fn content_after_the_root_or_a_cut_root_refuses_the_whole_file() {
    let head = "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"ru\">";
    let unit =
        "<file id=\"f\"><unit id=\"u\"><segment><source>Yes.</source></segment></unit></file>";
    let cases = [
        (
            format!("{head}{unit}</xliff>\n{unit}"),
            "line 3: malformed XLIFF: <file> after </xliff>",
        ),
        (
            format!("{head}{unit}</xliff>\n{head}{unit}</xliff>"),
            // The second root's XML declaration takes line 3.
            "line 4: malformed XLIFF: <xliff> after </xliff>",
        ),
        (
            format!("{head}{unit}</xliff>\nstray"),
            "line 3: malformed XLIFF: text after </xliff>",
        ),
        (
            format!("{head}{unit}\n"),
            "line 3: malformed XLIFF: the file ends before </xliff>",
        ),
    ];
    for (xliff, expected) in cases {
        let err = read(xliff.as_bytes()).expect_err(&xliff).to_string();
        assert!(err.starts_with(expected), "{err}\n{xliff}");
    }
    let clean = format!("{head}{unit}</xliff>\n<!-- done -->\n");
    assert_eq!(read(clean.as_bytes()).unwrap().segments.len(), 1);
}
