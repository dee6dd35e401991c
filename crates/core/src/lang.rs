//! Language tags (BCP 47), their normalisation, detection from script, and
//! language-aware case folding for matching.
//!
//! Dragoman keys its rules and memories by a *normalised* tag: the primary language,
//! plus the script only where it changes how text is written and read. `ru-RU` → `ru`,
//! `az-Latn-AZ` → `az` (Latin is Azerbaijani's default script since 1992), while
//! `az-Cyrl` stays distinct because Cyrillic Azerbaijani needs other rules.

use std::fmt;

use thiserror::Error;

/// A normalised BCP 47 language tag such as `ru`, `az`, `az-Cyrl` or `en`.
///
/// Deserialising goes through [`LanguageTag::parse`], so a tag read from the desktop app
/// or a file is normalised like one typed on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct LanguageTag(String);

impl<'de> serde::Deserialize<'de> for LanguageTag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        Self::parse(&tag).map_err(serde::de::Error::custom)
    }
}

/// Why a string is not a usable language tag.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LangError {
    /// The tag is empty or its primary subtag is not 2–8 ASCII letters.
    #[error("not a language tag: {0:?} (expected e.g. ru, az, en, az-Cyrl)")]
    Malformed(String),
}

impl LanguageTag {
    /// Parse and normalise a tag: lower-case language, title-case script, region and
    /// default scripts dropped (`az-Latn-AZ` → `az`, `RU_ru` → `ru`).
    pub fn parse(tag: &str) -> Result<Self, LangError> {
        let mut parts = tag.trim().split(['-', '_']);
        let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
        if !(2..=8).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(LangError::Malformed(tag.to_string()));
        }
        let mut script = None;
        for part in parts {
            if part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()) {
                let mut s = part.to_ascii_lowercase();
                s[..1].make_ascii_uppercase();
                script = Some(s);
            } else if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(LangError::Malformed(tag.to_string()));
            }
        }
        let default_script = match primary.as_str() {
            "ru" | "uk" | "be" | "bg" | "sr" => "Cyrl",
            _ => "Latn",
        };
        Ok(match script {
            Some(s) if s != default_script => Self(format!("{primary}-{s}")),
            _ => Self(primary),
        })
    }

    /// The language a table's column header names: a code with a two- or three-letter
    /// language (`ru`, `az-Latn`, `eng`), or the name of one of Dragoman's languages in
    /// English, Russian or Azerbaijani ("English", "Русский", "Azərbaycan dili"), as
    /// spreadsheets made by hand head them. Other words are not languages: parsed as
    /// tags, "English" became a language called "english".
    pub fn from_header(name: &str) -> Option<Self> {
        const NAMES: &[(&str, &[&str])] = &[
            (
                "en",
                &[
                    "english",
                    "английский",
                    "ingilis",
                    "ingilis dili",
                    "ingiliscə",
                ],
            ),
            ("ru", &["russian", "русский", "rus", "rus dili", "rusca"]),
            (
                "az",
                &[
                    "azerbaijani",
                    "azeri",
                    "азербайджанский",
                    "azərbaycan",
                    "azərbaycan dili",
                    "azərbaycanca",
                ],
            ),
        ];
        // Both casings: "RUSSIAN" is "russian", "AZƏRBAYCAN" is "azərbaycan" only under
        // the Turkic rules (I → ı).
        let folded = [
            name.trim().to_lowercase(),
            Self("az".into()).fold(name.trim()),
        ];
        let named = |names: &[&str]| folded.iter().any(|f| names.contains(&f.as_str()));
        if let Some((tag, _)) = NAMES.iter().find(|(_, names)| named(names)) {
            return Some(Self((*tag).into()));
        }
        let tag = Self::parse(name).ok()?;
        (2..=3).contains(&tag.primary().len()).then_some(tag)
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`az` for `az-Cyrl`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether the language uses Turkic dotted/dotless i casing.
    pub fn is_turkic(&self) -> bool {
        matches!(self.primary(), "az" | "tr" | "tt" | "crh" | "kk")
    }

    /// Fold `text` for matching: lower case with Turkic rules where they apply
    /// (İ→i, I→ı), and ё→е for Russian. The result is only for comparison; the
    /// translator's text is never replaced by it.
    pub fn fold(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.folding().fold_into(text, &mut out);
        out
    }

    /// The folding rules of the language, for folding many words without looking at the
    /// tag each time.
    pub fn folding(&self) -> Folding {
        Folding {
            turkic: self.is_turkic(),
            russian: self.primary() == "ru",
        }
    }

    /// Whether the language is normally written in Cyrillic script.
    pub fn writes_cyrillic(&self) -> bool {
        match self.0.split_once('-') {
            Some((_, script)) => script == "Cyrl",
            None => matches!(
                self.0.as_str(),
                "ru" | "uk" | "be" | "bg" | "sr" | "mk" | "kk"
            ),
        }
    }

    /// When `text`'s letters are clearly in a script other than the one this language
    /// is written in, name that script ("Cyrillic" or "Latin").
    pub fn foreign_script(&self, text: &str) -> Option<&'static str> {
        let (cyrillic, latin) = script_counts(text);
        // Quoted names and acronyms in the other script are normal; only a text that is
        // overwhelmingly (4:1) in the other script, with some substance, is a mismatch.
        if self.writes_cyrillic() && latin >= 10 && latin > 4 * cyrillic {
            Some("Latin")
        } else if !self.writes_cyrillic() && cyrillic >= 10 && cyrillic > 4 * latin {
            Some("Cyrillic")
        } else {
            None
        }
    }

    /// Identify a text as Russian, Azerbaijani or English, or `None` when it is none of
    /// them or shows too little to tell (no letters, a title of names alone).
    ///
    /// General-purpose detectors confuse short Azerbaijani with Turkish and guess on
    /// headlines; three known languages are told apart more reliably by their script,
    /// the Azerbaijani letters and a few dozen function words.
    pub fn identify(text: &str) -> Option<Self> {
        let evidence = Evidence::of(text);
        let tag = if evidence.cyrillic > evidence.latin {
            // Letters outside the Russian alphabet (і ї є ә ғ ҹ ј …) mean another
            // Cyrillic language, whose rules and memories are not Russian ones.
            if evidence.other_cyrillic * 100 > evidence.cyrillic {
                return None;
            }
            "ru"
        } else if evidence.az > evidence.en && evidence.az > evidence.foreign {
            "az"
        } else if evidence.en > evidence.az && evidence.en > evidence.foreign {
            "en"
        } else {
            return None;
        };
        Some(Self(tag.to_string()))
    }

    /// [`LanguageTag::identify`], falling back to English where a tag is needed anyway.
    pub fn detect(text: &str) -> Self {
        Self::identify(text).unwrap_or_else(|| Self("en".to_string()))
    }
}

