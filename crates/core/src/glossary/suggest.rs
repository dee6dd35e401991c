//! Proposing new glossary terms from approved translation units.
//!
//! 1. **Candidates per language.** Each unit's text is cut into word runs at punctuation
//!    and stop words; every run of one to four words inside a chunk is a candidate, so a
//!    candidate never starts or ends with "the", "и" or "və".
//! 2. **Grouping inflected forms.** Two surface forms are one candidate when, word by
//!    word, they share a stem key ([`Stemmer::keys`]): "межрегионального форума" and
//!    "межрегиональном форуме" group together, as do "forumda" and "forumu".
//! 3. **Pairing across languages** by the Dice coefficient of the sets of units the
//!    candidates occur in: terms that translate each other occur in the same units.
//! 4. **Ranking** by Dice and frequency; a candidate contained in a longer one that
//!    occurs in exactly the same units is dropped ("regional forum" inside
//!    "inter-regional forum").
//! 5. **Dictionary form.** The shortest surface form, which for Russian and Azerbaijani
//!    is the uninflected one (nominative singular: "форум" before "форума"); among equals,
//!    Russian prefers nominative adjective endings, then the most frequent form.

use std::collections::{BTreeSet, HashMap};

use crate::lang::LanguageTag;
use crate::stem::Stemmer;
use crate::stem::lemma;
use crate::words::term_words;

/// Longest candidate, in words.
const MAX_WORDS: usize = 4;

/// A proposed concept: one term per language with evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The dictionary form proposed for each language, in the order the languages were given.
    pub terms: Vec<(LanguageTag, String)>,
    /// In how many units the terms occur together.
    pub frequency: usize,
    /// Strength of the association, the least pairwise Dice coefficient, in `[0, 1]`.
    pub dice: f64,
    /// Indices of units that show the terms together (at most five).
    pub examples: Vec<usize>,
}

fn stop_words(lang: &LanguageTag) -> &'static [&'static str] {
    match lang.primary() {
        "ru" => &[
            "и",
            "в",
            "во",
            "на",
            "с",
            "со",
            "по",
            "к",
            "ко",
            "о",
            "об",
            "от",
            "до",
            "из",
            "за",
            "для",
            "не",
            "что",
            "как",
            "а",
            "но",
            "или",
            "это",
            "его",
            "ее",
            "их",
            "он",
            "она",
            "они",
            "мы",
            "вы",
            "я",
            "же",
            "у",
            "при",
            "то",
            "так",
            "также",
            "был",
            "была",
            "были",
            "быть",
            "который",
            "которые",
            "которая",
            "этот",
            "эта",
            "эти",
            "все",
            "между",
            "под",
            "над",
            "после",
            "перед",
            "более",
            "менее",
        ],
        "az" => &[
            "və",
            "ilə",
            "bu",
            "o",
            "bir",
            "da",
            "də",
            "ki",
            "üçün",
            "kimi",
            "isə",
            "amma",
            "lakin",
            "həm",
            "ya",
            "yaxud",
            "onun",
            "onlar",
            "biz",
            "siz",
            "mən",
            "sən",
            "çox",
            "daha",
            "olan",
            "olub",
            "edib",
            "etdi",
            "artıq",
            "görə",
            "sonra",
            "əvvəl",
            "arasında",
            "üzrə",
            "qədər",
            "hər",
        ],
        _ => &[
            "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by",
            "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that",
            "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
            "not", "but", "also", "has", "have", "had", "will", "would", "said", "between", "more",
            "than", "which", "who",
        ],
    }
}

/// One occurrence: the unit and the surface text as written.
struct Occurrence<'t> {
    unit: usize,
    surface: &'t str,
}

/// Candidates of one language, grouped by inflection.
struct Candidates<'t> {
    /// Each group: its occurrences and its length in words.
    groups: Vec<(Vec<Occurrence<'t>>, usize)>,
    /// The units each group occurs in.
    units: Vec<BTreeSet<usize>>,
    /// Key sequences of each group, to test containment.
    keys: Vec<Vec<Vec<String>>>,
}

