use super::*;
use crate::limits::Limit;

fn units(tmx: &str) -> Vec<ReadUnit> {
    let mut reader =
        TmxReader::new(tmx.as_bytes(), "test", Timestamp(0), &Limits::default()).unwrap();
    let mut out = Vec::new();
    while let Some(unit) = reader.next_unit().unwrap() {
        out.push(unit);
    }
    out
}

fn body(tus: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>\n{tus}\n</body></tmx>"
    )
}

#[test]
fn inline_codes_are_left_out_of_the_text_but_kept_in_the_markup() {
    let read = units(&body(
        "<tu><tuv xml:lang=\"en\"><seg>Press <ph x=\"1\">&lt;br/&gt;</ph><it pos=\"begin\">{b}</it>now<ut>{/b}</ut> <hi type=\"i\">here</hi><![CDATA[ & there]]></seg></tuv>\
         <tuv lang=\"ru\"><seg>Нажмите <bpt i=\"1\">{a<sub>ссылка</sub>}</bpt>здесь<ept i=\"1\">{/a}</ept></seg></tuv></tu>",
    ));
    let unit = read[0].unit.as_ref().unwrap();
    let (en, ru) = (&unit.variants[0], &unit.variants[1]);
    assert_eq!(en.text, "Press now here & there");
    assert_eq!(en.tags, ["ph", "it", "ut", "hi"]);
    assert!(
        en.markup
            .as_deref()
            .unwrap()
            .starts_with("Press <ph x=\"1\">&lt;br/&gt;</ph>")
    );
    assert_eq!(ru.lang.as_str(), "ru", "legacy lang attribute");
    assert_eq!(
        ru.text, "Нажмите здесь",
        "sub inside native code is not segment text"
    );
    assert_eq!(ru.tags, ["bpt", "sub", "ept"]);
}

#[test]
fn units_the_memory_cannot_hold_are_rejected_with_their_line() {
    let read = units(&body(
        "<tu><tuv xml:lang=\"en\"><seg>One.</seg></tuv><tuv xml:lang=\"en-GB\"><seg>One!</seg></tuv></tu>\n\
         <tu><tuv><seg>No language.</seg></tuv><tuv xml:lang=\"ru\"><seg>Да.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Bold <b>text</b></seg></tuv><tuv xml:lang=\"ru\"><seg>Да.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"ру\"><seg>Yes.</seg></tuv><tuv xml:lang=\"ru\"><seg>Да.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv><tuv xml:lang=\"ru\"><seg>Да.</seg></tuv></tu>",
    ));
    let outcome: Vec<(usize, Result<usize, &str>)> = read
        .iter()
        .map(|r| {
            (
                r.line,
                r.unit
                    .as_ref()
                    .map(|u| u.variants.len())
                    .map_err(String::as_str),
            )
        })
        .collect();
    assert_eq!(
        outcome,
        [
            (3, Err("two variants in en")),
            (4, Err("a <tuv> without xml:lang")),
            (5, Err("<b> is not allowed in <seg>")),
            (
                6,
                Err("not a language tag: \"ру\" (expected e.g. ru, az, en, az-Cyrl)")
            ),
            (7, Ok(2)),
        ]
    );
}

#[test]
fn other_xml_is_not_tmx() {
    let err = TmxReader::new(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"/>".as_bytes(),
        "x",
        Timestamp(0),
        &Limits::default(),
    )
    .err()
    .unwrap();
    assert!(matches!(err, TmxError::NotTmx { line: 2, .. }), "{err}");
    let cut = "<tmx><header/><body><tu><tuv xml:lang=\"en\"><seg>Cut";
    let mut reader = TmxReader::new(cut.as_bytes(), "x", Timestamp(0), &Limits::default()).unwrap();
    assert!(matches!(
        reader.next_unit(),
        Err(TmxError::MalformedTmx { .. })
    ));
}

#[test]
fn a_doctype_naming_the_dtd_is_read_and_never_fetched() {
    let tmx = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\">\n\
               <tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv>\
               <tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu></body></tmx>";
    let read = units(tmx);
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].unit.as_ref().unwrap().variants[1].text, "Bəli.");
}