/// Words frequent in Azerbaijani news and rare elsewhere.
const AZ_WORDS: &[&str] = &[
    "və",
    "ilə",
    "bu",
    "üçün",
    "bir",
    "da",
    "də",
    "ki",
    "olan",
    "olaraq",
    "kimi",
    "isə",
    "ən",
    "daha",
    "görə",
    "edib",
    "edir",
    "olub",
    "artıq",
    "həmçinin",
    "lakin",
    "amma",
    "onun",
    "onlar",
    "bütün",
    "sonra",
    "çox",
    "hər",
    "belə",
    "qədər",
    "il",
    "ildə",
    "ilin",
];

/// English function words that other Latin-script languages do not share ("a", "in",
/// "an" are left out: French, German and Italian have them too).
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "for", "with", "was", "are", "by", "this", "from", "have",
    "has", "which", "were", "been", "will", "said", "its", "their", "is", "it", "on", "at", "as",
    "be", "not", "he", "she", "they", "his", "her", "but",
];

/// What [`LanguageTag::identify`] weighs.
#[derive(Debug, Default)]
struct Evidence {
    cyrillic: usize,
    other_cyrillic: usize,
    latin: usize,
    az: usize,
    en: usize,
    foreign: usize,
}

impl Evidence {
    fn of(text: &str) -> Self {
        let mut e = Self::default();
        // A few pages tell the language as well as a book, and keep detection instant.
        let text = match text.char_indices().nth(20_000) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        for c in text.chars() {
            match c {
                'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => e.cyrillic += 1,
                '\u{0400}'..='\u{04FF}' => {
                    e.cyrillic += 1;
                    e.other_cyrillic += 1;
                }
                'ə' | 'Ə' => {
                    e.latin += 1;
                    e.az += 3;
                }
                'ğ' | 'Ğ' | 'ı' | 'İ' | 'ş' | 'Ş' | 'ç' | 'Ç' | 'ö' | 'Ö' | 'ü' | 'Ü' =>
                {
                    e.latin += 1;
                    e.az += 1;
                }
                c if c.is_ascii_alphabetic() => e.latin += 1,
                // Latin letters of other languages: é, ä, ß, ñ, ł, ř, …
                '\u{00C0}'..='\u{024F}' => {
                    e.latin += 1;
                    e.foreign += 2;
                }
                _ => {}
            }
        }
        let mut ascii_words = 0;
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() || word.len() > 12 {
                continue;
            }
            ascii_words += usize::from(word.is_ascii());
            let word = word.to_lowercase();
            if AZ_WORDS.contains(&word.as_str()) {
                e.az += 3;
            } else if EN_WORDS.contains(&word.as_str()) {
                e.en += 3;
            }
        }
        // A headline has few function words ("U.S. should double A.I. funding"), but
        // four words without a letter of another language lean English.
        if e.az == 0 && e.foreign == 0 && ascii_words >= 4 {
            e.en += 1;
        }
        e
    }
}

