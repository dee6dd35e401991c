use super::*;
use crate::formats::xliff_read::read;

fn en() -> LanguageTag {
    LanguageTag::parse("en").unwrap()
}

fn leverage(score: u8, stored_source: &str) -> Leverage {
    Leverage {
        score,
        stored_source: stored_source.into(),
    }
}

/// `xliff` written back with `fills`, as text.
fn back(xliff: &str, fills: &[Option<Fill>]) -> String {
    let out = write_back(xliff.as_bytes(), fills, &en(), &Limits::default()).unwrap();
    String::from_utf8(out).unwrap()
}

/// `written` with every `(from, to)` of `changes` undone: what must equal the original.
fn undo(written: &str, changes: &[(&str, &str)]) -> String {
    let mut text = written.to_string();
    for (original, new) in changes {
        assert!(text.contains(new), "{new} not in\n{written}");
        text = text.replacen(new, original, 1);
    }
    text
}

/// As Trados writes XLIFF 1.2: a seg-source, codes, a translated segment, an existing
/// target beside, a group marked not to translate.
const TRADOS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
  <file original="statement.docx" source-language="ru-RU" target-language="en-US" datatype="x-docx">
    <body>
      <trans-unit id="tu-a1" sdl:extra="kept">
        <source>Переговоры прошли <g id="1">в Баку</g>. Стороны<x id="2"/> договорились.</source>
        <seg-source><mrk mtype="seg" mid="1">Переговоры прошли <g id="1">в Баку</g>.</mrk> <mrk mtype="seg" mid="2">Стороны<x id="2"/> договорились.</mrk></seg-source>
      </trans-unit>
      <trans-unit id="tu-a2">
        <source>Спасибо.</source>
        <target state="needs-review-translation">Thanks.</target>
      </trans-unit>
      <group id="g" translate="no">
        <trans-unit id="tu-a3"><source>МИД</source></trans-unit>
      </group>
      <trans-unit id="tu-a4" xml:space="preserve">
        <source>Визит	<bpt id="5">&lt;b&gt;</bpt>продлится<ept id="5">&lt;/b&gt;</ept>.</source>
        <target/>
      </trans-unit>
    </body>
  </file>
</xliff>"#;

#[test]
fn trados_1_2_gets_marked_targets_states_and_alt_trans_and_nothing_else_changes() {
    let file = read(TRADOS.as_bytes(), &Limits::default()).unwrap();
    let ids: Vec<&str> = file.segments.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["tu-a1/1", "tu-a1/2", "tu-a2", "tu-a4"],
        "tu-a3 is in a group not to translate"
    );
    assert_eq!(
        file.segments[3].source, "Визит\t\u{E000}продлится\u{E400}.",
        "bpt/ept pair up"
    );
    let exact = leverage(100, "Переговоры прошли в Баку.");
    let fuzzy = leverage(87, "Стороны быстро договорились.");
    let fills = [
        Some(Fill {
            target: "The talks were held \u{E000}in Baku\u{E400}.",
            leverage: Some(&exact),
        }),
        Some(Fill {
            target: "The sides agreed.\u{E800}",
            leverage: Some(&fuzzy),
        }),
        None,
        Some(Fill {
            target: "The visit\t\u{E000}will last\u{E400}.",
            leverage: None,
        }),
    ];
    let written = back(TRADOS, &fills);
    let target_1 = r#"
        <target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">The talks were held <g id="1">in Baku</g>.</mrk> <mrk mtype="seg" mid="2">The sides agreed.<x id="2"/></mrk></target>"#;
    let alt_1 = r#"
        <alt-trans mid="1" match-quality="100" origin="Dragoman"><source>Переговоры прошли в Баку.</source><target>The talks were held in Baku.</target></alt-trans>
        <alt-trans mid="2" match-quality="87" origin="Dragoman"><source>Стороны быстро договорились.</source><target>The sides agreed.</target></alt-trans>"#;
    assert!(written.contains(&format!("{target_1}{alt_1}")), "{written}");
    assert!(
        written.contains(r#"<target state="translated">The visit	<bpt id="5">&lt;b&gt;</bpt>will last<ept id="5">&lt;/b&gt;</ept>.</target>"#),
        "{written}"
    );
    let original = undo(
        &written,
        &[
            ("", &format!("{target_1}{alt_1}")),
            (
                "<target/>",
                r#"<target state="translated">The visit	<bpt id="5">&lt;b&gt;</bpt>will last<ept id="5">&lt;/b&gt;</ept>.</target>"#,
            ),
        ],
    );
    assert_eq!(original, TRADOS, "every other byte as it was");
    // Read again, the targets are the fills, codes and all.
    let again = read(written.as_bytes(), &Limits::default()).unwrap();
    let targets: Vec<Option<&str>> = again.segments.iter().map(|s| s.target.as_deref()).collect();
    assert_eq!(
        targets,
        [
            Some(fills[0].unwrap().target),
            Some(fills[1].unwrap().target),
            Some("Thanks."),
            Some(fills[3].unwrap().target),
        ]
    );
}