fn collect<'t>(texts: &[(usize, &'t str)], lang: &LanguageTag) -> Candidates<'t> {
    let stemmer = Stemmer::for_language(lang);
    let stops = stop_words(lang);
    // Every key combination of a candidate points at its group, so forms sharing a key
    // at each position meet in one group.
    let mut by_key: HashMap<Vec<String>, usize> = HashMap::new();
    let mut groups: Vec<(Vec<Occurrence<'t>>, usize)> = Vec::new();
    let mut keys: Vec<Vec<Vec<String>>> = Vec::new();
    for &(unit, text) in texts {
        // Whole words, hyphens and apostrophes inside them: a candidate never starts or
        // ends inside "Inter-regional".
        let words: Vec<(usize, &str)> = term_words(text)
            .into_iter()
            .map(|w| (w.start, &text[w]))
            .collect();
        let mut chunk: Vec<(usize, &str, Vec<String>)> = Vec::new();
        let mut flush = |chunk: &mut Vec<(usize, &str, Vec<String>)>| {
            for start in 0..chunk.len() {
                for end in start + 1..=(start + MAX_WORDS).min(chunk.len()) {
                    let run = &chunk[start..end];
                    let surface =
                        &text[run[0].0..run[end - start - 1].0 + run[end - start - 1].1.len()];
                    let word_keys: Vec<Vec<String>> = run.iter().map(|w| w.2.clone()).collect();
                    let combos = combinations(&word_keys);
                    let group = combos
                        .iter()
                        .find_map(|c| by_key.get(c).copied())
                        .unwrap_or_else(|| {
                            groups.push((Vec::new(), end - start));
                            keys.push(word_keys.clone());
                            groups.len() - 1
                        });
                    for c in combos {
                        by_key.entry(c).or_insert(group);
                    }
                    groups[group].0.push(Occurrence { unit, surface });
                }
            }
            chunk.clear();
        };
        let mut previous_end = 0;
        for (offset, word) in words {
            let folded = lang.fold(word);
            let gap = &text[previous_end..offset];
            let breaks = gap
                .chars()
                .any(|c| !c.is_whitespace() && c != '-' && c != '\u{2011}');
            if breaks || stops.contains(&folded.as_str()) || folded.chars().all(|c| c.is_numeric())
            {
                flush(&mut chunk);
            }
            if !stops.contains(&folded.as_str()) && !folded.chars().all(|c| c.is_numeric()) {
                chunk.push((offset, word, stemmer.keys(&folded)));
            }
            previous_end = offset + word.len();
        }
        flush(&mut chunk);
    }
    let units = groups
        .iter()
        .map(|(occ, _)| occ.iter().map(|o| o.unit).collect())
        .collect();
    Candidates {
        groups,
        units,
        keys,
    }
}

/// Every sequence taking one key per position.
fn combinations(word_keys: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for options in word_keys {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                options.iter().map(move |k| {
                    let mut p = prefix.clone();
                    p.push(k.clone());
                    p
                })
            })
            .collect();
    }
    out
}

/// Whether `inner`'s key sequence occurs contiguously in `outer`'s.
fn contains(outer: &[Vec<String>], inner: &[Vec<String>]) -> bool {
    outer.len() > inner.len()
        && outer.windows(inner.len()).any(|w| {
            w.iter()
                .zip(inner)
                .all(|(a, b)| a.iter().any(|k| b.contains(k)))
        })
}

