//! Concordance: every stored segment containing a word or phrase, in any language, with
//! where it occurs, newest first.
//!
//! The phrase is matched word by word after folding (so "BAKI" finds "Bakı" and "Петр"
//! finds "Пётр"), through the FTS5 index; the byte ranges returned point into the
//! variant's text exactly as stored. Words are runs of letters and digits, as FTS5's
//! `unicode61` tokenizer cuts them.
//!
//! With `inflected`, each word of the phrase also finds its inflected forms: the FTS5
//! query asks for words beginning with the word's shortest stem key ([`Stemmer::keys`],
//! Russian, Azerbaijani or English by the phrase's script), and each candidate is then
//! checked word by word: a text word matches a phrase word when the two share a stem key
//! of four letters or more, or are equal. "межрегиональный форум" finds "межрегионального
//! форума"; "forum" finds "forumda".

use serde::Serialize;

use super::UnitId;
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::stem::Stemmer;
use crate::store::{Connection, StoreError, concordance, segments};

/// One segment containing the phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcordanceHit {
    /// The unit the segment belongs to.
    pub unit: UnitId,
    /// The segment's language.
    pub lang: LanguageTag,
    /// The segment as stored.
    pub text: String,
    /// Byte ranges `[start, end)` of each occurrence in `text`.
    pub highlights: Vec<(usize, usize)>,
    /// The unit's other variants, `(language, text)`.
    pub translations: Vec<(LanguageTag, String)>,
    /// When the unit last changed.
    pub changed_at: Timestamp,
}

/// The segments containing `phrase` (in any inflected form with `inflected`), most
/// recently changed units first, at most `limit`.
pub fn concordance(
    conn: &Connection,
    phrase: &str,
    inflected: bool,
    limit: usize,
) -> Result<Vec<ConcordanceHit>, StoreError> {
    let query = if inflected {
        stem_query(phrase)
    } else {
        fts_query(phrase)
    };
    let Some(fts_query) = query else {
        return Ok(Vec::new());
    };
    // Prefix candidates include words that merely begin alike; fetch more and keep
    // those whose words really are forms of the phrase's.
    let fetch = if inflected {
        limit.saturating_mul(4).max(200)
    } else {
        limit
    };
    let mut hits = Vec::new();
    for id in concordance::search(conn, &fts_query, fetch)? {
        if hits.len() == limit {
            break;
        }
        let found = segments::found(conn, id)?;
        let highlights = if inflected {
            inflected_occurrences(&found.lang, &found.text, phrase)
        } else {
            occurrences(&found.lang, &found.text, phrase)
        };
        if highlights.is_empty() {
            continue;
        }
        hits.push(ConcordanceHit {
            unit: found.unit,
            highlights,
            lang: found.lang,
            text: found.text,
            translations: found.translations,
            changed_at: found.changed_at,
        });
    }
    Ok(hits)
}

/// The FTS5 query for `phrase`: the phrase folded as Azerbaijani (`I`→`ı`) or as
/// Russian (`I`→`i`, `ё`→`е`), since the phrase's language is not known. `None` when it
/// has no words.
pub(crate) fn fts_query(phrase: &str) -> Option<String> {
    let mut alternatives: Vec<String> = Vec::new();
    for tag in ["az", "ru"] {
        let folded = LanguageTag::parse(tag).expect("a valid tag").fold(phrase);
        let words: Vec<&str> = words(&folded).map(|(_, w)| w).collect();
        if words.is_empty() {
            return None;
        }
        // Quoted FTS5 strings are phrases; words have no quotes to escape.
        let quoted = format!("\"{}\"", words.join(" "));
        if !alternatives.contains(&quoted) {
            alternatives.push(quoted);
        }
    }
    Some(alternatives.join(" OR "))
}

/// The languages a phrase may be in, by its script.
fn phrase_languages(phrase: &str) -> Vec<LanguageTag> {
    let cyrillic = phrase
        .chars()
        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let tags: &[&str] = if cyrillic { &["ru"] } else { &["az", "en"] };
    tags.iter()
        .map(|t| LanguageTag::parse(t).expect("a valid tag"))
        .collect()
}

/// The FTS5 query for `phrase`'s inflected forms: every word as a prefix of its shortest
/// stem key (at least three letters), in each language the phrase may be in.
pub(crate) fn stem_query(phrase: &str) -> Option<String> {
    let mut alternatives: Vec<String> = Vec::new();
    for lang in phrase_languages(phrase) {
        let stemmer = Stemmer::for_language(&lang);
        let folded = lang.fold(phrase);
        let prefixes: Vec<String> = words(&folded)
            .map(|(_, w)| {
                let shortest = stemmer
                    .keys(w)
                    .into_iter()
                    .filter(|k| k.chars().count() >= 3 && w.starts_with(k.as_str()))
                    .min_by_key(|k| k.len());
                format!("\"{}\"*", shortest.unwrap_or_else(|| w.to_string()))
            })
            .collect();
        if prefixes.is_empty() {
            return None;
        }
        let query = format!("({})", prefixes.join(" AND "));
        if !alternatives.contains(&query) {
            alternatives.push(query);
        }
    }
    Some(alternatives.join(" OR "))
}

/// Whether text word `word` and phrase word `wanted` (both folded) are forms of one word.
fn same_word(stemmer: &Stemmer, word: &str, wanted: &str) -> bool {
    if word == wanted {
        return true;
    }
    let theirs = stemmer.keys(wanted);
    stemmer
        .keys(word)
        .iter()
        .any(|k| k.chars().count() >= 4 && theirs.contains(k))
}

