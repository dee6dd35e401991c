//! The dictionary form of a term found in running text: what "quick add" proposes and
//! what term suggestions merge their case forms into.
//!
//! Without a dictionary (decision recorded in `docs/benchmarks.md`: `rsmorphy` is a 2018
//! work in progress with a 7 MB dictionary and unmaintained dependencies) the form is
//! read from the endings the stemmers already know:
//!
//! - Russian: a term is leading adjectives, a head noun and words depending on it
//!   ("Корейского полуострова", "заседание межправительственной комиссии"). The
//!   adjectives and the head are put in the nominative of the gender and number they
//!   agree in; the dependents keep their case.
//! - Azerbaijani: only the last word inflects. Its case, plural and possessive
//!   suffixes go; in a phrase the third person possessive of an izafet head stays
//!   ("Azərbaycan Respublikasının" → "Azərbaycan Respublikası"). A `ğ` or a `y` bared at
//!   the end of a polysyllabic base is written back as `q` or `k` (`bayrağı` →
//!   `bayraq`, `ürəyi` → `ürək`).
//! - English: a regular plural last word becomes singular only when that is safe:
//!   lower case (capitalised plurals are names: "United Nations"), no "of" phrase (whose
//!   head is not the last word) and no `-ss`/`-us`/`-is` word.
//!
//! Other languages, and words written in capitals (acronyms), are left as written. The
//! letters kept are the text's own, so its capitals stay.

use super::ru::{self, DECLENSIONS, MIN_BASE, Slots, VOWELS};
use super::{az, en};
use crate::lang::LanguageTag;

/// The proposed dictionary form of `phrase` (whole words, as [`crate::words::snap`]
/// gives them) in language `lang`.
pub fn dictionary_form(lang: &LanguageTag, phrase: &str) -> String {
    match lang.primary() {
        "ru" => russian(phrase),
        "az" if !lang.writes_cyrillic() => azerbaijani(lang, phrase),
        "en" => english(phrase),
        _ => phrase.to_string(),
    }
}

/// A word of a phrase: where its declining part starts (after the last hyphen of a
/// compound: "российско-азербайджанского") and where it ends.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(phrase: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = 0;
    for token in phrase.split_inclusive(char::is_whitespace) {
        let word = token.trim_end();
        let start = word.rfind('-').map_or(at, |h| at + h + 1);
        out.push(Word {
            start,
            end: at + word.len(),
        });
        at += token.len();
    }
    out.retain(|w| w.end > w.start);
    out
}

/// Whether the word is written in capitals (an acronym: "ООН", "NATO"), which never
/// declines in a way endings can read.
fn is_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// `written` with its first `keep` letters kept as written and `ending` after them.
fn respell(written: &str, keep: usize, ending: &str) -> String {
    let mut out: String = written.chars().take(keep).collect();
    out.push_str(ending);
    out
}

/// Replace the words `changes` ((word, new spelling)) in `phrase`.
fn rewrite(phrase: &str, words: &[Word], changes: &[(usize, String)]) -> String {
    let mut out = String::with_capacity(phrase.len() + 8);
    let mut at = 0;
    for (i, text) in changes {
        let w = words[*i];
        out.push_str(&phrase[at..w.start]);
        out.push_str(text);
        at = w.end;
    }
    out.push_str(&phrase[at..]);
    out
}

const SINGULAR: Slots = (1 << 18) - 1;
const MASCULINE: Slots = ru::m(0b11_1111);
const FEMININE: Slots = ru::f(0b11_1111);
const NEUTER: Slots = ru::n(0b11_1111);
/// The nominative in every gender and number.
const NOMINATIVE: Slots = ru::m(ru::NOM) | ru::f(ru::NOM) | ru::n(ru::NOM) | ru::pl(ru::NOM);

/// A reading of a Russian noun form: its lemma (lower case), the slots the form fills
/// in that reading, the letters of the form the lemma keeps, its declension's lemma
/// ending, and how likely the reading is (lower first).
#[derive(Debug, Clone)]
struct NounReading {
    lemma: String,
    slots: Slots,
    keep: usize,
    /// What the lemma has after the kept letters: the declension's ending, or "ец" where
    /// a fleeting vowel comes back.
    tail: String,
    declension: &'static str,
    rank: u8,
}

