//! Match scores and word diffs: how close a stored segment is to the one being translated.
//!
//! The definition is written out, with examples, in `docs/matching.md`; in short:
//!
//! - **100** when the exact forms and the inline tags are the same; **101** (a context
//!   match) when in addition the neighbouring segments match (decided in
//!   [`lookup`](mod@super::lookup), which knows them).
//! - **95–99, "nearly exact"** when the words are the same once folded and numbers are
//!   compared as numbers: 100 minus 1 for a case difference, 1 for a punctuation or
//!   spacing difference, 2 for differing numbers and 1 for differing tags (at least 1,
//!   at most 5).
//! - **Fuzzy**, otherwise: `⌊100·(L − d)/L⌋` with `d` the word-level Levenshtein distance
//!   and `L` the longer segment's word count (as OmegaT and Trados), minus 2 for differing
//!   numbers and 1 for differing tags, kept between 0 and 94 so a fuzzy match never ranks
//!   with the nearly exact ones.
//!
//! A segment without words ("—", "***") matches only exactly. Penalties only ever lower the edit similarity, which is what lets the candidate index
//! bound its search by the edit similarity alone.

use serde::Serialize;

pub use crate::MatchScore;
use crate::normal::Normalized;

/// Penalty for numbers that differ (in value or order).
pub const NUMBER_PENALTY: u8 = 2;
/// Penalty for inline tags that differ.
pub const TAG_PENALTY: u8 = 1;
/// Penalty, among nearly exact matches, for a difference in case.
pub const CASE_PENALTY: u8 = 1;
/// Penalty, among nearly exact matches, for a difference in punctuation or spacing.
pub const PUNCTUATION_PENALTY: u8 = 1;

/// The similarity of the words alone, `100·(L − d)/L` rounded down: an upper bound of
/// [`score`], which the candidate index relies on.
pub fn edit_similarity(query: &Normalized, stored: &Normalized) -> u8 {
    similarity(&query.keys(), &stored.keys())
}

/// `⌊100·(L − d)/L⌋` for two word sequences (100 when both are empty).
pub fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> u8 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 100;
    }
    let d = edit_distance(a, b);
    (100 * (longer - d) / longer) as u8
}

/// Score `stored` (with inline tags `stored_tags`) as a match for `query` (with
/// `query_tags`), without context: 0–100.
pub fn score(
    query: &Normalized,
    query_tags: &[String],
    stored: &Normalized,
    stored_tags: &[String],
) -> MatchScore {
    let tags_differ = query_tags != stored_tags;
    if query.exact == stored.exact && !tags_differ {
        return MatchScore::EXACT;
    }
    if query.words.is_empty() || stored.words.is_empty() {
        // Nothing to compare word by word ("—" against "***", or against words).
        return MatchScore(0);
    }
    let similarity = edit_similarity(query, stored);
    let numbers = if query.numbers() != stored.numbers() {
        NUMBER_PENALTY
    } else {
        0
    };
    let tags = if tags_differ { TAG_PENALTY } else { 0 };
    if similarity == 100 {
        let case = query.words.iter().zip(&stored.words).any(|(a, b)| {
            // Numbers are compared above; among the other words only case can differ here.
            !a.is_number() && a.text != b.text
        });
        let case = if case { CASE_PENALTY } else { 0 };
        let punctuation = if query.residue != stored.residue {
            PUNCTUATION_PENALTY
        } else {
            0
        };
        let penalty = (case + punctuation + numbers + tags).clamp(1, 5);
        return MatchScore(100 - penalty);
    }
    MatchScore(
        similarity
            .saturating_sub(numbers + tags)
            .min(MatchScore::MAX_FUZZY.0),
    )
}

/// Word-level Levenshtein distance: insertions, deletions and substitutions cost 1.
pub fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(x != y);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// How one word of the stored source relates to the query, read from the source to the
/// query: what the translator must change in the stored translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum WordChange {
    /// The word is in both.
    Same {
        /// The word as the stored source writes it.
        word: String,
    },
    /// The query has a word the stored source lacks.
    Inserted {
        /// The query's word.
        word: String,
    },
    /// The stored source has a word the query lacks.
    Deleted {
        /// The stored source's word.
        word: String,
    },
    /// The stored source's word stands where the query has another (or another number,
    /// or the same word in another case).
    Changed {
        /// The stored source's word.
        from: String,
        /// The query's word.
        to: String,
    },
}

