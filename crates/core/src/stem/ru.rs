//! Russian noun and adjective inflection for term matching.
//!
//! Snowball's Russian stemmer cuts to a stem without looking at the word's declension,
//! so "Дания" (Denmark) and "данные" (data) both become "дан", and "Китай" and "Китая"
//! get different stems. Terms are nouns and adjectives in dictionary form, so this module
//! reads the declension off the lemma's ending instead: the base is the lemma without
//! its ending, and a form matches when it is the base plus an ending of that declension.
//! "Китай" (й-declension) has base "кита" and accepts "китая", "китаю", "китаем";
//! "Дания" (ия-declension) has base "дан" and accepts "дании", but not "данные".
//!
//! A text word can end in several ways, so [`keys`] lists every base it may have, as
//! the Azerbaijani analyser does; [`accepts`] then checks the ending belongs to the
//! lemma's declension. Plural-only names ("Нидерланды") and entries in the plural
//! ("санкции") decline as plurals. Masculine nouns whose last vowel drops ("посол" →
//! "посла", "отец" → "отца", "день" → "дня", "заем" → "займа") have a second base
//! without it; a text word's keys put the vowel back. Not handled: consonant
//! alternations, where a form simply fails to match.

/// Adjective endings, for lemmas in -ый/-ий/-ой/-ая/-яя/-ое/-ее/-ые/-ие. The feminine
/// oblique cases are -ой/-ою after a hard stem and -ей/-ею after a soft or hushing one
/// ("внутренней", "рабочей", "двусторонней").
const ADJECTIVE: &[&str] = &[
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
    "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей", "ою", "ею",
];

/// The declensions: the lemma ending that marks one, and the endings its forms take
/// (replacing that lemma ending).
const DECLENSIONS: &[(&str, &[&str])] = &[
    (
        "ия",
        &["ия", "ии", "ию", "ией", "иею", "иям", "иями", "иях", "ий"],
    ),
    (
        "ие",
        &["ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"],
    ),
    (
        "й",
        &[
            "й", "я", "ю", "ем", "ём", "е", "и", "ев", "ёв", "ям", "ями", "ях", "ей",
        ],
    ),
    (
        "ь",
        &[
            "ь", "я", "ю", "ем", "ём", "е", "и", "ей", "ям", "ями", "ях", "ью",
        ],
    ),
    (
        "а",
        &[
            "а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", "ям", "ями", "ях", "",
        ],
    ),
    (
        "я",
        &["я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях", "ь", ""],
    ),
    (
        "о",
        &["о", "а", "у", "ом", "е", "ы", "и", "ам", "ами", "ах", ""],
    ),
    (
        "е",
        &["е", "я", "ю", "ем", "и", "ей", "ям", "ями", "ях", "ий"],
    ),
    (
        "",
        &[
            "", "а", "у", "ом", "ем", "е", "ы", "и", "ов", "ев", "ей", "ам", "ами", "ах", "ям",
            "ями", "ях",
        ],
    ),
];

/// Plural-only nouns in -ы ("Нидерланды", "Штаты", "Филиппины"), replacing the -ы.
const PLURAL: &[&str] = &["ы", "ов", "ам", "ами", "ах"];
/// Plurals in -и after к, г, х and the hushing consonants ("соотечественники",
/// "грузоперевозки"), replacing the -и.
const PLURAL_AFTER_VELAR: &[&str] = &["и", "ов", "ей", "ам", "ами", "ах"];
/// Plurals in -ии of -ия nouns ("санкции", "консультации", "инвестиции"), replacing
/// the last -и.
const PLURAL_IN_II: &[&str] = &["и", "й", "ям", "ями", "ях"];

/// The forms of a consonant-final masculine noun whose last vowel drops ("посла",
/// "послом", "послов"): the [`DECLENSIONS`] endings of consonant-final nouns without the
/// nominative.
const FLEETING_HARD: &[&str] = &[
    "а", "у", "ом", "ем", "е", "ы", "и", "ов", "ев", "ей", "ам", "ами", "ах", "ям", "ями", "ях",
];
/// The same for nouns in -ь ("дня", "днем", "дней"), without the nominative and the
/// feminine "-ью", whose vowel stays ("любовью").
const FLEETING_SOFT: &[&str] = &["я", "ю", "ем", "ём", "е", "и", "ей", "ям", "ями", "ях"];
/// Words that look like a fleeting-vowel form of a noun but are function words: "после"
/// (after) is not "о после" (about the ambassador), "все" (all) is not a form of "вес".
const NOT_FLEETING: &[&str] = &["после", "все", "всем", "всей", "всею"];