/// As Okapi writes XLIFF 2.0: codes of every kind, a target already there, a segment
/// without id, no target language.
const OKAPI_2: &str = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:okp="okapi-framework:xliff-extensions" version="2.0" srcLang="ru-RU">
 <file id="f1" original="a.html">
  <group id="g1">
   <unit id="tu1" okp:x="y">
    <originalData><data id="d1">&lt;br/></data></originalData>
    <segment id="s1">
     <source>Президент <pc id="1">прибыл</pc> в Баку.<ph id="2" dataRef="d1"/></source>
    </segment>
    <ignorable><source> </source></ignorable>
    <segment id="s2" state="initial">
     <source><sc id="3"/>Визит<ec startRef="3"/> продлится два дня.</source>
     <target>The visit will last two days.</target>
    </segment>
   </unit>
  </group>
  <unit id="tu2"><segment><source>Спасибо.</source></segment></unit>
 </file>
</xliff>"#;

#[test]
fn okapi_2_0_gets_targets_states_and_matches_and_nothing_else_changes() {
    let file = read(OKAPI_2.as_bytes(), &Limits::default()).unwrap();
    let sources: Vec<&str> = file.segments.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "Президент \u{E000}прибыл\u{E400} в Баку.\u{E801}",
            "\u{E000}Визит\u{E400} продлится два дня.",
            "Спасибо."
        ],
        "sc/ec pair up"
    );
    let fuzzy = leverage(91, "Президент прибыл в Гянджу.");
    let context = leverage(101, "Спасибо.");
    let fills = [
        Some(Fill {
            target: "The President \u{E000}arrived\u{E400} in Baku.\u{E801}",
            leverage: Some(&fuzzy),
        }),
        Some(Fill {
            target: "The visit will last two days.",
            leverage: None,
        }),
        Some(Fill {
            target: "Thank you.",
            leverage: Some(&context),
        }),
    ];
    let written = back(OKAPI_2, &fills);
    let changes = [
        (r#"srcLang="ru-RU">"#, r#"srcLang="ru-RU" trgLang="en">"#),
        (
            r#"<unit id="tu1" okp:x="y">"#,
            r##"<unit id="tu1" okp:x="y">
     <mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:match ref="#s1" type="tm" subType="dragoman:tm" similarity="91" matchQuality="91" origin="Dragoman"><source>Президент прибыл в Гянджу.</source><target>The President arrived in Baku.</target></mtc:match></mtc:matches>"##,
        ),
        (
            r#"<segment id="s1">"#,
            r#"<segment id="s1" state="initial" subState="dragoman:91">"#,
        ),
        (
            r#"<ph id="2" dataRef="d1"/></source>"#,
            r#"<ph id="2" dataRef="d1"/></source>
     <target>The President <pc id="1">arrived</pc> in Baku.<ph id="2" dataRef="d1"/></target>"#,
        ),
        (
            "<segment><source>Спасибо.</source></segment>",
            r#"<segment state="translated" subState="dragoman:101"><source>Спасибо.</source><target>Thank you.</target></segment>"#,
        ),
    ];
    assert_eq!(undo(&written, &changes), OKAPI_2, "{written}");
    assert!(
        !written.contains("ref=\"#tu2"),
        "a segment without id has no match to point at it"
    );
}