#[test]
fn header_props_and_notes_are_kept_in_order() {
    let tmx = "<tmx version=\"1.4\"><header srclang=\"en\">\
               <note>From &lt;memoQ&gt;</note><prop type=\"x-client\">MFA</prop>\
               <ude name=\"MacRoman\"><map unicode=\"#xF8FF\" code=\"#xF0\"/></ude>\
               <prop type=\"x-domain\">diplomacy</prop></header><body/></tmx>";
    let reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0), &Limits::default()).unwrap();
    let header = reader.header();
    assert_eq!(
        header.props,
        [
            ("x-client".into(), "MFA".into()),
            ("x-domain".into(), "diplomacy".into())
        ]
    );
    assert_eq!(header.notes, ["From <memoQ>"]);
    assert_eq!(header.get("srclang"), Some("en"));
}

#[test]
fn header_attributes_are_kept_and_all_means_no_source_language() {
    let empty = body("");
    let reader = TmxReader::new(empty.as_bytes(), "x", Timestamp(0), &Limits::default()).unwrap();
    assert_eq!(reader.header().get("srclang"), Some("*all*"));
    assert_eq!(reader.header().srclang(), None);
}

/// Read every unit, or the first error.
fn read_all(tmx: &str) -> Result<usize, TmxError> {
    let mut reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0), &Limits::default())?;
    let mut n = 0;
    while reader.next_unit()?.is_some() {
        n += 1;
    }
    Ok(n)
}

#[test]
fn content_after_the_body_or_the_root_refuses_the_whole_file() {
    let tu = "<tu><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>";
    let head = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/>";
    let cases = [
        (
            format!("{head}<body>{tu}</body></tmx>\n{tu}\n"),
            "line 3: malformed TMX: <tu> after </tmx>",
        ),
        (
            format!("{head}<body>{tu}</body>\n<body>{tu}</body></tmx>"),
            "line 3: malformed TMX: <body> after </body>",
        ),
        (
            format!("{head}<body>{tu}</body></tmx>\n\n<tmx><header/><body>{tu}</body></tmx>"),
            "line 4: malformed TMX: <tmx> after </tmx>",
        ),
        (
            format!("{head}<body>{tu}</body></tmx>\nstray"),
            "line 3: malformed TMX: text after </tmx>",
        ),
        (
            format!("{head}<body>{tu}</body>"),
            "line 2: malformed TMX: the file ends before </tmx>",
        ),
    ];
    for (tmx, expected) in cases {
        let err = read_all(&tmx).expect_err(&tmx).to_string();
        assert!(err.starts_with(expected), "{err}\n{tmx}");
    }
    let clean = format!("{head}<body>{tu}</body></tmx>\n<!-- exported -->\n");
    assert_eq!(
        read_all(&clean).unwrap(),
        1,
        "comments and white space may follow"
    );
}

#[test]
fn characters_xml_cannot_carry_refuse_the_file_with_their_line() {
    for seg in ["a\u{1}b", "a&#1;b", "a&#x1F;b", "<![CDATA[\u{8}]]>"] {
        let tmx = body(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv>\n<tuv xml:lang=\"az\"><seg>{seg}</seg></tuv></tu>"
        ));
        let err = read_all(&tmx).expect_err(seg).to_string();
        assert!(
            err.starts_with("line 4: malformed TMX: U+00"),
            "{seg}: {err}"
        );
    }
    let attribute = body("<tu tuid=\"&#2;\"><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv></tu>");
    let err = read_all(&attribute).unwrap_err().to_string();
    assert!(
        err.contains("U+0002 is a character XML 1.0 does not allow"),
        "{err}"
    );
    let allowed = body(
        "<tu><tuv xml:lang=\"en\"><seg>a\tb&#xD;c</seg></tuv><tuv xml:lang=\"az\"><seg>d</seg></tuv></tu>",
    );
    assert_eq!(
        read_all(&allowed).unwrap(),
        1,
        "tab and carriage return are XML"
    );
}

/// Read every unit within `limits`: the work done, or the first error.
fn work_within(tmx: &str, limits: &Limits) -> Result<u64, TmxError> {
    let mut reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0), limits)?;
    while reader.next_unit()?.is_some() {}
    Ok(reader.work())
}

/// A unit whose `<tu>` has `n` attributes.
fn with_attributes(n: usize) -> String {
    let attributes: String = (0..n).map(|i| format!(" x-a{i}=\"v\"")).collect();
    body(&format!(
        "<tu{attributes}><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>"
    ))
}