const VOWELS: &str = "аеёиоуыэюя";

/// The fewest letters a base may keep once an ending is cut off. Shorter words ("на",
/// "о", "по", "за", "во", "да") are prepositions and particles, not declined nouns: a
/// text word's keys never cut them ([`keys`]), so a lemma's key must not either
/// ([`declensions`]), or a term with such a word could not be found even as written.
const MIN_BASE: usize = 2;

fn is_adjective(lemma: &str) -> bool {
    lemma.chars().count() > 3
        && ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"]
            .iter()
            .any(|e| lemma.ends_with(e))
}

/// The ways a lemma declines: up to three `(base, endings)` readings (an adjective, a
/// plural, a noun declension), in a fixed array so that checking a form allocates nothing.
struct Declensions<'l> {
    readings: [(&'l str, &'static [&'static str]); 3],
    len: usize,
}

impl<'l> Declensions<'l> {
    fn push(&mut self, base: &'l str, endings: &'static [&'static str]) {
        self.readings[self.len] = (base, endings);
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &(&'l str, &'static [&'static str])> {
        self.readings[..self.len].iter()
    }
}

/// The ways `lemma` declines: `(base, endings)`. An adjective in -ий or -ой may also be
/// a noun ("гений", "герой"), so both readings are offered.
fn declensions(lemma: &str) -> Declensions<'_> {
    let mut out = Declensions {
        readings: [("", &[]); 3],
        len: 0,
    };
    if is_adjective(lemma) {
        out.push(&lemma[..lemma.len() - "ый".len()], ADJECTIVE);
    }
    let last = lemma.chars().last();
    // No singular noun ends in -ы, so a lemma that does is a plural; loans in -и, -у,
    // -ю, -э ("Чили", "Перу") do not decline.
    let long = lemma.chars().count() > 3;
    if last == Some('ы') && long {
        out.push(&lemma[..lemma.len() - "ы".len()], PLURAL);
    }
    // Glossaries list some concepts in the plural ("санкции"); the -и loans above are
    // short names that end otherwise (-ли, -си, -ри), so these readings do not touch them.
    let before_last = lemma.chars().rev().nth(1);
    if last == Some('и') && long {
        let base = &lemma[..lemma.len() - "и".len()];
        if before_last == Some('и') {
            out.push(base, PLURAL_IN_II);
        } else if before_last.is_some_and(|c| "кгхжшчщ".contains(c)) {
            out.push(base, PLURAL_AFTER_VELAR);
        }
    }
    let indeclinable = last.is_some_and(|c| "иуюэы".contains(c));
    if !indeclinable {
        for (ending, forms) in DECLENSIONS {
            let consonant_final = ending.is_empty()
                && last.is_some_and(|c| !VOWELS.contains(c) && c != 'й' && c != 'ь');
            if (!ending.is_empty() && lemma.ends_with(ending)) || consonant_final {
                let base = &lemma[..lemma.len() - ending.len()];
                if base.chars().count() >= MIN_BASE {
                    out.push(base, forms);
                }
                break;
            }
        }
    }
    // Loans that do not decline, and words too short to tell a base from an ending,
    // match only as written.
    if out.len == 0 {
        out.push(lemma, &[""]);
    }
    out
}

/// Letters that close a syllable a fleeting vowel can drop out of: consonants, without
/// the signs and й.
fn is_consonant(c: char) -> bool {
    c.is_alphabetic() && !VOWELS.contains(c) && !matches!(c, 'й' | 'ь' | 'ъ')
}

/// A lemma whose last syllable loses its vowel in the other forms ("посол" → "посла",
/// "отец" → "отца", "день" → "дня", "заем" → "займа"): the forms' base as the text
/// before the vowel, the letter standing in for the vowel ("й" after a vowel, "ь"
/// after л, else none) and the consonant after it, with the endings those forms take.
struct Fleeting<'l> {
    before: &'l str,
    stand_in: &'static str,
    consonant: &'l str,
    endings: &'static [&'static str],
}

/// Masculine nouns in a consonant or -ь lose an -о- or -е- before the last consonant.
/// Without a dictionary every such lemma gets the reading ("завод" also accepts
/// "завда"), which is harmless: such forms do not occur in text.
fn fleeting(lemma: &str) -> Option<Fleeting<'_>> {
    let (word, endings) = match lemma.strip_suffix('ь') {
        Some(word) => (word, FLEETING_SOFT),
        None => (lemma, FLEETING_HARD),
    };
    let mut letters = word.char_indices().rev();
    let (at_consonant, consonant) = letters.next()?;
    let (at_vowel, vowel) = letters.next()?;
    let (_, before_vowel) = letters.next()?;
    if !is_consonant(consonant) || !matches!(vowel, 'о' | 'е') {
        return None;
    }
    let stand_in = match (vowel, before_vowel) {
        ('е', c) if VOWELS.contains(c) => "й",
        ('е', 'л') => "ь",
        (_, c) if is_consonant(c) => "",
        _ => return None,
    };
    Some(Fleeting {
        before: &word[..at_vowel],
        stand_in,
        consonant: &word[at_consonant..],
        endings,
    })
}

/// The key of a lemma: its base, the first declension's.
pub fn lemma_key(lemma: &str) -> String {
    declensions(lemma).readings[0].0.to_string()
}

/// Every base a text word may have: the word less each ending any declension has.
/// The reference for [`for_each_key`].
pub fn keys(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    let endings = ADJECTIVE
        .iter()
        .chain(PLURAL)
        .chain(DECLENSIONS.iter().flat_map(|(_, forms)| forms.iter()));
    for ending in endings {
        if let Some(base) = form.strip_suffix(ending)
            && !ending.is_empty()
            && base.chars().count() >= MIN_BASE
        {
            let mut candidates = vec![base.to_string()];
            restore_fleeting(base, |before, vowel, consonant| {
                candidates.push(format!("{before}{vowel}{consonant}"));
            });
            for key in candidates {
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

/// The lemma bases `base` may be the fleeting-vowel base of ("посл" of "посол", "дн" of
/// "день", "займ" of "заем"), as `(before, vowel, consonant)`: the reverse of
/// [`fleeting`].
fn restore_fleeting(base: &str, mut found: impl FnMut(&str, &str, &str)) {
    let mut letters = base.char_indices().rev();
    let (Some((at_consonant, consonant)), Some((at_stand_in, stand_in))) =
        (letters.next(), letters.next())
    else {
        return;
    };
    if !is_consonant(consonant) {
        return;
    }
    let before = letters.next().map(|(_, c)| c);
    let last = &base[at_consonant..];
    match stand_in {
        'й' if before.is_some_and(|c| VOWELS.contains(c)) => {
            found(&base[..at_stand_in], "е", last);
        }
        'ь' if before == Some('л') => found(&base[..at_stand_in], "е", last),
        c if is_consonant(c) => {
            let before = &base[..at_consonant];
            found(before, "о", last);
            found(before, "е", last);
        }
        _ => {}
    }
}

/// The longest ending, in letters ("иями").
const LONGEST_ENDING: usize = 4;

/// Whether `s` is an ending of some declension ([`ADJECTIVE`], [`PLURAL`],
/// [`DECLENSIONS`]), written out so the check is one `match`, not a scan of the tables;
/// a test checks it against them.
fn is_ending(s: &str) -> bool {
    matches!(
        s,
        "а" | "е"
            | "и"
            | "й"
            | "о"
            | "у"
            | "ы"
            | "ь"
            | "ю"
            | "я"
            | "ам"
            | "ах"
            | "ая"
            | "ев"
            | "ее"
            | "ей"
            | "ем"
            | "ею"
            | "ие"
            | "ии"
            | "ий"
            | "им"
            | "их"
            | "ию"
            | "ия"
            | "ов"
            | "ое"
            | "ой"
            | "ом"
            | "ою"
            | "ую"
            | "ые"
            | "ый"
            | "ым"
            | "ых"
            | "ью"
            | "юю"
            | "ям"
            | "ях"
            | "яя"
            | "ёв"
            | "ём"
            | "ами"
            | "его"
            | "ему"
            | "иею"
            | "ией"
            | "ием"
            | "иям"
            | "иях"
            | "ого"
            | "ому"
            | "ими"
            | "ыми"
            | "ями"
            | "иями"
    )
}

/// Calls `found` with every base a text word may have, as [`keys`] lists them, without
/// allocating: each is a slice of `form`, or written into `scratch` when a fleeting
/// vowel is put back. The word itself comes first; a base may not repeat. Only the last `LONGEST_ENDING` letters can be an ending, so those few cuts
/// are tried instead of every ending of every declension.
pub fn for_each_key(form: &str, scratch: &mut String, mut found: impl FnMut(&str)) {
    found(form);
    let mut letters = form.chars().count();
    for (cut, _) in form.char_indices().rev().take(LONGEST_ENDING) {
        letters -= 1;
        if letters >= MIN_BASE && is_ending(&form[cut..]) {
            let base = &form[..cut];
            found(base);
            restore_fleeting(base, |before, vowel, consonant| {
                scratch.clear();
                scratch.push_str(before);
                scratch.push_str(vowel);
                scratch.push_str(consonant);
                found(scratch);
            });
        }
    }
}

/// Whether `form` is a form of `lemma` in one of the lemma's declensions.
pub fn accepts(form: &str, lemma: &str) -> bool {
    declensions(lemma).iter().any(|(base, endings)| {
        form.strip_prefix(base)
            .is_some_and(|rest| endings.contains(&rest))
    }) || fleeting(lemma).is_some_and(|f| {
        !NOT_FLEETING.contains(&form)
            && form
                .strip_prefix(f.before)
                .and_then(|rest| rest.strip_prefix(f.stand_in))
                .and_then(|rest| rest.strip_prefix(f.consonant))
                .is_some_and(|ending| f.endings.contains(&ending))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(form: &str, lemma: &str) -> bool {
        keys(form).contains(&lemma_key(lemma)) && accepts(form, lemma)
    }

    #[test]
    fn declines_nouns_and_adjectives() {
        let cases: &[(&str, &[&str])] = &[
            (
                "форум",
                &["форума", "форуму", "форумом", "форуме", "форумы", "форумов"],
            ),
            (
                "межрегиональный",
                &[
                    "межрегионального",
                    "межрегиональному",
                    "межрегиональном",
                    "межрегиональные",
                ],
            ),
            ("китай", &["китая", "китаю", "китаем", "китае"]),
            ("дания", &["дании", "данию", "данией"]),
            ("россия", &["россии", "россию", "россией"]),
            ("корея", &["кореи", "корею", "кореей"]),
            ("северная", &["северной", "северную", "северною"]),
            ("рабочая", &["рабочей", "рабочею", "рабочую", "рабочих"]),
            ("внутренняя", &["внутренней", "внутреннюю", "внутренних"]),
            (
                "двусторонний",
                &["двусторонней", "двустороннего", "двусторонним"],
            ),
            (
                "партнерство",
                &["партнерства", "партнерству", "партнерством", "партнерстве"],
            ),
            (
                "соглашение",
                &["соглашения", "соглашений", "соглашением", "соглашении"],
            ),
            (
                "страна",
                &["страны", "стране", "страну", "страной", "стран"],
            ),
            ("секретарь", &["секретаря", "секретарю", "секретарем"]),
            ("штаты", &["штатов", "штатам", "штатами", "штатах"]),
            ("нидерланды", &["нидерландов", "нидерландам", "нидерландах"]),
            ("санкции", &["санкций", "санкциям", "санкциями", "санкциях"]),
            ("консультации", &["консультаций", "консультациях"]),
            (
                "соотечественники",
                &[
                    "соотечественников",
                    "соотечественникам",
                    "соотечественниками",
                ],
            ),
            ("грузоперевозки", &["грузоперевозкам", "грузоперевозках"]),
        ];
        for (lemma, forms) in cases {
            for form in *forms {
                assert!(
                    matches(form, lemma),
                    "{form} / {lemma}: keys {:?}, base {}",
                    keys(form),
                    lemma_key(lemma)
                );
            }
        }
    }

    #[test]
    fn fleeting_vowels_drop_in_the_other_forms() {
        let cases: &[(&str, &[&str])] = &[
            (
                "посол",
                &["посла", "послу", "послом", "послы", "послов", "послам"],
            ),
            ("отец", &["отца", "отцу", "отцом", "отце", "отцы", "отцов"]),
            (
                "день",
                &["дня", "дню", "днем", "дне", "дни", "дней", "дням"],
            ),
            ("конец", &["конца", "концу", "концом", "конце", "концов"]),
            (
                "рынок",
                &["рынка", "рынку", "рынком", "рынке", "рынки", "рынков"],
            ),
            (
                "заем",
                &["займа", "займу", "займом", "займе", "займы", "займов"],
            ),
            ("египет", &["египта", "египте"]),
            ("котел", &["котла", "котлом"]),
            ("лев", &["льва", "львом"]),
        ];
        for (lemma, forms) in cases {
            assert!(matches(lemma, lemma), "{lemma} itself");
            for form in *forms {
                assert!(
                    matches(form, lemma),
                    "{form} / {lemma}: keys {:?}, base {}",
                    keys(form),
                    lemma_key(lemma)
                );
            }
        }
        // The forms that keep the vowel still match where a noun has none to drop.
        assert!(matches("заводом", "завод") && matches("форума", "форум"));
        assert!(!matches("после", "посол"), "after is not the ambassador");
        assert!(!matches("все", "вес"), "all is not weight");
        assert!(!matches("всем", "вес"));
        assert!(
            !matches("днью", "день"),
            "-ью is feminine, and keeps the vowel"
        );
        assert!(!matches("посл", "посол"), "the bare base is no form");
    }

    #[test]
    fn the_ending_match_agrees_with_the_tables() {
        let tables: Vec<&str> = ADJECTIVE
            .iter()
            .chain(PLURAL)
            .chain(PLURAL_AFTER_VELAR)
            .chain(PLURAL_IN_II)
            .chain(DECLENSIONS.iter().flat_map(|(_, forms)| forms.iter()))
            .copied()
            .filter(|e| !e.is_empty())
            .collect();
        for ending in &tables {
            assert!(is_ending(ending), "{ending} is in a table");
            assert!(ending.chars().count() <= LONGEST_ENDING, "{ending}");
        }
        let letters = "аеийоуыьюяёвгмхъ";
        for a in letters.chars() {
            for b in letters.chars() {
                for s in [
                    format!("{a}"),
                    format!("{a}{b}"),
                    format!("{a}{b}и"),
                    format!("и{a}{b}"),
                ] {
                    assert_eq!(is_ending(&s), tables.contains(&s.as_str()), "{s}");
                }
            }
        }
    }

    #[test]
    fn short_function_words_match_as_written() {
        for word in ["на", "о", "по", "за", "во", "да", "в", "у", "с", "из"] {
            assert!(
                matches(word, word),
                "{word}: keys {:?}, base {}",
                keys(word),
                lemma_key(word)
            );
        }
        // Cut no shorter than a text word is, they take no endings.
        assert!(!matches("наем", "на") && !matches("оу", "о") && !matches("пой", "по"));
        assert!(!matches("за", "зал") && !matches("д", "да"));
    }

    proptest::proptest! {
        /// A term typed as written is found: whatever a lemma's key, the word itself
        /// has it among its text keys and is accepted as its own form.
        #[test]
        fn every_word_is_a_form_of_itself(word in "[а-яё]{1,9}") {
            proptest::prop_assert!(
                matches(&word, &word),
                "keys {:?}, base {}", keys(&word), lemma_key(&word)
            );
        }

        #[test]
        fn for_each_key_finds_what_keys_lists(form in "[а-яё]{0,9}") {
            let mut fast = Vec::new();
            for_each_key(&form, &mut String::new(), |k| fast.push(k.to_string()));
            let mut reference = keys(&form);
            proptest::prop_assert_eq!(fast.len(), reference.len(), "{:?} repeats a key", fast);
            fast.sort();
            reference.sort();
            proptest::prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn does_not_take_look_alikes() {
        assert!(!matches("данные", "дания"), "data is not Denmark");
        assert!(!matches("суда", "судан"), "a court is not Sudan");
        assert!(!matches("росс", "россия"));
        assert!(!matches("перья", "перу"), "Peru does not decline");
        assert!(!matches("форма", "форум"));
        assert!(matches("перу", "перу"));
        assert!(!matches("штата", "штаты"), "a state is not the States");
        assert!(
            !matches("санкцию", "санкции"),
            "a plural-only entry takes plural forms"
        );
        assert!(matches("чили", "чили") && !matches("чилям", "чили"));
    }
}