fn dictionary_form(lang: &LanguageTag, occurrences: &[Occurrence]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for o in occurrences {
        *counts.entry(o.surface).or_default() += 1;
    }
    let russian = lang.primary() == "ru";
    // Russian case endings the dictionary form of a head noun does not have.
    let oblique = |s: &str| {
        let last = s.rsplit(' ').next().unwrap_or(s);
        russian
            && [
                "у", "ю", "е", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ми",
            ]
            .iter()
            .any(|e| last.ends_with(e))
    };
    let nominative_adjective = |s: &str| {
        russian
            && s.split_whitespace().any(|w| {
                ["ый", "ий", "ой", "ая", "яя", "ое", "ее"]
                    .iter()
                    .any(|e| w.ends_with(e))
            })
    };
    let best = counts.iter().min_by(|(a, ca), (b, cb)| {
        a.chars()
            .count()
            .cmp(&b.chars().count())
            .then(oblique(a).cmp(&oblique(b)))
            .then(nominative_adjective(b).cmp(&nominative_adjective(a)))
            .then(cb.cmp(ca))
            .then(a.cmp(b))
    });
    let Some((&form, _)) = best else {
        return String::new();
    };
    // Capitalised only at a sentence start: when the term also occurs in lower case,
    // propose it as written there, or with its first letter in lower case.
    let lower_elsewhere = occurrences
        .iter()
        .any(|o| o.surface.chars().next().is_some_and(char::is_lowercase));
    let twin = occurrences.iter().map(|o| o.surface).find(|s| {
        s.chars().next().is_some_and(char::is_lowercase) && lang.fold(s) == lang.fold(form)
    });
    let mut chars = form.chars();
    let lowered;
    let form = match (twin, chars.next()) {
        (Some(twin), _) => twin,
        (None, Some(first)) if lower_elsewhere && first.is_uppercase() => {
            lowered = lang.fold(&first.to_string()) + chars.as_str();
            lowered.as_str()
        }
        _ => form,
    };
    // Its other forms, the most frequent first, tell a case form from a dictionary form.
    let mut others: Vec<(&str, usize)> = counts
        .iter()
        .filter(|(s, _)| **s != form)
        .map(|(s, c)| (*s, *c))
        .collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let forms: Vec<&str> = std::iter::once(form)
        .chain(others.iter().map(|(s, _)| *s))
        .collect();
    lemma::common_form(lang, &forms)
}

/// Propose terms found in at least `min_frequency` units, for the languages `langs`
/// (two or three), from units given as one text per language (`None` where a unit has
/// no text in that language). Best first.
pub fn suggest(
    units: &[Vec<Option<&str>>],
    langs: &[LanguageTag],
    min_frequency: usize,
) -> Vec<Suggestion> {
    let per_lang: Vec<Candidates> = langs
        .iter()
        .enumerate()
        .map(|(l, lang)| {
            let texts: Vec<(usize, &str)> = units
                .iter()
                .enumerate()
                .filter_map(|(u, texts)| texts.get(l).copied().flatten().map(|t| (u, t)))
                .collect();
            collect(&texts, lang)
        })
        .collect();
    let frequent: Vec<Vec<usize>> = per_lang
        .iter()
        .map(|c| frequent_groups(c, min_frequency))
        .collect();
    // In how many units each frequent group of the first language meets each frequent
    // group of another: counted unit by unit, never over all pairs of groups.
    let mut in_unit: Vec<HashMap<usize, Vec<usize>>> = vec![HashMap::new(); langs.len()];
    for (l, groups) in frequent.iter().enumerate() {
        for &g in groups {
            for &u in &per_lang[l].units[g] {
                in_unit[l].entry(u).or_default().push(g);
            }
        }
    }
    let mut met: Vec<HashMap<(usize, usize), usize>> = vec![HashMap::new(); langs.len()];
    for (u, firsts) in &in_unit[0] {
        for m in 1..langs.len() {
            for &h in in_unit[m].get(u).into_iter().flatten() {
                for &g in firsts {
                    *met[m].entry((g, h)).or_default() += 1;
                }
            }
        }
    }
    let mut partners: Vec<HashMap<usize, Vec<(usize, usize)>>> = vec![HashMap::new(); langs.len()];
    for (m, counts) in met.iter().enumerate() {
        for (&(g, h), &n) in counts {
            partners[m].entry(g).or_default().push((h, n));
        }
    }
    let mut out: Vec<Suggestion> = Vec::new();
    for &g in &frequent[0] {
        let mut chosen = vec![g];
        let mut least = 1.0f64;
        for m in 1..langs.len() {
            let dice = |&(h, n): &(usize, usize)| {
                2.0 * n as f64 / (per_lang[0].units[g].len() + per_lang[m].units[h].len()) as f64
            };
            let best = partners[m]
                .get(&g)
                .into_iter()
                .flatten()
                .map(|p| (dice(p), per_lang[m].groups[p.0].1, p.0))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
            match best {
                Some((d, _, h)) if d >= 0.5 => {
                    least = least.min(d);
                    chosen.push(h);
                }
                _ => break,
            }
        }
        if chosen.len() < langs.len() {
            continue;
        }
        let mut together: BTreeSet<usize> = per_lang[0].units[g].clone();
        for (m, &h) in chosen.iter().enumerate().skip(1) {
            together = together
                .intersection(&per_lang[m].units[h])
                .copied()
                .collect();
        }
        if together.len() < min_frequency {
            continue;
        }
        out.push(Suggestion {
            terms: chosen
                .iter()
                .enumerate()
                .map(|(m, &h)| {
                    (
                        langs[m].clone(),
                        dictionary_form(&langs[m], &per_lang[m].groups[h].0),
                    )
                })
                .collect(),
            frequency: together.len(),
            dice: least,
            examples: together.into_iter().take(5).collect(),
        });
    }
    let mut out = merge_same_forms(out);
    out.sort_by(|a, b| {
        let weight = |s: &Suggestion| s.dice * (1.0 + s.frequency as f64).ln();
        weight(b)
            .total_cmp(&weight(a))
            .then(b.terms[0].1.len().cmp(&a.terms[0].1.len()))
    });
    out
}

