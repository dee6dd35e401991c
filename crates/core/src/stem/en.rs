//! A light inflectional stemmer for English: plural and possessive endings only.
//!
//! Porter/Snowball English also strips derivational endings, so "delegates" and
//! "delegation", or "nation" and "national", get one stem: a glossary would then find
//! "delegation" where the text says "delegates" and raise false QA alarms. Terms are
//! noun phrases, whose inflection in English is the plural and the possessive; that is
//! all this removes.

/// The stem of a folded English word.
pub fn stem(word: &str) -> String {
    let (base, ending) = split(word);
    [base, ending].concat()
}

/// The stem of a folded English word as a slice of it and a letter to add ("treaties"
/// → "treat" + "y"), so that the caller decides whether to allocate.
pub fn split(word: &str) -> (&str, &'static str) {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let w = w
        .strip_suffix('\'')
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w);
    let n = w.len();
    if n > 4
        && let Some(base) = w.strip_suffix("ies")
    {
        return (base, "y");
    }
    if n > 4
        && ["sses", "xes", "ches", "shes", "zzes"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        return (&w[..n - 2], "");
    }
    if n > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        return (&w[..n - 1], "");
    }
    (w, "")
}

/// Latin and Greek plurals that diplomatic English keeps, with their singulars: the
/// regular endings cannot reach them ("memoranda of understanding", "criteria").
const LATIN_PLURALS: [(&str, &str); 9] = [
    ("memoranda", "memorandum"),
    ("addenda", "addendum"),
    ("referenda", "referendum"),
    ("moratoria", "moratorium"),
    ("fora", "forum"),
    ("curricula", "curriculum"),
    ("criteria", "criterion"),
    ("phenomena", "phenomenon"),
    ("automata", "automaton"),
];

/// The singular of an irregular plural, as a second key besides [`split`]'s: the Latin
/// and Greek plurals above, and `-ses` read as the plural of `-sis` ("crises",
/// "analyses", "bases"). It is a second key, not a replacement, because "bases" is as
/// often the plural of "base" as of "basis"; the `-sis` key of a word that is no such
/// plural ("cases" → "casis") meets no term.
pub fn irregular_singular(word: &str) -> Option<String> {
    if let Some(&(_, singular)) = LATIN_PLURALS.iter().find(|(plural, _)| *plural == word) {
        return Some(singular.to_string());
    }
    word.strip_suffix("ses")
        .filter(|base| base.len() >= 2)
        .map(|base| format!("{base}sis"))
}

#[cfg(test)]
mod tests {
    use super::{irregular_singular, stem};

    #[test]
    fn irregular_plurals_give_their_singular() {
        for (plural, singular) in [
            ("memoranda", Some("memorandum")),
            ("criteria", Some("criterion")),
            ("phenomena", Some("phenomenon")),
            ("crises", Some("crisis")),
            ("analyses", Some("analysis")),
            ("bases", Some("basis")),
            ("memorandum", None),
            ("crisis", None),
            ("uses", None),
        ] {
            assert_eq!(irregular_singular(plural).as_deref(), singular, "{plural}");
        }
    }

    #[test]
    fn strips_plurals_and_possessives_only() {
        for (form, lemma) in [
            ("forums", "forum"),
            ("negotiations", "negotiation"),
            ("treaties", "treaty"),
            ("ministry's", "ministry"),
            ("ministries'", "ministry"),
            ("taxes", "tax"),
            ("speeches", "speech"),
            ("addresses", "address"),
        ] {
            assert_eq!(stem(form), stem(lemma), "{form} / {lemma}");
        }
        for word in [
            "delegates",
            "delegation",
            "national",
            "nation",
            "status",
            "analysis",
            "press",
            "gas",
        ] {
            assert!(
                stem(word).len() + 1 >= word.len(),
                "{word} keeps its derivation: {}",
                stem(word)
            );
        }
        assert_ne!(stem("delegates"), stem("delegation"));
    }
}