/// The word diff between the stored source and the query, in sentence order, from a
/// minimal word-level edit script.
pub fn word_diff(query: &Normalized, stored: &Normalized) -> Vec<WordChange> {
    let (q, s) = (query.keys(), stored.keys());
    let (n, m) = (q.len(), s.len());
    // table[i][j]: distance between the first i query words and the first j stored words.
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let substitution = table[i - 1][j - 1] + usize::from(q[i - 1] != s[j - 1]);
            table[i][j] = substitution
                .min(table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1);
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (qw, sw) = (
            i.checked_sub(1).map(|i| &query.words[i]),
            j.checked_sub(1).map(|j| &stored.words[j]),
        );
        if let (Some(qw), Some(sw)) = (qw, sw)
            && table[i][j] == table[i - 1][j - 1] + usize::from(qw.key != sw.key)
        {
            out.push(if qw.text == sw.text {
                WordChange::Same {
                    word: sw.text.clone(),
                }
            } else {
                WordChange::Changed {
                    from: sw.text.clone(),
                    to: qw.text.clone(),
                }
            });
            i -= 1;
            j -= 1;
        } else if let Some(qw) = qw.filter(|_| table[i][j] == table[i - 1][j] + 1) {
            out.push(WordChange::Inserted {
                word: qw.text.clone(),
            });
            i -= 1;
        } else {
            let sw = sw.expect("a cell off the first row and column has a left neighbour");
            out.push(WordChange::Deleted {
                word: sw.text.clone(),
            });
            j -= 1;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LanguageTag;

    fn en(text: &str) -> Normalized {
        Normalized::new(&LanguageTag::parse("en").unwrap(), text)
    }

    fn plain(query: &str, stored: &str) -> u8 {
        score(&en(query), &[], &en(stored), &[]).0
    }

    #[test]
    fn exact_and_nearly_exact() {
        assert_eq!(
            plain("The talks lasted 3 hours.", "The  talks lasted 3 hours."),
            100
        );
        assert_eq!(
            plain("the talks lasted 3 hours.", "The talks lasted 3 hours."),
            99
        );
        assert_eq!(
            plain("The talks lasted 3 hours!", "The talks lasted 3 hours."),
            99
        );
        assert_eq!(
            plain("The talks lasted 4 hours.", "The talks lasted 3 hours."),
            98
        );
        assert_eq!(
            plain("the talks lasted 4 hours!", "The talks lasted 3 hours."),
            96
        );
        let tags = ["bpt".to_string(), "ept".to_string()];
        let q = en("The talks lasted 3 hours.");
        assert_eq!(score(&q, &[], &q, &tags).0, 99, "only tags differ");
    }

    #[test]
    fn fuzzy_is_word_edit_similarity_with_penalties() {
        // 5 words against 5, one substituted: 100·4/5.
        assert_eq!(
            plain(
                "The talks lasted three days.",
                "The talks lasted three hours."
            ),
            80
        );
        // 5 words against 6, one inserted, and the numbers differ: ⌊500/6⌋ − 2.
        assert_eq!(
            plain(
                "The talks lasted 3 hours.",
                "The long talks lasted 4 hours."
            ),
            81
        );
        assert_eq!(
            plain(
                "Completely different words here.",
                "The talks lasted 3 hours."
            ),
            0
        );
        let long: String = (0..200).map(|i| format!("w{i} ")).collect();
        let longer = format!("{long} extra");
        assert_eq!(
            plain(&long, &longer),
            94,
            "a changed word never scores nearly exact"
        );
    }

    #[test]
    fn edit_distance_counts_word_operations() {
        assert_eq!(edit_distance(&["a", "b", "c"], &["a", "c"]), 1);
        assert_eq!(edit_distance(&["a", "b", "c"], &["c", "b", "a"]), 2);
        assert_eq!(edit_distance::<&str>(&[], &["a", "b"]), 2);
    }

    #[test]
    fn diff_names_inserted_deleted_and_changed_words() {
        let diff = word_diff(
            &en("The long talks lasted 4 hours today"),
            &en("The talks lasted 3 hours in Baku"),
        );
        let rendered: Vec<String> = diff
            .iter()
            .map(|c| match c {
                WordChange::Same { word } => word.clone(),
                WordChange::Inserted { word } => format!("+{word}"),
                WordChange::Deleted { word } => format!("-{word}"),
                WordChange::Changed { from, to } => format!("{from}→{to}"),
            })
            .collect();
        assert_eq!(
            rendered.join(" "),
            "The +long talks lasted 3→4 hours -in Baku→today"
        );
    }
}