/// Suggestions whose groups of forms came out as the same dictionary forms made one:
/// counts summed, the weaker association kept, examples joined.
fn merge_same_forms(found: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for s in found {
        match out.iter_mut().find(|o| o.terms == s.terms) {
            Some(o) => {
                o.frequency += s.frequency;
                o.dice = o.dice.min(s.dice);
                for e in s.examples {
                    if o.examples.len() < 5 && !o.examples.contains(&e) {
                        o.examples.push(e);
                    }
                }
                o.examples.sort_unstable();
            }
            None => out.push(s),
        }
    }
    out
}

/// The groups occurring in at least `min_frequency` units, less those inside a longer
/// group that occurs in exactly the same units (they say nothing new).
fn frequent_groups(c: &Candidates, min_frequency: usize) -> Vec<usize> {
    let mut by_units: HashMap<&BTreeSet<usize>, Vec<usize>> = HashMap::new();
    for g in (0..c.groups.len()).filter(|&g| c.units[g].len() >= min_frequency.max(1)) {
        by_units.entry(&c.units[g]).or_default().push(g);
    }
    let mut out: Vec<usize> = by_units
        .values()
        .flat_map(|same| {
            same.iter().copied().filter(|&g| {
                !same
                    .iter()
                    .any(|&h| h != g && contains(&c.keys[h], &c.keys[g]))
            })
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: &[[&str; 3]] = &[
        [
            "Межрегиональный форум открылся в Баку.",
            "Regionlararası forum Bakıda açılıb.",
            "The inter-regional forum opened in Baku.",
        ],
        [
            "Участники межрегионального форума обсудили торговлю.",
            "Regionlararası forumun iştirakçıları ticarəti müzakirə ediblər.",
            "Participants of the inter-regional forum discussed trade.",
        ],
        [
            "На межрегиональном форуме подписаны соглашения.",
            "Regionlararası forumda sazişlər imzalanıb.",
            "Agreements were signed at the inter-regional forum.",
        ],
        [
            "Следующий межрегиональный форум пройдет в Казани.",
            "Növbəti regionlararası forum Kazanda keçiriləcək.",
            "The next inter-regional forum will be held in Kazan.",
        ],
        [
            "Стороны обсудили стратегическое партнерство.",
            "Tərəflər strateji tərəfdaşlığı müzakirə ediblər.",
            "The parties discussed the strategic partnership.",
        ],
        [
            "Стратегическое партнерство укрепляется.",
            "Strateji tərəfdaşlıq möhkəmlənir.",
            "The strategic partnership is growing stronger.",
        ],
        [
            "Торговля выросла на 12%.",
            "Ticarət 12% artıb.",
            "Trade grew by 12%.",
        ],
    ];

    fn langs() -> Vec<LanguageTag> {
        ["ru", "az", "en"]
            .iter()
            .map(|t| LanguageTag::parse(t).unwrap())
            .collect()
    }

    fn run(min_frequency: usize) -> Vec<Suggestion> {
        let units: Vec<Vec<Option<&str>>> = UNITS
            .iter()
            .map(|u| u.iter().map(|t| Some(*t)).collect())
            .collect();
        suggest(&units, &langs(), min_frequency)
    }

    fn terms(s: &Suggestion) -> Vec<&str> {
        s.terms.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn the_forum_comes_first_in_dictionary_form() {
        let found = run(2);
        assert_eq!(
            terms(&found[0]),
            [
                "межрегиональный форум",
                "regionlararası forum",
                "inter-regional forum"
            ]
        );
        assert_eq!(found[0].frequency, 4);
        assert_eq!(found[0].examples, [0, 1, 2, 3]);
        assert!((found[0].dice - 1.0).abs() < 1e-9);
    }

    #[test]
    fn pairs_inflected_two_word_terms_and_drops_their_parts() {
        let found = run(2);
        let all: Vec<Vec<&str>> = found.iter().map(terms).collect();
        assert!(
            all.contains(&vec![
                "стратегическое партнерство",
                "strateji tərəfdaşlıq",
                "strategic partnership"
            ]),
            "{all:?}"
        );
        assert!(
            !all.iter().any(|t| t[0] == "форум"),
            "a part with the same units is dropped: {all:?}"
        );
        assert!(
            all.contains(&vec!["торговля", "ticarət", "trade"]),
            "nominative, lower case: {all:?}"
        );
    }

    #[test]
    fn no_candidate_starts_or_ends_inside_a_hyphenated_word() {
        let units: Vec<Vec<Option<&str>>> = [
            (
                "Открылся X Российско-Азербайджанский форум.",
                "The Tenth Russian-Azerbaijani Inter-Regional Forum opened.",
            ),
            (
                "Закрылся X Российско-Азербайджанский форум.",
                "The Tenth Russian-Azerbaijani Inter-Regional Forum closed.",
            ),
        ]
        .iter()
        .map(|(ru, en)| vec![Some(*ru), Some(*en)])
        .collect();
        let found = suggest(
            &units,
            &[
                LanguageTag::parse("ru").unwrap(),
                LanguageTag::parse("en").unwrap(),
            ],
            2,
        );
        for s in &found {
            let en = &s.terms[1].1;
            let text = units[0][1].unwrap();
            let at = text
                .find(en.as_str())
                .unwrap_or_else(|| panic!("{en} not as written"));
            assert!(
                crate::words::is_whole_words(text, at..at + en.len()),
                "fragment {en:?}"
            );
        }
        assert!(!found.is_empty());
    }

    #[test]
    fn case_forms_are_one_suggestion_in_dictionary_form() {
        let units: Vec<Vec<Option<&str>>> = [
            (
                "Грузы идут по коридору.",
                "Freight goes along the corridor.",
            ),
            (
                "Развитие коридора обсудили.",
                "The development of the corridor was discussed.",
            ),
            (
                "Объем перевозок по коридору вырос.",
                "Traffic along the corridor grew.",
            ),
        ]
        .iter()
        .map(|(ru, en)| vec![Some(*ru), Some(*en)])
        .collect();
        let found = suggest(
            &units,
            &[
                LanguageTag::parse("ru").unwrap(),
                LanguageTag::parse("en").unwrap(),
            ],
            2,
        );
        let corridor: Vec<&Suggestion> = found
            .iter()
            .filter(|s| s.terms[1].1 == "corridor")
            .collect();
        assert_eq!(corridor.len(), 1, "{found:?}");
        assert_eq!(corridor[0].terms[0].1, "коридор");
        assert_eq!(corridor[0].frequency, 3);
    }

    #[test]
    fn suggestions_of_the_same_forms_are_merged_with_their_counts_summed() {
        let s = |ru: &str, frequency: usize, examples: Vec<usize>| Suggestion {
            terms: vec![
                (LanguageTag::parse("ru").unwrap(), ru.to_string()),
                (LanguageTag::parse("en").unwrap(), "corridor".to_string()),
            ],
            frequency,
            dice: 0.8,
            examples,
        };
        let merged = merge_same_forms(vec![
            s("коридор", 2, vec![0, 4]),
            s("форум", 2, vec![1, 2]),
            s("коридор", 3, vec![1, 4]),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].frequency, 5);
        assert_eq!(merged[0].examples, [0, 1, 4]);
    }

    #[test]
    fn a_single_occurrence_is_no_evidence() {
        let found = run(2);
        assert!(
            !found.iter().any(|s| s.terms[2].1.contains("Kazan")),
            "{:?}",
            found.iter().map(terms).collect::<Vec<_>>()
        );
        assert!(run(5).is_empty(), "nothing occurs in five units");
    }
}