/// Case folding for one language ([`LanguageTag::fold`]), ready to use on many words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    turkic: bool,
    russian: bool,
}

impl Folding {
    /// Append `text` folded to `out`. Basic Latin, Latin-1, the Azerbaijani letters and
    /// the Russian alphabet, nearly all of the letters in ru, az and en text, are folded
    /// by offset or kept; only other letters go through Unicode's case tables.
    pub fn fold_into(self, text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                'I' if self.turkic => out.push('ı'),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                '\0'..='\u{7f}' | 'а'..='я' => out.push(c),
                'ё' | 'Ё' if self.russian => out.push('е'),
                'А'..='Я' | 'À'..='Ö' | 'Ø'..='Þ' => {
                    out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
                }
                'ß'..='ö' | 'ø'..='ÿ' | 'ə' | 'ğ' | 'ş' | 'ı' => out.push(c),
                'Ə' => out.push('ə'),
                'Ğ' | 'Ş' => out.push(char::from_u32(u32::from(c) + 1).unwrap_or(c)),
                'İ' if self.turkic => out.push('i'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

fn script_counts(text: &str) -> (usize, usize) {
    let (mut cyrillic, mut latin) = (0, 0);
    for c in text.chars().take(200_000) {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) {
            latin += 1;
        }
    }
    (cyrillic, latin)
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for LanguageTag {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_by_offset_is_what_the_case_tables_give() {
        for tag in ["en", "az", "ru"] {
            let lang = LanguageTag::parse(tag).unwrap();
            for c in ('\0'..='\u{52f}').chain(['ẞ', 'Ω', 'ǅ']) {
                let text = c.to_string();
                assert_eq!(
                    lang.fold(&text),
                    fold_reference(&lang, &text),
                    "{tag} U+{:04X}",
                    c as u32
                );
            }
        }
    }

    /// Folding letter by letter through Unicode's tables alone, as
    /// [`Folding::fold_into`] did before its fast paths.
    fn fold_reference(lang: &LanguageTag, text: &str) -> String {
        let (turkic, russian) = (lang.is_turkic(), lang.primary() == "ru");
        let mut out = String::new();
        for c in text.chars() {
            match c {
                'İ' if turkic => out.push('i'),
                'I' if turkic => out.push('ı'),
                'ё' | 'Ё' if russian => out.push('е'),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fast_folding_agrees_with_the_case_tables(
            tag in proptest::sample::select(vec!["ru", "az", "en", "tr", "uk"]),
            text in "[\\x00-\\x7fЀ-ӿİıƏəĞğŞşÇçÖöÜüẞß]{0,20}",
        ) {
            let lang = LanguageTag::parse(tag).unwrap();
            proptest::prop_assert_eq!(lang.fold(&text), fold_reference(&lang, &text));
        }
    }

    fn tag(s: &str) -> String {
        LanguageTag::parse(s).unwrap().to_string()
    }

    #[test]
    fn normalises_regions_and_default_scripts() {
        assert_eq!(tag("ru-RU"), "ru");
        assert_eq!(tag("az-Latn-AZ"), "az");
        assert_eq!(tag("AZ_latn"), "az");
        assert_eq!(tag("az-cyrl"), "az-Cyrl");
        assert_eq!(tag("en-GB"), "en");
        assert_eq!(tag("sr-Latn"), "sr-Latn");
    }

    #[test]
    fn rejects_malformed_tags() {
        assert!(LanguageTag::parse("").is_err());
        assert!(LanguageTag::parse("r").is_err());
        assert!(LanguageTag::parse("ru--RU").is_err());
        assert!(LanguageTag::parse("русский").is_err());
    }

    #[test]
    fn folds_turkic_and_russian_letters() {
        let az = LanguageTag::parse("az").unwrap();
        assert_eq!(az.fold("İLHAM ƏLİYEV BAKI"), "ilham əliyev bakı");
        let en = LanguageTag::parse("en").unwrap();
        assert_eq!(en.fold("ILHAM"), "ilham");
        let ru = LanguageTag::parse("ru").unwrap();
        assert_eq!(ru.fold("Ёлка и Пётр"), "елка и петр");
    }

    #[test]
    fn notices_text_in_the_wrong_script() {
        let ru = LanguageTag::parse("ru").unwrap();
        let en = LanguageTag::parse("en").unwrap();
        let az_cyrl = LanguageTag::parse("az-Cyrl").unwrap();
        assert_eq!(
            ru.foreign_script("The President arrived in Baku."),
            Some("Latin")
        );
        assert_eq!(
            ru.foreign_script("Президент прибыл в Baku (Azerbaijan)."),
            None
        );
        assert_eq!(
            en.foreign_script("Президент прибыл в Баку."),
            Some("Cyrillic")
        );
        assert_eq!(az_cyrl.foreign_script("Президент Бакыда."), None);
    }

    #[test]
    fn identifies_only_what_it_can_tell() {
        let id = |t: &str| LanguageTag::identify(t).map(|t| t.to_string());
        assert_eq!(id("Bakıda görüş keçirilib."), Some("az".into()));
        assert_eq!(id("Україна і Європа"), None, "Ukrainian letters");
        assert_eq!(id("Die Straße ist schön und groß."), None, "German");
        assert_eq!(id("Baku Forum 2024"), None, "names alone");
        assert_eq!(id("2024 — 15:30"), None, "no letters");
    }

    #[test]
    fn detects_by_script() {
        assert_eq!(
            LanguageTag::detect("Президент прибыл в Баку.").as_str(),
            "ru"
        );
        assert_eq!(
            LanguageTag::detect("Prezident İlham Əliyev Bakıda").as_str(),
            "az"
        );
        assert_eq!(
            LanguageTag::detect("The President arrived in Baku.").as_str(),
            "en"
        );
    }

    #[test]
    fn column_headers_name_languages_by_code_or_by_name() {
        let header = |h: &str| LanguageTag::from_header(h).map(|t| t.to_string());
        for (name, tag) in [
            ("ru", "ru"),
            (" az-Latn-AZ ", "az"),
            ("eng", "eng"),
            ("English", "en"),
            ("RUSSIAN", "ru"),
            ("Русский", "ru"),
            ("Azərbaycan dili", "az"),
            ("AZƏRBAYCAN", "az"),
            ("İngilis", "en"),
        ] {
            assert_eq!(header(name).as_deref(), Some(tag), "{name}");
        }
        for not_a_language in ["subject", "english language", "Note", "", "e"] {
            assert_eq!(header(not_a_language), None, "{not_a_language}");
        }
    }
}