fn ends_hushing_or_velar(base: &str) -> bool {
    base.chars().last().is_some_and(|c| "кгхжшчщ".contains(c))
}

/// Every reading of a lower-cased Russian noun form that the declension tables allow,
/// with a spelling check of the base against the declension.
fn noun_readings(form: &str) -> Vec<NounReading> {
    let mut out = Vec::new();
    for &(lemma_ending, endings) in DECLENSIONS {
        for &(ending, slots) in endings {
            let Some(base) = form.strip_suffix(ending) else {
                continue;
            };
            let letters = base.chars().count();
            let last = base.chars().last();
            if letters < MIN_BASE {
                continue;
            }
            let vowel_final = last.is_some_and(|c| VOWELS.contains(c));
            let consonant_final = last.is_some_and(ru::is_consonant);
            // The spelling rules: -ы never after к г х ж ш ч щ, -и after them in the
            // hard declensions; the -й declension and -я after a vowel need a vowel base.
            let spelled = match lemma_ending {
                "" | "а" | "о" => {
                    consonant_final
                        && match ending {
                            "ы" => !ends_hushing_or_velar(base),
                            "и" => ends_hushing_or_velar(base),
                            // Unstressed -ем, -ей of hard nouns only after ж ш ч щ ц
                            // ("товарищем"); after others they are the soft nouns'.
                            "ем" | "ей" => base.ends_with(['ж', 'ш', 'ч', 'щ', 'ц']),
                            "ям" | "ями" | "ях" => false,
                            _ => true,
                        }
                }
                "ь" => consonant_final,
                "й" => vowel_final,
                "я" => vowel_final || consonant_final,
                "е" => last.is_some_and(|c| "цщжшчлр".contains(c)),
                _ => true,
            };
            if !spelled {
                continue;
            }
            let neuter_base = base.ends_with("ств") || NEUTER_IN_O.contains(&base);
            // Verbal nouns in -ение/-ание are neuter; other -ия/-ие pairs feminine.
            let verbal = base.ends_with("ен") || base.ends_with("ан");
            let rank = match lemma_ending {
                "ие" if verbal => 1,
                "ия" if !verbal => 1,
                "ия" | "ие" => 2,
                "" if neuter_base => 4,
                "" => 1,
                "о" if neuter_base => 1,
                "ь" if base.ends_with("ст") || base.ends_with("сть") => 1,
                "а" | "я" => 2,
                "ь" | "й" => 3,
                "о" => 4,
                _ => 5,
            };
            // "переселенца", "отца": the -е- of "-ец" drops in every other form.
            let mut before_c = base.chars().rev();
            let fleeting = lemma_ending.is_empty()
                && !ending.is_empty()
                && before_c.next() == Some('ц')
                && before_c.next().is_some_and(ru::is_consonant);
            let (keep, tail) = if fleeting {
                (letters - 1, "ец".to_string())
            } else {
                (letters, lemma_ending.to_string())
            };
            let kept: String = base.chars().take(keep).collect();
            out.push(NounReading {
                lemma: format!("{kept}{tail}"),
                slots,
                keep,
                tail,
                declension: lemma_ending,
                rank,
            });
        }
    }
    out
}

/// Bases of common neuter nouns in -о outside the -ство family, whose oblique forms
/// ("права", "письмом") read as masculine otherwise: the words of diplomatic news.
const NEUTER_IN_O: &[&str] = &[
    "прав",
    "письм",
    "мест",
    "дел",
    "слов",
    "сел",
    "числ",
    "лиц",
    "правил",
    "окн",
    "судн",
];

/// The nominative plural ending of a declension after `base`.
fn plural_ending(declension: &str, base: &str) -> &'static str {
    match declension {
        "ия" | "ие" => {
            if declension == "ия" {
                "ии"
            } else {
                "ия"
            }
        }
        "о" => "а",
        "е" => "я",
        "я" | "ь" | "й" => "и",
        _ if ends_hushing_or_velar(base) => "и",
        _ => "ы",
    }
}

