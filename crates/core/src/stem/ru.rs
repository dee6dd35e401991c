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
//!
//! Each ending also names the cases, and the gender or plural, it stands for, so that an
//! adjective found inside a term ("межрегиональном российско-азербайджанском форуме") can
//! be checked to agree with the term's next word before the term is taken as split by it
//! ([`is_modifier`], [`agrees`]).

/// Where a form can stand in a sentence: its case in the singular of a gender, or in the
/// plural, one bit each (six cases by four). A modifier agrees with a noun when their
/// slots meet ([`agrees`]); an ending ambiguous between cases has several bits.
pub(super) type Slots = u32;

pub(super) const NOM: u32 = 1;
const GEN: u32 = 1 << 1;
const DAT: u32 = 1 << 2;
const ACC: u32 = 1 << 3;
const INS: u32 = 1 << 4;
const PREP: u32 = 1 << 5;

pub(super) const fn m(cases: u32) -> Slots {
    cases
}
pub(super) const fn f(cases: u32) -> Slots {
    cases << 6
}
pub(super) const fn n(cases: u32) -> Slots {
    cases << 12
}
pub(super) const fn pl(cases: u32) -> Slots {
    cases << 18
}

/// A form that fits any slot: an indeclinable word.
const ANY: Slots = (1 << 24) - 1;

/// Endings a declension's forms take, each with the slots it fills; the accusative of
/// animate nouns is their genitive, so both readings are given.
pub(super) type Endings = &'static [(&'static str, Slots)];

/// Adjective endings, for lemmas in -ый/-ий/-ой/-ая/-яя/-ое/-ее/-ые/-ие (participles
/// decline alike).
pub(super) const ADJECTIVE: Endings = &[
    ("ый", m(NOM | ACC)),
    ("ий", m(NOM | ACC)),
    ("ой", m(NOM | ACC) | f(GEN | DAT | INS | PREP)),
    ("ая", f(NOM)),
    ("яя", f(NOM)),
    ("ое", n(NOM | ACC)),
    ("ее", n(NOM | ACC)),
    ("ые", pl(NOM | ACC)),
    ("ие", pl(NOM | ACC)),
    ("ого", m(GEN | ACC) | n(GEN)),
    ("его", m(GEN | ACC) | n(GEN)),
    ("ому", m(DAT) | n(DAT)),
    ("ему", m(DAT) | n(DAT)),
    ("ым", m(INS) | n(INS) | pl(DAT)),
    ("им", m(INS) | n(INS) | pl(DAT)),
    ("ом", m(PREP) | n(PREP)),
    ("ем", m(PREP) | n(PREP)),
    ("ую", f(ACC)),
    ("юю", f(ACC)),
    // Soft and hushing stems ("внешней", "всеобъемлющей") and the bookish instrumental.
    ("ей", f(GEN | DAT | INS | PREP)),
    ("ою", f(INS)),
    ("ею", f(INS)),
    ("ых", pl(GEN | ACC | PREP)),
    ("их", pl(GEN | ACC | PREP)),
    ("ыми", pl(INS)),
    ("ими", pl(INS)),
];

