use super::*;
use crate::limits::Limits;
use crate::store::{inspect, open_in_memory};

const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="memoQ" creationtoolversion="9" segtype="sentence" o-tmf="memoQ"
          adminlang="en-US" srclang="ru-RU" datatype="plaintext">
    <note>Talks &amp; statements, 2018</note>
    <prop type="x-memoq-tm-name">MFA press</prop>
  </header>
  <body>
    <tu tuid="7" creationdate="20180927T143005Z" creationid="aysel" usagecount="3">
      <prop type="x-client">MFA</prop>
      <note>checked</note>
      <tuv xml:lang="ru-RU"><prop type="x-context-prev">Заголовок.</prop><seg>Президент <bpt i="1">&lt;b&gt;</bpt>прибыл<ept i="1">&lt;/b&gt;</ept> в Баку.</seg></tuv>
      <tuv lang="EN-GB"><seg>The President <hi type="b">arrived</hi> in Baku.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru"><seg>Одна сторона.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru"><seg>Да.</seg></tuv>
      <tuv xml:lang="az"><seg>Bəli.</seg></tuv>
      <tuv xml:lang="en"><seg/></tuv>
    </tu>
  </body>
</tmx>
"#;

#[test]
fn a_cancelled_import_leaves_the_memory_as_it_was() {
    let mut conn = open_in_memory().unwrap();
    import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    let before = crate::store::dump_memory(&conn).unwrap();
    let bigger = SAMPLE.replace("Да.", "Нет.").replace("Bəli.", "Xeyr.");
    let mut tx = Writer::begin(&mut conn).unwrap();
    let mut seen = 0;
    let stop_at_third = |n: u64| {
        seen = n;
        if n == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let result = import_tmx_with_progress(
        &mut tx,
        bigger.as_bytes(),
        "import:b.tmx",
        Timestamp(9),
        DuplicatePolicy::Overwrite,
        &Limits::default(),
        stop_at_third,
    );
    assert!(
        matches!(result, Err(ExchangeError::Cancelled)),
        "{result:?}"
    );
    drop(tx);
    assert_eq!(seen, 3);
    assert_eq!(crate::store::dump_memory(&conn).unwrap(), before);
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
    let table = "ru\ten\nНет.\tNo.\nДа.\tYes.\n";
    let mut tx = Writer::begin(&mut conn).unwrap();
    let result = import_table_with_progress(
        &mut tx,
        table,
        '\t',
        "import:t.tsv",
        Timestamp(9),
        DuplicatePolicy::Keep,
        &Limits::default(),
        |done, total| {
            assert_eq!(total, 2);
            if done == 1 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert!(
        matches!(result, Err(ExchangeError::Cancelled)),
        "{result:?}"
    );
    drop(tx);
    assert_eq!(crate::store::dump_memory(&conn).unwrap(), before);
}

#[test]
fn a_table_export_has_a_column_per_language() {
    let mut conn = open_in_memory().unwrap();
    import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    let mut out = Vec::new();
    let langs = [
        LanguageTag::parse("ru").unwrap(),
        LanguageTag::parse("az").unwrap(),
    ];
    let filter = UnitFilter {
        langs: langs.to_vec(),
        ..UnitFilter::default()
    };
    assert_eq!(export_table(&conn, &filter, &langs, &mut out).unwrap(), 1);
    assert_eq!(String::from_utf8(out).unwrap(), "ru\taz\nДа.\tBəli.\n");
}

fn import(conn: &mut Connection, tmx: &str, policy: DuplicatePolicy) -> ImportReport {
    let mut tx = Writer::begin(conn).unwrap();
    let report = import_tmx(
        &mut tx,
        tmx.as_bytes(),
        "import:a.tmx",
        Timestamp(5),
        policy,
        &Limits::default(),
    )
    .unwrap();
    tx.commit().unwrap();
    report
}

/// Into an empty memory the secondary indexes are built after the rows and the
/// duplicates found in memory; into a non-empty one, through the indexes. Both must
/// give the same memory and report, under every policy.
#[test]
fn an_import_into_an_empty_memory_dedups_as_one_into_a_full_memory() {
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Yes.</seg></tuv><tuv xml:lang="ru"><seg>Да.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да  .</seg></tuv><tuv xml:lang="en"><seg>Yes, sir.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Нет.</seg></tuv><tuv xml:lang="en"><seg>No.</seg></tuv></tu>
</body></tmx>"#;
    let seed = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Совсем другое.</seg></tuv><tuv xml:lang="en"><seg>Else.</seg></tuv></tu>
</body></tmx>"#;
    let texts = |conn: &Connection| -> Vec<(String, String)> {
        let (ru, en) = (
            LanguageTag::parse("ru").unwrap(),
            LanguageTag::parse("en").unwrap(),
        );
        let mut pairs = Vec::new();
        units::for_each::<StoreError>(conn, &UnitFilter::default(), |unit| {
            let text = |lang| unit.variant(lang).map(|v| v.text.clone());
            if let (Some(r), Some(e)) = (text(&ru), text(&en))
                && r != "Совсем другое."
            {
                pairs.push((r, e));
            }
            Ok(())
        })
        .unwrap();
        pairs
    };
    for policy in [
        DuplicatePolicy::Skip,
        DuplicatePolicy::Overwrite,
        DuplicatePolicy::Keep,
    ] {
        let mut empty = open_in_memory().unwrap();
        let deferred = import(&mut empty, tmx, policy);
        let mut full = open_in_memory().unwrap();
        import(&mut full, seed, policy);
        let indexed = import(&mut full, tmx, policy);
        assert_eq!(deferred, indexed, "{policy:?}");
        assert_eq!(texts(&empty), texts(&full), "{policy:?}");
        assert_eq!(crate::store::verify(&empty).unwrap(), Vec::<String>::new());
        assert_eq!(crate::store::verify(&full).unwrap(), Vec::<String>::new());
        let indexes = inspect::index_names(&empty).unwrap();
        for rebuilt in ["variant_exact", "unit_by_changed", "unit_by_origin"] {
            assert!(
                indexes.iter().any(|name| name == rebuilt),
                "{rebuilt} rebuilt after the import ({policy:?})"
            );
        }
    }
    let mut empty = open_in_memory().unwrap();
    let report = import(&mut empty, tmx, DuplicatePolicy::Skip);
    assert_eq!(
        (report.added, report.skipped),
        (3, 2),
        "the repeated unit, in either tuv order, is found without the exact index"
    );
}

/// Token ids are given on the parser thread from the stored vocabulary: words the
/// memory holds keep their token, each new word gets one, and every variant's word ids
/// read back as its words.
#[test]
fn imported_words_take_the_stored_tokens_or_new_ones() {
    let mut conn = open_in_memory().unwrap();
    let first = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Совсем другое.</seg></tuv><tuv xml:lang="en"><seg>Else.</seg></tuv></tu>
</body></tmx>"#;
    import(&mut conn, first, DuplicatePolicy::Skip);
    let tokens = |conn: &Connection| inspect::tokens(conn).unwrap();
    let before = tokens(&conn);
    let second = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Совсем другое.</seg></tuv><tuv xml:lang="en"><seg>Else.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Совсем другое.</seg></tuv><tuv xml:lang="en"><seg>Else.</seg></tuv><tuv xml:lang="az"><seg>Tamamilə başqa.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Совсем ново.</seg></tuv><tuv xml:lang="en"><seg>Else entirely.</seg></tuv></tu>
</body></tmx>"#;
    let report = import(&mut conn, second, DuplicatePolicy::Skip);
    assert_eq!((report.added, report.skipped), (2, 1));
    let after = tokens(&conn);
    assert_eq!(
        after[..before.len()],
        before[..],
        "stored tokens keep their ids"
    );
    let added: Vec<&str> = after[before.len()..]
        .iter()
        .map(|(_, _, w)| w.as_str())
        .collect();
    assert_eq!(added, ["tamamilə", "başqa", "ново", "entirely"]);
    for (lang, text, words) in inspect::variant_words(&conn).unwrap() {
        let lang = LanguageTag::parse(&lang).unwrap();
        let expected = crate::normal::Normalized::new(&lang, &text);
        assert_eq!(words, expected.keys(), "{text}");
    }
    assert_eq!(crate::store::verify(&conn).unwrap(), Vec::<String>::new());
}

#[test]
fn imports_units_with_metadata_markup_and_rejections() {
    let mut conn = open_in_memory().unwrap();
    let report = import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    assert_eq!((report.added, report.skipped, report.merged), (2, 0, 0));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 15, "{:?}", report.rejected);
    assert_eq!(report.header.get("creationtool"), Some("memoQ"));
    let unit = units::get(&conn, crate::tm::UnitId(1)).unwrap().unwrap();
    let ru = &unit.variants[0];
    assert_eq!(ru.lang.as_str(), "ru");
    assert_eq!(ru.text, "Президент прибыл в Баку.", "native code left out");
    assert_eq!(ru.tags, ["bpt", "ept"]);
    assert_eq!(ru.prev_segment.as_deref(), Some("Заголовок."));
    assert_eq!(unit.variants[1].text, "The President arrived in Baku.");
    assert_eq!(unit.meta.created_by.as_deref(), Some("aysel"));
    assert_eq!(unit.meta.use_count, 3);
    assert_eq!(unit.meta.origin, "import:a.tmx");
    assert_eq!(
        unit.meta.created_at,
        Timestamp::parse_tmx("20180927T143005Z").unwrap()
    );
    assert_eq!(unit.meta.props, [("attr:tuid".into(), "7".into())]);
    assert_eq!(unit.meta.client.as_deref(), Some("MFA"));
    let second = units::get(&conn, crate::tm::UnitId(2)).unwrap().unwrap();
    assert_eq!(
        second.variants.len(),
        2,
        "the empty English segment is left out"
    );
}

#[test]
fn duplicates_follow_the_policy() {
    let mut conn = open_in_memory().unwrap();
    import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    let again = import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    assert_eq!((again.added, again.skipped, again.merged), (0, 2, 0));
    let with_note = SAMPLE.replace(
        "<note>checked</note>",
        "<note>checked</note><note>again</note>",
    );
    let merged = import(&mut conn, &with_note, DuplicatePolicy::Skip);
    assert_eq!((merged.added, merged.skipped, merged.merged), (0, 1, 1));
    let unit = units::get(&conn, crate::tm::UnitId(1)).unwrap().unwrap();
    assert_eq!(unit.meta.notes, ["checked", "again"]);
    let changed = SAMPLE.replace("in Baku.</seg>", "to Baku.</seg>");
    let over = import(&mut conn, &changed, DuplicatePolicy::Overwrite);
    assert_eq!((over.added, over.overwritten), (0, 2));
    let kept = import(&mut conn, &changed, DuplicatePolicy::Keep);
    assert_eq!(kept.added, 2);
    assert_eq!(units::stats(&conn).unwrap().units, 4);
}

#[test]
fn overwriting_a_unit_of_the_same_import_leaves_no_stale_index_entries() {
    let tmx = r#"<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes, sir.</seg></tuv></tu>
</body></tmx>"#;
    let mut conn = open_in_memory().unwrap();
    let report = import(&mut conn, tmx, DuplicatePolicy::Overwrite);
    assert_eq!((report.added, report.overwritten), (1, 1));
    assert_eq!(
        inspect::posting_totals(&conn).unwrap(),
        (3, 3),
        "only the second unit's words (да / yes, sir) are posted and counted, though the \
         first unit's postings were still buffered when it was replaced"
    );
    assert_eq!(units::stats(&conn).unwrap().indexed_words, 3);
}

#[test]
fn export_then_import_round_trips() {
    let mut conn = open_in_memory().unwrap();
    import(&mut conn, SAMPLE, DuplicatePolicy::Skip);
    let mut out = Vec::new();
    assert_eq!(
        export_tmx(&conn, &UnitFilter::default(), None, &mut out).unwrap(),
        2
    );
    let exported = String::from_utf8(out).unwrap();
    assert!(
        exported.contains(r#"<bpt i="1">&lt;b&gt;</bpt>"#),
        "{exported}"
    );
    assert!(
        exported.contains(r#"<prop type="x-origin">import:a.tmx</prop>"#),
        "{exported}"
    );
    assert!(exported.contains(r#"tuid="7""#), "{exported}");
    assert!(
        exported.contains(r#"<prop type="x-memoq-tm-name">MFA press</prop>"#)
            && exported.contains("<note>Talks &amp; statements, 2018</note>"),
        "{exported}"
    );
    let mut copy = open_in_memory().unwrap();
    let report = import(&mut copy, &exported, DuplicatePolicy::Skip);
    assert_eq!(report.added, 2);
    assert_eq!(
        report.header.props,
        [("x-memoq-tm-name".into(), "MFA press".into())]
    );
    assert_eq!(report.header.notes, ["Talks & statements, 2018"]);
    let original = memory_header::get(&conn).unwrap();
    assert_eq!(memory_header::get(&copy).unwrap(), original);
    for id in [1, 2] {
        let a = units::get(&conn, crate::tm::UnitId(id)).unwrap();
        let b = units::get(&copy, crate::tm::UnitId(id)).unwrap();
        assert_eq!(a, b, "unit {id} survives export and import unchanged");
    }
}

#[test]
fn a_malformed_file_names_its_line_and_imports_nothing() {
    let mut conn = open_in_memory().unwrap();
    let broken = SAMPLE.replace(
        "<tuv xml:lang=\"az\"><seg>Bəli.</seg></tuv>",
        "<tuv xml:lang=\"az\"><seg>Bəli.</tuv>",
    );
    let mut tx = Writer::begin(&mut conn).unwrap();
    let err = import_tmx(
        &mut tx,
        broken.as_bytes(),
        "x",
        Timestamp(0),
        DuplicatePolicy::Skip,
        &Limits::default(),
    )
    .unwrap_err();
    drop(tx);
    assert!(
        matches!(
            err,
            ExchangeError::Tmx(TmxError::MalformedTmx { line: 20, .. })
        ),
        "{err}"
    );
    assert_eq!(units::stats(&conn).unwrap().units, 0, "rolled back");
}

#[test]
fn entity_declarations_are_refused() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&lol2;</seg></tuv></tu></body></tmx>"#;
    let mut conn = open_in_memory().unwrap();
    let mut tx = Writer::begin(&mut conn).unwrap();
    let err = import_tmx(
        &mut tx,
        bomb.as_bytes(),
        "x",
        Timestamp(0),
        DuplicatePolicy::Skip,
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ExchangeError::Tmx(TmxError::EntityDeclaration { line: 5 })
        ),
        "{err}"
    );
}

#[test]
fn imports_a_table_row_by_row() {
    let mut conn = open_in_memory().unwrap();
    let mut tx = Writer::begin(&mut conn).unwrap();
    let table = "ru\taz\ten\nДа.\tBəli.\tYes.\nНет.\t\t\n\tXeyr.\tNo.\nДа.\tBəli.\tYes.\n";
    let report = import_table(
        &mut tx,
        table,
        '\t',
        "import:t.tsv",
        Timestamp(1),
        DuplicatePolicy::Skip,
        &Limits::default(),
    )
    .unwrap();
    tx.commit().unwrap();
    assert_eq!((report.added, report.skipped), (2, 1));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 3);
    let second = units::get(&conn, crate::tm::UnitId(2)).unwrap().unwrap();
    let langs: Vec<&str> = second.variants.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["az", "en"]);
}