/// The nominative of a lower-cased adjective form in the gender or number `slots`
/// names, as (letters kept, ending); `None` when the word does not end as an adjective.
fn adjective_nominative(form: &str, slots: Slots) -> Option<(usize, &'static str)> {
    let (ending, _) = ru::ADJECTIVE
        .iter()
        .filter(|(e, s)| form.ends_with(e) && s & slots != 0)
        .max_by_key(|(e, _)| e.len())?;
    let base = &form[..form.len() - ending.len()];
    let velar = base.chars().last().is_some_and(|c| "кгх".contains(c));
    let hushing = base.chars().last().is_some_and(|c| "жшчщ".contains(c));
    let soft = !velar && !hushing && ending.starts_with(['е', 'и', 'я', 'ю']);
    let nominative = if slots & MASCULINE != 0 {
        // A nominative masculine in -ой ("мировой") stays as written.
        if *ending == "ой" && slots & ru::m(ru::NOM) != 0 {
            "ой"
        } else if soft || velar || hushing {
            "ий"
        } else {
            "ый"
        }
    } else if slots & FEMININE != 0 {
        if soft { "яя" } else { "ая" }
    } else if slots & NEUTER != 0 {
        if soft || hushing { "ее" } else { "ое" }
    } else if soft || velar || hushing {
        "ие"
    } else {
        "ые"
    };
    Some((base.chars().count(), nominative))
}

fn russian(phrase: &str) -> String {
    let words = words(phrase);
    let lower: Vec<String> = words
        .iter()
        .map(|w| phrase[w.start..w.end].to_lowercase())
        .collect();
    let declines = |i: usize| !is_capitals(&phrase[words[i].start..words[i].end]);
    // Leading adjectives, as many as agree with the noun after them.
    let leading = (0..words.len())
        .take_while(|&i| i + 1 < words.len() && declines(i) && ru::modifier_slots(&lower[i]) != 0)
        .count();
    for adjectives in (0..=leading).rev() {
        let head = adjectives;
        if head >= words.len() || !declines(head) {
            continue;
        }
        let agreed = lower[..adjectives]
            .iter()
            .fold(ru::pl((1 << 6) - 1) | SINGULAR, |s, a| {
                s & ru::modifier_slots(a)
            });
        // A dictionary form first, then the likeliest reading.
        let best = noun_readings(&lower[head])
            .into_iter()
            .filter(|r| r.slots & agreed != 0)
            .min_by_key(|r| {
                // "нотой" is no masculine in -й that "вербальной" could agree with.
                let odd =
                    r.declension == "й" && (r.lemma.ends_with("ой") || r.lemma.ends_with("ей"));
                let as_written =
                    r.lemma == lower[head] && r.slots & agreed & NOMINATIVE != 0 && !odd;
                (!as_written, r.rank)
            });
        let Some(reading) = best else { continue };
        // A noun alone may be a loan that does not decline ("Баку") or a verb: only the
        // endings of the -ия/-ие nouns say a case on their own.
        let distinctive = matches!(reading.declension, "ия" | "ие")
            && lower[head].chars().count() > reading.keep + 1;
        if adjectives == 0 && reading.lemma != lower[head] && !distinctive {
            return phrase.to_string();
        }
        let slots = reading.slots & agreed;
        // Singular where the form may be singular; a plural-only agreement keeps the
        // plural ("двусторонних отношений" → "двусторонние отношения").
        let slots = if slots & SINGULAR != 0 {
            slots & SINGULAR
        } else {
            slots
        };
        let written = |i: usize| &phrase[words[i].start..words[i].end];
        let mut changes: Vec<(usize, String)> = Vec::new();
        for (i, adjective) in lower[..adjectives].iter().enumerate() {
            if let Some((keep, ending)) = adjective_nominative(adjective, slots) {
                changes.push((i, respell(written(i), keep, ending)));
            }
        }
        let noun = if slots & SINGULAR != 0 {
            respell(written(head), reading.keep, &reading.tail)
        } else {
            let base: String = lower[head].chars().take(reading.keep).collect();
            respell(
                written(head),
                base.chars().count(),
                plural_ending(reading.declension, &base),
            )
        };
        changes.push((head, noun));
        return rewrite(phrase, &words, &changes);
    }
    phrase.to_string()
}

