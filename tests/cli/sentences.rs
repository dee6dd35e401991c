//! Memory units of several sentences matched sentence by sentence, and a segment of
//! several sentences matched by units joined, on the eight NTREX-128 articles of
//! `crates/core/tests/fixtures/ntrex` (CC BY-SA 4.0, attribution in its README.md).

use dragoman_tests::{json_lines, repo_root, run};

use crate::scratch;

/// The fixture's file of each language.
const FILES: [(&str, &str); 3] = [("ru", "rus.tsv"), ("en", "eng.tsv"), ("az", "aze.tsv")];

/// Each article of the fixture in `lang`: its rows, in order.
fn articles(lang: &str) -> Vec<Vec<String>> {
    let file = FILES.iter().find(|(l, _)| *l == lang).unwrap().1;
    let path = repo_root()
        .join("crates/core/tests/fixtures/ntrex")
        .join(file);
    let tsv = std::fs::read_to_string(path).unwrap();
    let mut articles: Vec<(String, Vec<String>)> = Vec::new();
    for line in tsv.lines().skip(1) {
        let mut cols = line.splitn(3, '\t');
        let (doc, _, text) = (cols.next().unwrap(), cols.next(), cols.next().unwrap());
        match articles.last_mut() {
            Some((id, rows)) if id == doc => rows.push(text.to_string()),
            _ => articles.push((doc.to_string(), vec![text.to_string()])),
        }
    }
    articles.into_iter().map(|(_, rows)| rows).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A TMX of the fixture's articles in Russian, English and Azerbaijani, as a news
/// translator keeps them: the headline on its own, then every other unit holds two
/// consecutive rows.
fn tmx_two_rows_in_every_other_unit() -> String {
    let langs = FILES.map(|(l, _)| l);
    let texts: Vec<Vec<Vec<String>>> = langs.iter().map(|l| articles(l)).collect();
    let mut body = String::new();
    for (article, rows) in texts[0].iter().enumerate() {
        // The headline is a unit of its own, as it stands on its own line.
        let mut k = 0;
        let mut two = false;
        while k < rows.len() {
            let take = if two && k + 1 < rows.len() { 2 } else { 1 };
            body.push_str("<tu>");
            for (l, lang) in langs.iter().enumerate() {
                let seg = texts[l][article][k..k + take].join(" ");
                body.push_str(&format!(
                    "<tuv xml:lang=\"{lang}\"><seg>{}</seg></tuv>",
                    escape(&seg)
                ));
            }
            body.push_str("</tu>\n");
            k += take;
            two = !two;
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header \
         creationtool=\"test\" creationtoolversion=\"1\" segtype=\"sentence\" \
         o-tmf=\"test\" adminlang=\"en\" srclang=\"ru\" datatype=\"plaintext\"/>\
         <body>\n{body}</body></tmx>\n"
    )
}

/// The memory of [`tmx_two_rows_in_every_other_unit`], in a fresh database.
fn memory(dir: &std::path::Path) -> String {
    let db = dir.join("dragoman.sqlite").display().to_string();
    let tmx = dir.join("news.tmx");
    std::fs::write(&tmx, tmx_two_rows_in_every_other_unit()).unwrap();
    let out = run(&["tm", "--db", &db, "import", tmx.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    db
}

#[test]
fn articles_are_filled_from_units_that_hold_two_of_their_sentences() {
    let dir = scratch("sentences-pretranslate");
    let db = memory(&dir);
    // Seven Russian rows hold two sentences where English and Azerbaijani have one: as
    // a Russian document cuts them in two, no unit translates either half, so Russian
    // sources reach 87 % (110 of 126 segments) and the others all of them.
    for (src, tgt, least) in [
        ("az", "en", 95),
        ("en", "az", 95),
        ("en", "ru", 95),
        ("az", "ru", 95),
        ("ru", "en", 85),
    ] {
        let (mut filled, mut segments, mut from_sentences) = (0, 0, 0);
        for (a, rows) in articles(src).iter().enumerate() {
            let source = dir.join(format!("article-{a}-{src}.txt"));
            std::fs::write(&source, rows.join("\n") + "\n").unwrap();
            let out_path = dir.join(format!("article-{a}-{src}-{tgt}.xlf"));
            let out = run(&[
                "pretranslate",
                source.to_str().unwrap(),
                "--src",
                src,
                "--tgt",
                tgt,
                "--db",
                &db,
                "--out",
                out_path.to_str().unwrap(),
                "--json",
            ]);
            assert_eq!(out.code, Some(0), "{}", out.stderr);
            let report = &json_lines(&out.stdout)[0];
            let count = |k: &str| report[k].as_u64().unwrap();
            filled += count("context") + count("exact") + count("fuzzy");
            segments += count("segments");
            from_sentences += count("sentences");
        }
        assert!(
            filled * 100 >= segments * least,
            "{src}→{tgt}: {filled} of {segments} segments filled"
        );
        assert!(
            from_sentences * 3 >= segments,
            "{src}→{tgt}: about half the rows are in units of two: {from_sentences} of {segments}"
        );
    }
}

#[test]
fn lookup_names_a_sentence_of_a_unit_and_units_joined() {
    let dir = scratch("sentences-lookup");
    let db = memory(&dir);
    let ru = articles("ru");
    let en = articles("en");
    // In the first article, row 3 is a unit of its own and rows 4 and 5 one unit.
    let out = run(&[
        "tm", "--db", &db, "lookup", "--src", "ru", "--tgt", "en", "--json", &ru[0][5],
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let best = &json_lines(&out.stdout)[0]["matches"][0];
    assert_eq!(best["kind"], "sentence", "{best}");
    assert_eq!(best["position"], 1, "{best}");
    assert_eq!(best["score"], 100, "{best}");
    assert_eq!(best["target"], en[0][5].as_str(), "{best}");

    let three = format!("{} {} {}", ru[0][3], ru[0][4], ru[0][5]);
    let out = run(&[
        "tm", "--db", &db, "lookup", "--src", "ru", "--tgt", "en", "--json", &three,
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let best = &json_lines(&out.stdout)[0]["matches"][0];
    assert_eq!(best["kind"], "joined", "{best}");
    assert_eq!(best["units"].as_array().map(Vec::len), Some(2), "{best}");
    assert_eq!(
        best["score"], 99,
        "a TMX without context says nothing of their order: {best}"
    );
    assert_eq!(
        best["target"],
        format!("{} {} {}", en[0][3], en[0][4], en[0][5]),
        "{best}"
    );
}
