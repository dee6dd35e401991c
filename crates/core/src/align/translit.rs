//! Transliteration to a shared phonetic key, so names and cognates match across scripts
//! and spelling conventions: Путин ↔ Putin, Алиев ↔ Aliyev ↔ Əliyev, Ильхам ↔ Ilham ↔
//! İlham, президент ↔ prezident ↔ president.
//!
//! The key is deliberately lossy. Cyrillic is romanised, then every language's letters
//! are pressed into one small alphabet where the spelling conventions disagree: vowels
//! fall into three classes (open `a`/`e`/`ə` → `a`, close front `i`/`ı`/`y` → `i`,
//! rounded `o`/`u`/`ö`/`ü` → `u`), voiced and voiceless sibilants merge (`z` → `s`),
//! `kh`/`x`/`h` become `h`, and doubled letters collapse. What remains is compared with a
//! string similarity ([`similar`]), which absorbs the rest: case endings (Путина, Putinin)
//! and the odd extra letter.

use crate::lang::LanguageTag;

/// Romanise one Cyrillic letter (Russian and Cyrillic Azerbaijani), or `None` for a
/// letter that is not Cyrillic.
fn romanise(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' | 'ҝ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ә' => "ə",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ј' => "y",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'ө' => "ö",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ү' => "ü",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ҹ' => "j",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "ı",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// The phonetic key of a folded word of language `lang` (see the module docs).
pub(crate) fn phonetic_key(word: &str, lang: &LanguageTag) -> String {
    let azerbaijani_latin = lang.primary() == "az" && !lang.writes_cyrillic();
    let mut latin = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        if let Some(r) = romanise(c) {
            latin.push_str(r);
            continue;
        }
        // Azerbaijani Latin letters whose sounds other languages spell differently.
        match c {
            'c' if azerbaijani_latin => latin.push('j'),
            'ç' => latin.push_str("ch"),
            'ş' => latin.push_str("sh"),
            'j' if azerbaijani_latin => latin.push_str("zh"),
            'x' if azerbaijani_latin => latin.push('h'),
            _ => latin.push(c),
        }
    }
    press_letters(&latin.replace("dzh", "j").replace("kh", "h"))
}

/// Map romanised letters onto the small shared alphabet and collapse doubled letters.
fn press_letters(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len());
    let mut last = None;
    for c in latin.chars() {
        let p = match c {
            'a' | 'e' | 'ə' | 'ä' => 'a',
            'i' | 'ı' | 'y' | 'ï' => 'i',
            'o' | 'u' | 'ö' | 'ü' | 'w' => 'u',
            'z' => 's',
            'q' | 'c' => 'k',
            'ğ' => 'g',
            'x' => 'h',
            c if c.is_alphabetic() => c,
            _ => continue,
        };
        if last != Some(p) {
            out.push(p);
        }
        last = Some(p);
    }
    out
}

/// How alike two phonetic keys are, in `(0, 1]`, or `None` when they are not taken
/// for the same word.
///
/// Words inflect at the end, so the main test is a shared start covering three
/// quarters of the shorter key and at least four letters, three for names (Путина ↔
/// Putin, prezidenti ↔ president, Баку ↔ Bakı, but not president ↔ presenter or
/// xalq ↔ help). Names, whose vowels each language spells its own way
/// (Lauren ↔ Лорен), may instead pass on a high Jaro–Winkler similarity.
pub(crate) fn similar(a: &str, b: &str, names: bool) -> Option<f32> {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    if shorter < 3 {
        return None;
    }
    let least = if names { 3 } else { 4 };
    let by_prefix = prefix >= least && 4 * prefix >= 3 * shorter;
    // Jaro–Winkler only where it can decide: it is the slow part of linking.
    let respelt_name = names && shorter >= 4 && la.abs_diff(lb) <= 2;
    if !(by_prefix || respelt_name) {
        return None;
    }
    let jw = strsim::jaro_winkler(a, b) as f32;
    (by_prefix || jw >= 0.88).then_some(jw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str, lang: &str) -> String {
        let lang = LanguageTag::parse(lang).unwrap();
        phonetic_key(&lang.fold(word), &lang)
    }

    fn matches(a: (&str, &str), b: (&str, &str)) -> bool {
        let names = a.0.starts_with(char::is_uppercase);
        similar(&key(a.0, a.1), &key(b.0, b.1), names).is_some()
    }

    #[test]
    fn names_share_a_key_across_scripts() {
        assert_eq!(key("Путин", "ru"), key("Putin", "en"));
        assert_eq!(key("Алиев", "ru"), key("Aliyev", "en"));
        assert_eq!(key("Əliyev", "az"), key("Aliyev", "en"));
        assert_eq!(key("Ильхам", "ru"), key("Ilham", "en"));
        assert_eq!(key("İlham", "az"), key("Ilham", "en"));
        assert_eq!(key("президент", "ru"), key("president", "en"));
        assert_eq!(key("prezident", "az"), key("president", "en"));
        assert_eq!(key("Азербайджан", "ru"), key("Azərbaycan", "az"));
    }

    #[test]
    fn inflected_and_respelled_names_are_similar() {
        assert!(matches(("Баку", "ru"), ("Bakı", "az")));
        assert!(matches(("Баку", "ru"), ("Baku", "en")));
        assert!(matches(("Bakıda", "az"), ("Baku", "en")));
        assert!(matches(("Путина", "ru"), ("Putin", "en")));
        assert!(matches(("Əliyevin", "az"), ("Алиева", "ru")));
        assert!(matches(("президента", "ru"), ("prezidenti", "az")));
        assert!(matches(("Македонии", "ru"), ("Macedonia", "en")));
        assert!(matches(("Лорен", "ru"), ("Lauren", "en")));
    }

    #[test]
    fn unrelated_words_are_not_similar() {
        assert!(!matches(("Баку", "ru"), ("book", "en")));
        assert!(!matches(("президент", "ru"), ("present", "en")));
        assert!(!matches(("prezidenti", "az"), ("presenter", "en")));
        assert!(!matches(("həll", "az"), ("help", "en")));
        assert!(!matches(("qonşu", "az"), ("consumer", "en")));
        assert!(!matches(("страна", "ru"), ("strong", "en")));
    }
}