/// The declensions: the lemma ending that marks one, and the endings its forms take
/// (replacing that lemma ending). Nouns in -а and -я are taken as feminine, in -о and -е
/// as neuter, in a consonant or -й as masculine; in -ь as either.
pub(super) const DECLENSIONS: &[(&str, Endings)] = &[
    (
        "ия",
        &[
            ("ия", f(NOM)),
            ("ии", f(GEN | DAT | PREP) | pl(NOM | ACC)),
            ("ию", f(ACC)),
            ("ией", f(INS)),
            ("иею", f(INS)),
            ("иям", pl(DAT)),
            ("иями", pl(INS)),
            ("иях", pl(PREP)),
            ("ий", pl(GEN | ACC)),
        ],
    ),
    (
        "ие",
        &[
            ("ие", n(NOM | ACC)),
            ("ия", n(GEN) | pl(NOM | ACC)),
            ("ию", n(DAT)),
            ("ием", n(INS)),
            ("ии", n(PREP)),
            ("ий", pl(GEN | ACC)),
            ("иям", pl(DAT)),
            ("иями", pl(INS)),
            ("иях", pl(PREP)),
        ],
    ),
    (
        "й",
        &[
            ("й", m(NOM | ACC)),
            ("я", m(GEN | ACC)),
            ("ю", m(DAT)),
            ("ем", m(INS)),
            ("ём", m(INS)),
            ("е", m(PREP)),
            ("и", pl(NOM | ACC)),
            ("ев", pl(GEN | ACC)),
            ("ёв", pl(GEN | ACC)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
            ("ей", pl(GEN | ACC)),
        ],
    ),
    (
        "ь",
        &[
            ("ь", m(NOM | ACC) | f(NOM | ACC)),
            ("я", m(GEN | ACC)),
            ("ю", m(DAT)),
            ("ем", m(INS)),
            ("ём", m(INS)),
            ("е", m(PREP)),
            ("и", f(GEN | DAT | PREP) | pl(NOM | ACC)),
            ("ей", pl(GEN | ACC)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
            ("ью", f(INS)),
        ],
    ),
    (
        "а",
        &[
            ("а", f(NOM)),
            ("ы", f(GEN) | pl(NOM | ACC)),
            ("и", f(GEN) | pl(NOM | ACC)),
            ("е", f(DAT | PREP)),
            ("у", f(ACC)),
            ("ой", f(INS)),
            ("ою", f(INS)),
            ("ам", pl(DAT)),
            ("ами", pl(INS)),
            ("ах", pl(PREP)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
            ("", pl(GEN | ACC)),
        ],
    ),
    (
        "я",
        &[
            ("я", f(NOM)),
            ("и", f(GEN) | pl(NOM | ACC)),
            ("е", f(DAT | PREP)),
            ("ю", f(ACC)),
            ("ей", f(INS) | pl(GEN | ACC)),
            ("ею", f(INS)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
            ("ь", pl(GEN | ACC)),
            ("", pl(GEN | ACC)),
        ],
    ),
    (
        "о",
        &[
            ("о", n(NOM | ACC)),
            ("а", n(GEN) | pl(NOM | ACC)),
            ("у", n(DAT)),
            ("ом", n(INS)),
            ("е", n(PREP)),
            ("ы", pl(NOM | ACC)),
            ("и", pl(NOM | ACC)),
            ("ам", pl(DAT)),
            ("ами", pl(INS)),
            ("ах", pl(PREP)),
            ("", pl(GEN | ACC)),
        ],
    ),
    (
        "е",
        &[
            ("е", n(NOM | ACC | PREP)),
            ("я", n(GEN) | pl(NOM | ACC)),
            ("ю", n(DAT)),
            ("ем", n(INS)),
            ("и", pl(NOM | ACC)),
            ("ей", pl(GEN | ACC)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
            ("ий", pl(GEN | ACC)),
        ],
    ),
    (
        "",
        &[
            ("", m(NOM | ACC)),
            ("а", m(GEN | ACC)),
            ("у", m(DAT | GEN)),
            ("ом", m(INS)),
            ("ем", m(INS)),
            ("е", m(PREP)),
            ("ы", pl(NOM | ACC)),
            ("и", pl(NOM | ACC)),
            ("ов", pl(GEN | ACC)),
            ("ев", pl(GEN | ACC)),
            ("ей", pl(GEN | ACC)),
            ("ам", pl(DAT)),
            ("ами", pl(INS)),
            ("ах", pl(PREP)),
            ("ям", pl(DAT)),
            ("ями", pl(INS)),
            ("ях", pl(PREP)),
        ],
    ),
];

/// Plural-only nouns in -ы ("Нидерланды", "Штаты", "Филиппины"), replacing the -ы.
const PLURAL: Endings = &[
    ("ы", pl(NOM | ACC)),
    ("ов", pl(GEN | ACC)),
    ("ам", pl(DAT)),
    ("ами", pl(INS)),
    ("ах", pl(PREP)),
];
/// Plurals in -и after к, г, х and the hushing consonants ("соотечественники",
/// "грузоперевозки"), replacing the -и.
const PLURAL_AFTER_VELAR: Endings = &[
    ("и", pl(NOM | ACC)),
    ("ов", pl(GEN | ACC)),
    ("ей", pl(GEN | ACC)),
    ("ам", pl(DAT)),
    ("ами", pl(INS)),
    ("ах", pl(PREP)),
];
/// Plurals in -ии of -ия nouns ("санкции", "консультации", "инвестиции"), replacing
/// the last -и.
const PLURAL_IN_II: Endings = &[
    ("и", pl(NOM | ACC)),
    ("й", pl(GEN | ACC)),
    ("ям", pl(DAT)),
    ("ями", pl(INS)),
    ("ях", pl(PREP)),
];

/// The forms of a consonant-final masculine noun whose last vowel drops ("посла",
/// "послом", "послов"): the [`DECLENSIONS`] endings of consonant-final nouns without the
/// nominative.
const FLEETING_HARD: Endings = &[
    ("а", m(GEN | ACC)),
    ("у", m(DAT | GEN)),
    ("ом", m(INS)),
    ("ем", m(INS)),
    ("е", m(PREP)),
    ("ы", pl(NOM | ACC)),
    ("и", pl(NOM | ACC)),
    ("ов", pl(GEN | ACC)),
    ("ев", pl(GEN | ACC)),
    ("ей", pl(GEN | ACC)),
    ("ам", pl(DAT)),
    ("ами", pl(INS)),
    ("ах", pl(PREP)),
    ("ям", pl(DAT)),
    ("ями", pl(INS)),
    ("ях", pl(PREP)),
];
/// The same for nouns in -ь ("дня", "днем", "дней"), without the nominative and the
/// feminine "-ью", whose vowel stays ("любовью").
const FLEETING_SOFT: Endings = &[
    ("я", m(GEN | ACC)),
    ("ю", m(DAT)),
    ("ем", m(INS)),
    ("ём", m(INS)),
    ("е", m(PREP)),
    ("и", pl(NOM | ACC)),
    ("ей", pl(GEN | ACC)),
    ("ям", pl(DAT)),
    ("ями", pl(INS)),
    ("ях", pl(PREP)),
];
/// Words that look like a fleeting-vowel form of a noun but are function words: "после"
/// (after) is not "о после" (about the ambassador), "все" (all) is not a form of "вес".
const NOT_FLEETING: &[&str] = &["после", "все", "всем", "всей", "всею"];

pub(super) const VOWELS: &str = "аеёиоуыэюя";

/// The fewest letters a base may keep once an ending is cut off. Shorter words ("на",
/// "о", "по", "за", "во", "да") are prepositions and particles, not declined nouns: a
/// text word's keys never cut them ([`keys`]), so a lemma's key must not either
/// ([`declensions`]), or a term with such a word could not be found even as written.
pub(super) const MIN_BASE: usize = 2;

fn is_adjective(lemma: &str) -> bool {
    lemma.chars().count() > 3
        && ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"]
            .iter()
            .any(|e| lemma.ends_with(e))
}

/// The ways a lemma declines: up to three `(base, endings)` readings (an adjective, a
/// plural, a noun declension), in a fixed array so that checking a form allocates nothing.
struct Declensions<'l> {
    readings: [(&'l str, Endings); 3],
    len: usize,
}

impl<'l> Declensions<'l> {
    fn push(&mut self, base: &'l str, endings: Endings) {
        self.readings[self.len] = (base, endings);
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &(&'l str, Endings)> {
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
    // match only as written, in any slot.
    if out.len == 0 {
        out.push(lemma, &[("", ANY)]);
    }
    out
}

/// Letters that close a syllable a fleeting vowel can drop out of: consonants, without
/// the signs and й.
pub(super) fn is_consonant(c: char) -> bool {
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
    endings: Endings,
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
        .chain(DECLENSIONS.iter().flat_map(|(_, forms)| forms.iter()))
        .map(|(ending, _)| ending);
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

/// The slots `rest`, the end of a form after a base, fills among `endings`.
fn ending_slots(rest: &str, endings: Endings) -> Slots {
    endings
        .iter()
        .filter(|(ending, _)| *ending == rest)
        .fold(0, |slots, (_, s)| slots | s)
}

/// The slots `form` fills as a form of `lemma` in the lemma's declensions, the
/// fleeting-vowel forms aside.
fn declension_slots(form: &str, lemma: &str) -> Slots {
    let mut slots = 0;
    for (base, endings) in declensions(lemma).iter() {
        if let Some(rest) = form.strip_prefix(base) {
            slots |= ending_slots(rest, endings);
        }
    }
    slots
}

/// The slots `form` fills as a form of `lemma` that drops the lemma's last vowel.
fn fleeting_slots(form: &str, lemma: &str) -> Slots {
    let Some(f) = fleeting(lemma).filter(|_| !NOT_FLEETING.contains(&form)) else {
        return 0;
    };
    form.strip_prefix(f.before)
        .and_then(|rest| rest.strip_prefix(f.stand_in))
        .and_then(|rest| rest.strip_prefix(f.consonant))
        .map_or(0, |ending| ending_slots(ending, f.endings))
}

/// The slots `form` fills as a form of `lemma`; none when it is no form of it.
fn form_slots(form: &str, lemma: &str) -> Slots {
    declension_slots(form, lemma) | fleeting_slots(form, lemma)
}

/// Whether `form` is a form of `lemma` in one of the lemma's declensions. Every word of
/// every segment that may be a term's word is checked, so the fleeting vowel is looked
/// for only when no declension has the form.
pub fn accepts(form: &str, lemma: &str) -> bool {
    declension_slots(form, lemma) != 0 || fleeting_slots(form, lemma) != 0
}

/// The fewest letters a modifier keeps before its ending: shorter words that end like
/// adjectives are pronouns ("его", "всех", "того", "этой").
const MIN_MODIFIER_BASE: usize = 3;

/// Bases of the pronouns and determiners that decline as adjectives ("нашего",
/// "которых", "такой", "самого", "многих"): function words, never a modifier standing
/// inside a term.
const PRONOMINAL: &[&str] = &[
    "наш",
    "ваш",
    "сво",
    "тво",
    "котор",
    "некотор",
    "как",
    "так",
    "сам",
    "кажд",
    "люб",
    "друг",
    "одн",
    "всяк",
    "мног",
    "немног",
    "нескольк",
    "остальн",
    "проч",
    "данн",
];

/// The slots of a folded word read as an adjective or participle ("российско-" parts
/// aside, the last word of a compound: "азербайджанской", "развивающейся"); none when it
/// ends otherwise or is a pronoun that declines like one.
pub(super) fn modifier_slots(word: &str) -> Slots {
    let word = word.strip_suffix("ся").unwrap_or(word);
    // Adjective endings have two or three letters: only those two cuts can be one.
    let mut slots = 0;
    let mut letters = word.chars().count();
    for (cut, _) in word.char_indices().rev().take(3) {
        letters -= 1;
        let (base, ending) = word.split_at(cut);
        if letters >= MIN_MODIFIER_BASE
            && let Some((_, s)) = ADJECTIVE.iter().find(|(e, _)| *e == ending)
            && !PRONOMINAL.contains(&base)
        {
            slots |= s;
        }
    }
    slots
}

/// Whether a folded word can be an adjective or participle modifying a noun: what may
/// stand inside a term split by an inserted word ("межрегиональном
/// российско-азербайджанском форуме").
pub fn is_modifier(word: &str) -> bool {
    modifier_slots(word) != 0
}

/// Every slot the ending of `form` can mark, in any declension.
fn written_slots(form: &str) -> Slots {
    ADJECTIVE
        .iter()
        .chain(PLURAL)
        .chain(PLURAL_AFTER_VELAR)
        .chain(PLURAL_IN_II)
        .chain(DECLENSIONS.iter().flat_map(|(_, forms)| forms.iter()))
        .filter(|(ending, _)| {
            !ending.is_empty()
                && form
                    .strip_suffix(ending)
                    .is_some_and(|base| base.chars().count() >= MIN_BASE)
        })
        .fold(0, |slots, (_, s)| slots | s)
}

/// The slots of `form`, a text word found as the term's word `lemma`. A term writes
/// the words that depend on its head in their case ("комиссии" in "заседание
/// межправительственной комиссии"), which the declension tables would read as a
/// dictionary form; so where the text has the word as the term writes it, every case its
/// ending can mark counts.
fn term_word_slots(form: &str, lemma: &str) -> Slots {
    let slots = form_slots(form, lemma);
    if form == lemma {
        slots | written_slots(form)
    } else {
        slots
    }
}

/// Whether `modifier` ([`is_modifier`]), standing inside a term, agrees in gender, number
/// and case with the term's words around it, each given as (text form, term's word): the
/// word after it, and the word before it too where that is an adjective, which then
/// modifies the same noun. "российско-азербайджанском" agrees with "межрегиональном …
/// форуме", not with "межрегионального … форума"; in "стратегическое значение
/// партнерства" the noun "значение" (read as a plural adjective) agrees with
/// "партнерства" but not with "стратегическое". An adjective lemma in -ие is taken for a
/// noun ("заседание", "соглашение"): the words of "заседание межправительственной
/// комиссии" do not agree with one another.
pub fn agrees(modifier: &str, before: Option<(&str, &str)>, after: (&str, &str)) -> bool {
    let mut slots = modifier_slots(modifier) & term_word_slots(after.0, after.1);
    if let Some((form, lemma)) = before
        && is_adjective(lemma)
        && !lemma.ends_with("ие")
    {
        slots &= term_word_slots(form, lemma);
    }
    slots != 0
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
            ("северная", &["северной", "северную"]),
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
            .map(|(ending, _)| *ending)
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
    fn soft_and_hushing_adjectives_decline_in_the_feminine() {
        for (lemma, forms) in [
            ("внешняя", &["внешней", "внешнюю", "внешнею"][..]),
            ("двусторонняя", &["двусторонней", "двусторонние"]),
            ("всеобъемлющий", &["всеобъемлющей", "всеобъемлющего"]),
            ("межрегиональный", &["межрегиональною"]),
        ] {
            for form in forms {
                assert!(matches(form, lemma), "{form} / {lemma}");
            }
        }
    }

    #[test]
    fn modifiers_are_adjectives_and_participles_not_pronouns() {
        for word in [
            "азербайджанской",
            "всеобъемлющее",
            "международного",
            "развивающейся",
            "подписанных",
            "новыми",
        ] {
            assert!(is_modifier(word), "{word}");
        }
        for word in [
            "его",
            "всех",
            "этой",
            "того",
            "нашего",
            "которых",
            "такой",
            "многих",
            "форум",
            "встреча",
            "и",
            "в",
            "подписали",
            "2024",
        ] {
            assert!(!is_modifier(word), "{word}");
        }
    }

    #[test]
    fn a_modifier_agrees_with_the_noun_in_gender_number_and_case() {
        for (modifier, form, lemma) in [
            ("азербайджанском", "форуме", "форум"),
            ("азербайджанский", "форум", "форум"),
            ("азербайджанского", "форума", "форум"),
            ("азербайджанской", "комиссии", "комиссия"),
            ("азербайджанскую", "комиссию", "комиссия"),
            ("азербайджанская", "комиссия", "комиссия"),
            ("международного", "коридора", "коридор"),
            ("всеобъемлющее", "партнерство", "партнерство"),
            ("всеобъемлющего", "партнерства", "партнерство"),
            ("всеобъемлющим", "партнерством", "партнерство"),
            ("новые", "санкции", "санкции"),
            ("российской", "делегации", "делегация"),
            // Before an adjective of the term, as before its noun.
            (
                "азербайджанской",
                "межправительственной",
                "межправительственная",
            ),
            // A word the term writes in its case, as the text does.
            ("азербайджанской", "комиссии", "комиссии"),
            (
                "азербайджанской",
                "межправительственной",
                "межправительственной",
            ),
            // An indeclinable loan fills any slot.
            ("древнем", "перу", "перу"),
        ] {
            assert!(
                agrees(modifier, None, (form, lemma)),
                "{modifier} {form} / {lemma}"
            );
        }
        for (modifier, form, lemma) in [
            ("азербайджанском", "форума", "форум"),
            ("азербайджанской", "форуме", "форум"),
            ("азербайджанский", "комиссии", "комиссия"),
            ("всеобъемлющее", "партнерства", "партнерство"),
            ("новая", "санкции", "санкции"),
            ("международных", "коридора", "коридор"),
            // No form of the lemma at all.
            ("азербайджанской", "коридора", "комиссия"),
        ] {
            assert!(
                !agrees(modifier, None, (form, lemma)),
                "{modifier} {form} / {lemma}"
            );
        }
    }

    #[test]
    fn a_modifier_after_an_adjective_of_the_term_agrees_with_it_too() {
        let adjective = Some(("межрегиональном", "межрегиональный"));
        assert!(agrees("азербайджанском", adjective, ("форуме", "форум")));
        assert!(!agrees("азербайджанском", adjective, ("форума", "форум")));
        let strategic = Some(("стратегическое", "стратегическое"));
        assert!(agrees(
            "всеобъемлющее",
            strategic,
            ("партнерство", "партнерство")
        ));
        assert!(agrees("значение", None, ("партнерства", "партнерство")));
        assert!(!agrees(
            "значение",
            strategic,
            ("партнерства", "партнерство")
        ));
        // A noun in -ие before the modifier heads its own phrase.
        let meeting = Some(("заседание", "заседание"));
        let commission = ("межправительственной", "межправительственной");
        assert!(agrees("азербайджанской", meeting, commission));
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
