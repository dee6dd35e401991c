//! Language identification measured on real news: every row of the NTREX-128 excerpt
//! (`fixtures/ntrex`, CC BY-SA 4.0), one sentence at a time, the hardest case since a
//! whole document gives far more evidence than one line.

use dragoman_core::LanguageTag;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ntrex");

/// How many rows of `file` are identified as `lang`, and the rows that are not.
fn identified(file: &str, lang: &str) -> (usize, Vec<String>) {
    let tsv = std::fs::read_to_string(format!("{FIXTURE}/{file}")).unwrap();
    let rows: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.splitn(3, '\t').nth(2).unwrap())
        .collect();
    let missed = rows
        .iter()
        .filter(|r| LanguageTag::identify(r).is_none_or(|t| t.as_str() != lang))
        .map(|r| r.to_string())
        .collect();
    (rows.len(), missed)
}

#[test]
fn identifies_single_sentences_of_news() {
    for (file, lang, floor) in [
        ("rus.tsv", "ru", 1.0),
        ("aze.tsv", "az", 0.98),
        ("eng.tsv", "en", 0.98),
    ] {
        let (rows, missed) = identified(file, lang);
        let right = rows - missed.len();
        let accuracy = right as f64 / rows as f64;
        println!(
            "{lang}: {right}/{rows} sentences ({:.1}%)",
            accuracy * 100.0
        );
        assert!(
            accuracy >= floor,
            "{lang}: only {right} of {rows} sentences identified; missed {missed:#?}"
        );
    }
}

#[test]
fn identifies_whole_articles() {
    for (file, lang) in [("rus.tsv", "ru"), ("aze.tsv", "az"), ("eng.tsv", "en")] {
        let tsv = std::fs::read_to_string(format!("{FIXTURE}/{file}")).unwrap();
        let tag = LanguageTag::identify(&tsv).map(|t| t.to_string());
        assert_eq!(tag.as_deref(), Some(lang), "{file} as a whole");
    }
}