/// The dictionary form of a term seen in several forms (`forms`, the likeliest first,
/// whole words): what term suggestions propose for a group of case forms. A Russian
/// single word takes the lemma every one of its forms can have ("коридора", "коридору",
/// "коридоров" → "коридор", where "коридора" alone could be a feminine nominative);
/// anything else the [`dictionary_form`] of the first form.
pub fn common_form(lang: &LanguageTag, forms: &[&str]) -> String {
    let Some(&first) = forms.first() else {
        return String::new();
    };
    if lang.primary() == "az" && !lang.writes_cyrillic() {
        return azerbaijani_common(lang, forms);
    }
    let single = |f: &&str| !f.contains(char::is_whitespace);
    if lang.primary() != "ru" || forms.len() < 2 || !forms.iter().all(single) || is_capitals(first)
    {
        return dictionary_form(lang, first);
    }
    let lower: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
    let shared = |lemma: &str| {
        lower[1..]
            .iter()
            .all(|f| noun_readings(f).iter().any(|r| r.lemma == lemma))
    };
    // Running text uses a noun in the singular most: the lemma that reads more of the
    // forms as singular case forms wins ("страна" of "страны", "стране", not "стран").
    let singular_forms = |lemma: &str| {
        lower
            .iter()
            .filter(|f| {
                noun_readings(f)
                    .iter()
                    .any(|r| r.lemma == lemma && r.slots & SINGULAR != 0)
            })
            .count()
    };
    let best = noun_readings(&lower[0])
        .into_iter()
        .filter(|r| shared(&r.lemma))
        .map(|r| (singular_forms(&r.lemma), r))
        .min_by_key(|(singular, r)| {
            let as_written = r.lemma == lower[0] && r.slots & NOMINATIVE != 0;
            (usize::MAX - singular, r.rank, !as_written)
        });
    // Two singular case forms at least: verbs ("обсудил", "обсудили") read as nouns
    // only through one odd reading.
    match best {
        Some((singular, r)) if singular >= 2 => respell(first, r.keep, &r.tail),
        _ => dictionary_form(lang, first),
    }
}

/// The Azerbaijani [`common_form`]: forms that differ only in their last word's
/// suffixes ("forumda", "forumu", "forumlar") share bases; the longest base every form
/// has (by its comparison key, so "bayrağı" and "bayraq" meet) is the dictionary form.
/// A form seen alone is its own [`dictionary_form`].
fn azerbaijani_common(lang: &LanguageTag, forms: &[&str]) -> String {
    let first = forms[0];
    let split = |f: &str| {
        let at = f.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        (f[..at].to_string(), lang.fold(&f[at..]))
    };
    let (lead, last) = split(first);
    let others: Vec<(String, String)> = forms[1..].iter().map(|f| split(f)).collect();
    let same_lead = others.iter().all(|(l, _)| lang.fold(l) == lang.fold(&lead));
    if forms.len() < 2 || !same_lead || last.chars().count() != first[lead.len()..].chars().count()
    {
        return dictionary_form(lang, first);
    }
    let keys_of: Vec<Vec<String>> = others.iter().map(|(_, w)| az::keys(w)).collect();
    let shared = az::analyses(&last)
        .into_iter()
        .filter(|b| {
            b.chars().count() >= 3
                && az_strippable(&last, b)
                && keys_of.iter().all(|keys| keys.contains(&az::key(b)))
        })
        .max_by_key(|b| b.len());
    match shared {
        Some(base) => format!("{lead}{}", az_respell(&first[lead.len()..], &last, base)),
        None => dictionary_form(lang, first),
    }
}

