use super::*;

fn units(tmx: &str) -> Vec<ReadUnit> {
    let mut reader = TmxReader::new(tmx.as_bytes(), "test", Timestamp(0)).unwrap();
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
    )
    .err()
    .unwrap();
    assert!(matches!(err, TmxError::NotTmx { line: 2, .. }), "{err}");
    let cut = "<tmx><header/><body><tu><tuv xml:lang=\"en\"><seg>Cut";
    let mut reader = TmxReader::new(cut.as_bytes(), "x", Timestamp(0)).unwrap();
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
    let reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0)).unwrap();
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
    let reader = TmxReader::new(empty.as_bytes(), "x", Timestamp(0)).unwrap();
    assert_eq!(reader.header().get("srclang"), Some("*all*"));
    assert_eq!(reader.header().srclang(), None);
}

/// Read every unit, or the first error.
fn read_all(tmx: &str) -> Result<usize, TmxError> {
    let mut reader = TmxReader::new(tmx.as_bytes(), "x", Timestamp(0))?;
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
