//! Stemming for matching inflected forms of terms: declension-aware matching for
//! Russian (Snowball's Russian stems "Дания" and "данные" alike), a light plural and
//! possessive stripper for English (Snowball's English also strips derivations and makes
//! "delegates" a form of "delegation"), and Dragoman's own suffix analyser for
//! Azerbaijani (Snowball has none, and its Turkish rules split Azerbaijani forms badly).
//! Snowball stays available for full-text search, where recall matters more.
//!
//! Words are compared by *keys*. A dictionary form (a glossary term, a concordance query)
//! has one key, [`Stemmer::lemma_key`]; a word form found in running text has one or
//! more, [`Stemmer::keys`], since an Azerbaijani ending can be ambiguous without a
//! dictionary. The form matches the lemma when the lemma's key is among its keys. Input
//! is a word already folded with [`LanguageTag::fold`](crate::LanguageTag::fold).

pub mod az;
pub mod en;
pub mod lemma;
pub mod ru;

use rust_stemmers::{Algorithm, Stemmer as Snowball};

use crate::lang::LanguageTag;

/// Buffers [`Stemmer::for_each_key`] reuses from word to word: keys that are no slice of
/// the word are written into `text`, Azerbaijani analyses keep their lists in `analyses`.
#[derive(Debug, Default)]
pub struct KeyScratch {
    text: String,
    analyses: az::Analyses,
}

/// A language's way of reducing word forms to comparison keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    /// A Snowball algorithm, for full-text search.
    Snowball(Algorithm),
    /// Russian declensions read off the lemma's ending.
    Russian,
    /// English plural and possessive endings.
    English,
    /// Azerbaijani (Latin script) inflectional suffix analysis.
    Azerbaijani,
    /// No stemming: a word is its own key (languages without rules yet, and `az-Cyrl`).
    Identity,
}

impl Stemmer {
    /// The stemmer for a language.
    pub fn for_language(lang: &LanguageTag) -> Self {
        match lang.as_str() {
            "ru" => Self::Russian,
            "en" => Self::English,
            "az" => Self::Azerbaijani,
            _ => Self::Identity,
        }
    }

    /// The key of a word in dictionary form.
    pub fn lemma_key(&self, folded: &str) -> String {
        match self {
            Self::Snowball(algorithm) => Snowball::create(*algorithm).stem(folded).into_owned(),
            Self::English => en::stem(folded),
            Self::Russian => ru::lemma_key(folded),
            Self::Azerbaijani => az::key(folded),
            Self::Identity => folded.to_string(),
        }
    }

    /// The keys a word form found in text may have; it matches a lemma whose
    /// [`lemma_key`](Self::lemma_key) is among them.
    pub fn keys(&self, folded: &str) -> Vec<String> {
        match self {
            Self::Azerbaijani => az::keys(folded),
            Self::Russian => ru::keys(folded),
            Self::English => {
                let mut keys = vec![self.lemma_key(folded)];
                keys.extend(en::irregular_singular(folded));
                keys
            }
            _ => vec![self.lemma_key(folded)],
        }
    }

    /// Calls `found` with each of [`keys`](Self::keys), perhaps more than once, without
    /// allocating where the stemmer allows: most keys are slices of `folded`, and the
    /// others are written into `scratch`. Term recognition calls this for every word of
    /// every segment.
    pub fn for_each_key(
        &self,
        folded: &str,
        scratch: &mut KeyScratch,
        mut found: impl FnMut(&str),
    ) {
        let text = &mut scratch.text;
        match self {
            Self::Azerbaijani => az::for_each_key(folded, &mut scratch.analyses, text, found),
            Self::Russian => ru::for_each_key(folded, text, found),
            Self::English => {
                match en::split(folded) {
                    (base, "") => found(base),
                    (base, ending) => {
                        text.clear();
                        text.push_str(base);
                        text.push_str(ending);
                        found(text);
                    }
                }
                if let Some(singular) = en::irregular_singular(folded) {
                    found(&singular);
                }
            }
            Self::Identity => found(folded),
            Self::Snowball(_) => found(&self.lemma_key(folded)),
        }
    }

    /// Whether `form`, whose keys include `lemma`'s key, really inflects like `lemma`
    /// (Russian checks the ending belongs to the lemma's declension).
    pub fn accepts(&self, form: &str, lemma: &str) -> bool {
        match self {
            Self::Russian => ru::accepts(form, lemma),
            _ => true,
        }
    }

    /// Whether `form` (from text) is an inflected form of `lemma` (a dictionary form).
    pub fn is_form_of(&self, form: &str, lemma: &str) -> bool {
        self.keys(form).contains(&self.lemma_key(lemma)) && self.accepts(form, lemma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer(tag: &str) -> Stemmer {
        Stemmer::for_language(&LanguageTag::parse(tag).unwrap())
    }

    #[test]
    fn russian_case_forms_share_the_lemma_key() {
        let ru = stemmer("ru");
        let fold = |s: &str| LanguageTag::parse("ru").unwrap().fold(s);
        for (lemma, form) in [
            ("межрегиональный", "межрегионального"),
            ("форум", "форума"),
            ("форум", "форуме"),
            ("партнерство", "партнёрства"),
            ("соглашение", "соглашений"),
        ] {
            assert!(ru.is_form_of(&fold(form), &fold(lemma)), "{form} / {lemma}");
        }
        assert!(!ru.is_form_of("форма", "форум"));
        assert!(!ru.is_form_of("данные", "дания"));
    }

    #[test]
    fn english_and_azerbaijani_forms() {
        assert!(stemmer("en").is_form_of("forums", "forum"));
        assert!(stemmer("en").is_form_of("negotiations", "negotiation"));
        assert!(stemmer("en").is_form_of("memoranda", "memorandum"));
        assert!(stemmer("en").is_form_of("crises", "crisis"));
        assert!(
            stemmer("en").is_form_of("bases", "base") && stemmer("en").is_form_of("bases", "basis")
        );
        assert!(stemmer("az").is_form_of("forumda", "forum"));
        assert!(stemmer("az").is_form_of("regionlararası", "regionlararası"));
    }

    proptest::proptest! {
        #[test]
        fn for_each_key_gives_the_keys(
            tag in proptest::sample::select(vec!["ru", "az", "en", "tr"]),
            word in "[a-zəğıöüçşyа-яё'’]{0,12}",
        ) {
            let stemmer = stemmer(tag);
            let mut fast: Vec<String> = Vec::new();
            stemmer.for_each_key(&word, &mut KeyScratch::default(), |k| {
                if !fast.iter().any(|f| f == k) {
                    fast.push(k.to_string());
                }
            });
            fast.sort();
            let mut reference = stemmer.keys(&word);
            reference.sort();
            proptest::prop_assert_eq!(fast, reference);
        }
    }

    proptest::proptest! {
        /// Term keys and text keys are built alike: a word typed as its term's dictionary
        /// form is a form of it, in every language, however short.
        #[test]
        fn a_dictionary_form_is_a_form_of_itself(
            tag in proptest::sample::select(vec!["ru", "az", "en", "tr"]),
            word in "[a-zəğıöüçşyа-яё'’]{1,12}",
        ) {
            proptest::prop_assert!(stemmer(tag).is_form_of(&word, &word));
        }
    }

    #[test]
    fn other_languages_compare_whole_words() {
        let tr = stemmer("tr");
        assert_eq!(tr, Stemmer::Identity);
        assert!(tr.is_form_of("forum", "forum"));
        assert!(!tr.is_form_of("forumda", "forum"));
    }
}