#[test]
fn nothing_filled_writes_the_same_bytes_in_the_same_encoding() {
    for xliff in [TRADOS, OKAPI_2] {
        assert_eq!(back(xliff, &[]), xliff);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(xliff.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            write_back(&utf16, &[], &en(), &Limits::default()).unwrap(),
            utf16
        );
    }
    let fill = Fill {
        target: "Thank you.",
        leverage: None,
    };
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(OKAPI_2.encode_utf16().flat_map(u16::to_be_bytes));
    let out = write_back(&utf16, &[None, None, Some(fill)], &en(), &Limits::default()).unwrap();
    assert_eq!(&out[..2], [0xFE, 0xFF], "UTF-16 stays UTF-16");
    let file = read(&out, &Limits::default()).unwrap();
    assert_eq!(file.segments[2].target.as_deref(), Some("Thank you."));
}

#[test]
fn a_target_whose_codes_cannot_be_written_is_refused_naming_its_segment() {
    let cases = [
        ("Thanks \u{E805}.", "code 6 is not in its source"),
        (
            "\u{E800}The talks\u{E400}",
            "paired in one and not the other",
        ),
    ];
    for (target, message) in cases {
        let fill = Fill {
            target,
            leverage: None,
        };
        let e = write_back(TRADOS.as_bytes(), &[Some(fill)], &en(), &Limits::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 7") && e.contains("\"tu-a1/1\"") && e.contains(message),
            "{e}"
        );
    }
    // g in 1.2 must close where it opened: a close before its open is no XML.
    let fill = Fill {
        target: "\u{E400}in Baku\u{E000}",
        leverage: None,
    };
    let e = write_back(TRADOS.as_bytes(), &[Some(fill)], &en(), &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("cross"), "{e}");
    let e = write_back(
        TRADOS
            .replace("version=\"1.2\"", "version=\"3.0\"")
            .as_bytes(),
        &[],
        &en(),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, XliffError::UnknownVersion(v) if v == "3.0"),
        "{e}"
    );
}

#[test]
fn start_tags_lose_and_gain_attributes_keeping_the_rest_as_written() {
    assert_eq!(
        start_tag(
            r#"<target  xml:lang='en-US' state="new" sdl:x="a>b"/>"#,
            &["state"],
            &[("state", "translated".into())]
        ),
        r#"<target  xml:lang='en-US' sdl:x="a>b" state="translated">"#
    );
    assert_eq!(start_tag("<target>", &[], &[]), "<target>");
}

#[test]
fn a_translators_unsegmented_target_and_a_translate_no_group_are_left_alone() {
    let xliff = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="ru" target-language="en" datatype="plaintext"><body>
    <trans-unit id="1">
      <source>Да. Нет.</source>
      <seg-source><mrk mtype="seg" mid="a">Да.</mrk> <mrk mtype="seg" mid="b">Нет.</mrk></seg-source>
      <target>Yes. No.</target>
    </trans-unit>
  </body></file>
</xliff>"#;
    let file = read(xliff.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(file.segments.len(), 2);
    let fill = Fill {
        target: "Yes.",
        leverage: None,
    };
    assert_eq!(
        back(xliff, &[Some(fill), Some(fill)]),
        xliff,
        "the text is the translator's"
    );
    let grouped = xliff
        .replace(
            r#"<trans-unit id="1">"#,
            r#"<group translate="no"><trans-unit id="1">"#,
        )
        .replace("</trans-unit>", "</trans-unit></group>");
    assert!(
        read(grouped.as_bytes(), &Limits::default())
            .unwrap()
            .segments
            .is_empty()
    );
    assert_eq!(back(&grouped, &[Some(fill)]), grouped);
}