/// Byte ranges in `text` where the words of `phrase` occur in a row, in any inflected form.
pub fn inflected_occurrences(lang: &LanguageTag, text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let stemmer = Stemmer::for_language(lang);
    let folded_phrase = lang.fold(phrase);
    let wanted: Vec<&str> = words(&folded_phrase).map(|(_, w)| w).collect();
    let found: Vec<(usize, &str, String)> =
        words(text).map(|(at, w)| (at, w, lang.fold(w))).collect();
    if wanted.is_empty() || found.len() < wanted.len() {
        return Vec::new();
    }
    found
        .windows(wanted.len())
        .filter(|window| {
            window
                .iter()
                .zip(&wanted)
                .all(|((_, _, w), q)| same_word(&stemmer, w, q))
        })
        .map(|window| {
            let (start, _, _) = window[0];
            let (last, word, _) = &window[window.len() - 1];
            (start, last + word.len())
        })
        .collect()
}

/// Runs of letters and digits with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Byte ranges in `text` (written in `lang`) where the words of `phrase` occur in a row.
pub fn occurrences(lang: &LanguageTag, text: &str, phrase: &str) -> Vec<(usize, usize)> {
    // Folding can change a character's length (İ is two bytes, i one), so remember for
    // each folded byte the original offset of the character it came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let piece = lang.fold(c.encode_utf8(&mut [0; 4]));
        folded.push_str(&piece);
        origin.extend(std::iter::repeat_n(at, piece.len()));
    }
    origin.push(text.len());
    let folded_phrase = lang.fold(phrase);
    let wanted: Vec<&str> = words(&folded_phrase).map(|(_, w)| w).collect();
    let found: Vec<(usize, &str)> = words(&folded).collect();
    if wanted.is_empty() || found.len() < wanted.len() {
        return Vec::new();
    }
    found
        .windows(wanted.len())
        .filter(|window| window.iter().zip(&wanted).all(|((_, w), q)| w == q))
        .map(|window| {
            let (start, _) = window[0];
            let (last, word) = window[window.len() - 1];
            (origin[start], origin[last + word.len()])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{open_in_memory, units};
    use crate::tm::{TranslationUnit, UnitMetadata, Variant, origin};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn offsets_point_into_the_stored_text() {
        let az = lang("az");
        let text = "İLHAM ƏLİYEV Bakıda, Ilham Əliyev BAKIDA.";
        let found = occurrences(&az, text, "bakıda");
        let spans: Vec<&str> = found.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["Bakıda", "BAKIDA"]);
        let found = occurrences(&az, text, "ilham əliyev");
        let spans: Vec<&str> = found.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            spans,
            ["İLHAM ƏLİYEV"],
            "Ilham folds to ılham in Azerbaijani"
        );
    }

    #[test]
    fn finds_a_phrase_in_any_language_newest_first() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for (at, ru, az) in [
            (1, "Пётр прибыл в Баку.", "Pyotr Bakıya gəldi."),
            (2, "Форум в Баку открылся.", "Forum BAKIDA açıldı."),
        ] {
            let unit = TranslationUnit {
                variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("az"), az)],
                meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(at)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        tx.commit().unwrap();
        let hits = concordance(&conn, "в баку", false, 10).unwrap();
        let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Форум в Баку открылся.", "Пётр прибыл в Баку."]);
        assert_eq!(hits[0].translations[0].1, "Forum BAKIDA açıldı.");
        let hits = concordance(&conn, "Петр", false, 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(
            &hits[0].text[hits[0].highlights[0].0..hits[0].highlights[0].1],
            "Пётр"
        );
        let hits = concordance(&conn, "bakıda", false, 10).unwrap();
        assert_eq!(hits[0].highlights, [(6, 12)]);
        assert!(concordance(&conn, "«»", false, 10).unwrap().is_empty());
    }

    #[test]
    fn finds_inflected_forms_when_asked() {
        let mut conn = open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for (at, ru, az) in [
            (
                1,
                "Участники межрегионального форума прибыли.",
                "Regionlararası forumun iştirakçıları gəldi.",
            ),
            (
                2,
                "Межрегиональный форум открылся.",
                "Regionlararası forum açıldı.",
            ),
            (
                3,
                "Форма документа утверждена.",
                "Sənədin forması təsdiqləndi.",
            ),
        ] {
            let unit = TranslationUnit {
                variants: vec![Variant::new(lang("ru"), ru), Variant::new(lang("az"), az)],
                meta: UnitMetadata::new(origin::ALIGNMENT, Timestamp(at)),
            };
            units::insert(&tx, &unit).unwrap();
        }
        tx.commit().unwrap();
        let marked = |phrase: &str, inflected: bool| -> Vec<String> {
            concordance(&conn, phrase, inflected, 10)
                .unwrap()
                .iter()
                .flat_map(|h| {
                    h.highlights
                        .iter()
                        .map(|&(s, e)| h.text[s..e].to_string())
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        assert_eq!(
            marked("межрегиональный форум", false),
            ["Межрегиональный форум"]
        );
        assert_eq!(
            marked("межрегиональный форум", true),
            ["Межрегиональный форум", "межрегионального форума"]
        );
        assert_eq!(marked("forum", true), ["forum", "forumun"], "not forması");
        assert_eq!(marked("форум", true), ["форум", "форума"], "not форма");
    }
}