fn azerbaijani(lang: &LanguageTag, phrase: &str) -> String {
    let words = words(phrase);
    let Some(&last) = words.last() else {
        return phrase.to_string();
    };
    let written = &phrase[last.start..last.end];
    let folded = lang.fold(written);
    if is_capitals(written) || folded.chars().count() != written.chars().count() {
        return phrase.to_string();
    }
    let analyses = az::analyses(&folded);
    let long_enough: Vec<&str> = analyses
        .into_iter()
        .filter(|b| b.chars().count() >= 3 && az_strippable(&folded, b))
        .collect();
    let possessive = long_enough
        .iter()
        // After the possessive a case takes the buffer `n` (Respublikası-nın): a base
        // followed by anything else had some other suffix read off it.
        .filter(|b| {
            words.len() > 1
                && az::izafet_base(b).is_some()
                && (b.len() == folded.len() || folded[b.len()..].starts_with('n'))
        })
        .min_by_key(|b| b.len());
    let base: &str = possessive
        .or_else(|| long_enough.iter().min_by_key(|b| b.len()))
        .copied()
        .unwrap_or(&folded);
    if base.len() == folded.len() {
        return phrase.to_string();
    }
    rewrite(
        phrase,
        &words,
        &[(words.len() - 1, az_respell(written, &folded, base))],
    )
}

/// Whether the suffixes after `base` in the folded word `folded` may be taken off.
/// Without a dictionary "qadın" may be "qad" + genitive and "ölkə" "ölk" + dative, so
/// only suffixes that begin with a consonant are ("forum-da", "forum-larında",
/// "Menqa-nın"), never the first and second person possessives (`-m`, `-s` of "my",
/// "his" after a vowel) that words without them often look like; a vowel suffix only
/// where it bared a `ğ` or `y` no dictionary form of a polysyllable ends in
/// ("bayrağ-ı", "ürəy-i").
fn az_strippable(folded: &str, base: &str) -> bool {
    let vowel = |c: char| "aıoueəiöü".contains(c);
    let polysyllable = base.chars().filter(|&c| vowel(c)).count() >= 2;
    match folded[base.len()..].chars().next() {
        None => true,
        Some(c) if vowel(c) => polysyllable && (base.ends_with('ğ') || base.ends_with('y')),
        Some(c) => !matches!(c, 'm' | 's'),
    }
}

/// `written` cut to `base` (a prefix of `folded`, its folded form), with a final `ğ` or
/// `y` of a polysyllable that a suffix vowel voiced written back as `q` or `k`.
fn az_respell(written: &str, folded: &str, base: &str) -> String {
    let keep = base.chars().count();
    let vowels = base.chars().filter(|c| "aıoueəiöü".contains(*c)).count();
    let voiced = vowels >= 2
        && folded[base.len()..]
            .chars()
            .next()
            .is_some_and(|c| "aıoueəiöü".contains(c));
    match base.chars().last() {
        Some('ğ') if voiced => respell(written, keep - 1, "q"),
        Some('y') if voiced => respell(written, keep - 1, "k"),
        _ => respell(written, keep, ""),
    }
}