/// A unit whose English segment nests `n` `<hi>` elements.
fn nested(n: usize) -> String {
    body(&format!(
        "<tu><tuv xml:lang=\"en\"><seg>{}Yes.{}</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>",
        "<hi>".repeat(n),
        "</hi>".repeat(n)
    ))
}

/// Issue 19, finding 5: 200,000 attributes on one `<tu>` took 52 s (quick-xml compares
/// each attribute with every one before it). Their tag alone is longer than a segment
/// may be, which stops it before the parser has buffered it; fewer attributes, but more
/// than the limit, are refused by their number; within raised limits they are read in
/// linear work.
#[test]
fn attributes_beyond_the_limit_are_refused_and_read_linearly_within_it() {
    let e = work_within(&with_attributes(200_000), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, TmxError::Limit { line: 3, exceeded } if exceeded.limit == Limit::SegmentBytes),
        "{e}"
    );
    let e = work_within(&with_attributes(300), &Limits::default()).unwrap_err();
    assert!(
        matches!(
            e,
            TmxError::Limit {
                line: 3,
                exceeded: Exceeded {
                    limit: Limit::Attributes,
                    max: 256
                }
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string().ends_with("raise it with --max attributes=N)"),
        "{e}"
    );
    let raised = Limits::default()
        .with(Limit::Attributes, 1 << 20)
        .with(Limit::SegmentBytes, 1 << 30);
    let small = work_within(&with_attributes(10_000), &raised).unwrap();
    let large = work_within(&with_attributes(40_000), &raised).unwrap();
    assert!(large <= 5 * small, "{small} → {large}");
}

/// Issue 19, finding 5: 100,000 nested `<hi>` took seconds (each event scanned the
/// open elements). They are refused at the depth limit, and read in linear work when
/// it is raised.
#[test]
fn nesting_beyond_the_depth_limit_is_refused_and_read_linearly_within_it() {
    let e = work_within(&nested(100_000), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, TmxError::Limit { exceeded, .. } if exceeded.limit == Limit::Depth),
        "{e}"
    );
    let raised = Limits::default().with(Limit::Depth, 1 << 20);
    let small = work_within(&nested(10_000), &raised).unwrap();
    let large = work_within(&nested(40_000), &raised).unwrap();
    assert!(large <= 5 * small, "{small} → {large}");
    let tmx = nested(10_000);
    let mut reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0), &raised).unwrap();
    let unit = reader.next_unit().unwrap().unwrap().unit.unwrap();
    assert_eq!(unit.variants[0].text, "Yes.");
    assert_eq!(unit.variants[0].tags.len(), 10_000);
}

/// Issue 19, finding 5: one segment of 100 MB was imported (2.6 GB of memory). A
/// segment beyond the limit is refused, whether its text is one run or many.
#[test]
fn a_segment_beyond_the_segment_limit_is_refused() {
    let limits = Limits::default().with(Limit::SegmentBytes, 1000);
    let unit = |seg: &str| {
        body(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>"
        ))
    };
    for seg in [
        "a".repeat(1001),
        "a<ph/>".repeat(200),
        "<hi>a</hi>".repeat(101),
    ] {
        let e = work_within(&unit(&seg), &limits).unwrap_err();
        assert!(
            matches!(&e, TmxError::Limit { line: 3, exceeded } if exceeded.limit == Limit::SegmentBytes),
            "{e}"
        );
    }
    assert!(work_within(&unit(&"a".repeat(1000)), &limits).is_ok());
    let note = body(&format!(
        "<tu><note>{}</note><tuv xml:lang=\"en\"><seg>Yes.</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>",
        "n<!---->".repeat(1001)
    ));
    assert!(matches!(
        work_within(&note, &limits),
        Err(TmxError::Limit { .. })
    ));
}

/// Reading grows linearly with the number of units too.
#[test]
fn reading_grows_linearly_with_the_units() {
    let units = |n: usize| {
        body(
            &"<tu tuid=\"1\" creationid=\"a\"><prop type=\"x-client\">MFA</prop><tuv xml:lang=\"en\"><seg>Yes <hi>now</hi>.</seg></tuv><tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv></tu>\n"
                .repeat(n),
        )
    };
    let small = work_within(&units(1_000), &Limits::default()).unwrap();
    let large = work_within(&units(4_000), &Limits::default()).unwrap();
    assert!(large <= 5 * small, "{small} → {large}");
}