fn english(phrase: &str) -> String {
    let words = words(phrase);
    let Some(&last) = words.last() else {
        return phrase.to_string();
    };
    let written = &phrase[last.start..last.end];
    let of_phrase = phrase
        .split_whitespace()
        .any(|w| matches!(w, "of" | "for" | "on" | "in"));
    if of_phrase || written.chars().any(|c| !c.is_ascii_lowercase()) {
        return phrase.to_string();
    }
    let singular = match en::split(written) {
        (base, "") if base.len() == written.len() => return phrase.to_string(),
        (base, ending) => format!("{base}{ending}"),
    };
    rewrite(phrase, &words, &[(words.len() - 1, singular)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(lang: &str, phrase: &str) -> String {
        dictionary_form(&LanguageTag::parse(lang).unwrap(), phrase)
    }

    #[test]
    fn russian_adjective_noun_phrases() {
        for (oblique, lemma) in [
            ("Корейского полуострова", "Корейский полуостров"),
            ("Генеральной Ассамблеи", "Генеральная Ассамблея"),
            ("Генеральной Ассамблеи ООН", "Генеральная Ассамблея ООН"),
            ("межрегиональном форуме", "межрегиональный форум"),
            ("внешней политики", "внешняя политика"),
            ("международного соглашения", "международное соглашение"),
            ("стратегическим партнерством", "стратегическое партнерство"),
            (
                "российско-азербайджанского межрегионального форума",
                "российско-азербайджанский межрегиональный форум",
            ),
            ("двусторонних отношений", "двусторонние отношения"),
            ("Российской Федерации", "Российская Федерация"),
            ("национальной безопасности", "национальная безопасность"),
            (
                "заседании межправительственной комиссии",
                "заседание межправительственной комиссии",
            ),
        ] {
            assert_eq!(form("ru", oblique), lemma, "{oblique}");
        }
    }

    /// Adjective + noun terms of the starter glossary (`glossary/diplomatic.tsv`) put in
    /// oblique cases by hand; the share proposed right is in `docs/benchmarks.md`.
    const STARTER_IN_CASES: &[(&str, &str)] = &[
        ("межрегионального форума", "межрегиональный форум"),
        ("стратегическим партнерством", "стратегическое партнерство"),
        ("двусторонних отношений", "двусторонние отношения"),
        ("официального визита", "официальный визит"),
        ("государственном визите", "государственный визит"),
        ("рабочим визитом", "рабочий визит"),
        ("совместного заявления", "совместное заявление"),
        ("совместной декларации", "совместная декларация"),
        (
            "межправительственной комиссии",
            "межправительственная комиссия",
        ),
        (
            "межправительственным соглашением",
            "межправительственное соглашение",
        ),
        ("пленарном заседании", "пленарное заседание"),
        ("генерального консульства", "генеральное консульство"),
        ("территориальной целостности", "территориальная целостность"),
        ("мирного договора", "мирный договор"),
        ("региональной безопасности", "региональная безопасность"),
        ("энергетическую безопасность", "энергетическая безопасность"),
        (
            "экономического сотрудничества",
            "экономическое сотрудничество",
        ),
        ("совместным предприятием", "совместное предприятие"),
        ("дорожной карты", "дорожная карта"),
        ("транспортного коридора", "транспортный коридор"),
        ("сельского хозяйства", "сельское хозяйство"),
        ("двусторонней встречи", "двусторонняя встреча"),
        ("трехстороннем формате", "трехсторонний формат"),
        ("официальном приеме", "официальный прием"),
        ("почетного караула", "почетный караул"),
        ("телефонного разговора", "телефонный разговор"),
        ("политических консультаций", "политические консультации"),
        ("верительной грамоты", "верительная грамота"),
        ("дипломатических отношений", "дипломатические отношения"),
        (
            "постоянного представительства",
            "постоянное представительство",
        ),
        ("постоянным представителем", "постоянный представитель"),
        ("специального посланника", "специальный посланник"),
        ("дипломатического корпуса", "дипломатический корпус"),
        ("вербальной нотой", "вербальная нота"),
        ("рабочей группы", "рабочая группа"),
        ("круглого стола", "круглый стол"),
        ("внешней политики", "внешняя политика"),
        ("национального интереса", "национальный интерес"),
        ("взаимного доверия", "взаимное доверие"),
        ("визового режима", "визовый режим"),
        ("Государственной Думы", "Государственная Дума"),
        ("президентских выборов", "президентские выборы"),
        ("генерального секретаря", "генеральный секретарь"),
        ("Всемирного банка", "Всемирный банк"),
        ("Европейской комиссии", "Европейская комиссия"),
        ("Европейском парламенте", "Европейский парламент"),
        ("международного права", "международное право"),
        ("мирному процессу", "мирный процесс"),
        ("государственной границы", "государственная граница"),
        ("вынужденного переселенца", "вынужденный переселенец"),
        (
            "продовольственной безопасности",
            "продовольственная безопасность",
        ),
        ("освобожденной территории", "освобожденная территория"),
        ("культурного сотрудничества", "культурное сотрудничество"),
        (
            "межпарламентским сотрудничеством",
            "межпарламентское сотрудничество",
        ),
        ("Шушинской декларации", "Шушинская декларация"),
        ("мирной повестки", "мирная повестка"),
        ("безвизового режима", "безвизовый режим"),
        ("поздравительным письмом", "поздравительное письмо"),
        ("добрососедских отношениях", "добрососедские отношения"),
        ("цифровой технологии", "цифровая технология"),
    ];

    #[test]
    fn starter_terms_in_oblique_cases_get_their_dictionary_form() {
        let wrong: Vec<(&str, String)> = STARTER_IN_CASES
            .iter()
            .map(|(oblique, lemma)| (*lemma, form("ru", oblique)))
            .filter(|(lemma, got)| lemma != got)
            .collect();
        let right = STARTER_IN_CASES.len() - wrong.len();
        println!(
            "{right} of {} right; wrong: {wrong:?}",
            STARTER_IN_CASES.len()
        );
        assert_eq!(right, STARTER_IN_CASES.len(), "{wrong:?}");
    }

    #[test]
    fn russian_dictionary_forms_and_acronyms_stay() {
        for phrase in [
            "Генеральная Ассамблея",
            "ООН",
            "Совет Безопасности ООН",
            "страна",
            "Корейский полуостров",
        ] {
            assert_eq!(form("ru", phrase), phrase);
        }
    }

    #[test]
    fn azerbaijani_case_and_possessive_suffixes_go() {
        for (inflected, lemma) in [
            ("regionlararası forumda", "regionlararası forum"),
            ("forumlarında", "forum"),
            ("Azərbaycan Respublikasının", "Azərbaycan Respublikası"),
            ("nümayəndə heyətinin", "nümayəndə heyəti"),
            ("bayrağı", "bayraq"),
            ("ürəyi", "ürək"),
            ("Menqanın", "Menqa"),
            // A vowel suffix could be part of the stem: left for the translator.
            ("qadın", "qadın"),
            ("ölkə", "ölkə"),
            ("regionlararası", "regionlararası"),
            ("İslam", "İslam"),
        ] {
            assert_eq!(form("az", inflected), lemma, "{inflected}");
        }
    }

    #[test]
    fn english_plural_heads_only_when_safe() {
        for (plural, singular) in [
            ("bilateral negotiations", "bilateral negotiation"),
            ("treaties", "treaty"),
            ("United Nations", "United Nations"),
            ("Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
            ("status", "status"),
            ("crisis", "crisis"),
        ] {
            assert_eq!(form("en", plural), singular, "{plural}");
        }
    }

    #[test]
    fn case_forms_seen_together_share_one_lemma() {
        let ru = LanguageTag::parse("ru").unwrap();
        assert_eq!(
            common_form(&ru, &["коридора", "коридору", "коридоров"]),
            "коридор"
        );
        assert_eq!(common_form(&ru, &["Страны", "стране"]), "Страна");
        assert_eq!(common_form(&ru, &["недели", "неделю"]), "неделя");
        // One form, or a phrase: its own dictionary form.
        assert_eq!(common_form(&ru, &["коридора"]), "коридора");
        assert_eq!(
            common_form(&ru, &["Корейского полуострова", "Корейском полуострове"]),
            "Корейский полуостров"
        );
    }

    #[test]
    fn azerbaijani_forms_seen_together_share_their_longest_base() {
        let az = LanguageTag::parse("az").unwrap();
        for (forms, lemma) in [
            (&["forumda", "forumu", "forumlar"][..], "forum"),
            (&["qadın", "qadınlar"][..], "qadın"),
            (&["ölkə", "ölkələr"][..], "ölkə"),
            (
                &["regionlararası forumda", "regionlararası forumu"][..],
                "regionlararası forum",
            ),
            (&["bayrağı", "bayraq"][..], "bayraq"),
            (&["qadın"][..], "qadın"),
        ] {
            assert_eq!(common_form(&az, forms), lemma, "{forms:?}");
        }
    }

    #[test]
    fn other_languages_stay_as_written() {
        assert_eq!(form("tr", "forumda"), "forumda");
        assert_eq!(form("az-Cyrl", "форумда"), "форумда");
    }
}
