//! The aligner's tokeniser: words, numbers and the punctuation marks that survive
//! translation.
//!
//! Only what can serve as evidence that two segments translate each other is kept:
//! folded words (for cognates, names and learned word pairs), numbers in one canonical
//! spelling, and the marks translators rarely drop (`? ! : ;`, quotes, parentheses, `%`).
//! Commas, full stops and dashes are left out: languages place them too differently.

use crate::lang::LanguageTag;

/// What a token is, which decides how it may match a token of another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TokenKind {
    /// A run of letters, folded for its language.
    Word,
    /// A number in canonical spelling, or a calendar / quantity word mapped to one.
    Number,
    /// A punctuation mark class such as `?` or `"` (all double quotes are one class).
    Mark,
}

/// One token of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Its kind.
    pub kind: TokenKind,
    /// Folded word, canonical number or mark class.
    pub text: String,
    /// Whether the word began with a capital letter (a hint that it is a name).
    pub capitalized: bool,
}

/// Spaces that may separate groups of thousands ("10 000").
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The class of a punctuation mark worth comparing across languages.
fn mark_class(c: char) -> Option<char> {
    match c {
        '?' | '¿' => Some('?'),
        '!' => Some('!'),
        ':' => Some(':'),
        ';' => Some(';'),
        '«' | '»' | '"' | '“' | '”' | '„' => Some('"'),
        '(' | ')' | '[' | ']' => Some('('),
        '%' => Some('%'),
        _ => None,
    }
}

/// Cut `text` into tokens, folding words with `lang`'s casing rules.
pub(crate) fn tokenize(text: &str, lang: &LanguageTag) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (numbers, next) = read_number(&chars, i);
            tokens.extend(numbers.into_iter().map(|text| Token {
                kind: TokenKind::Number,
                text,
                capitalized: false,
            }));
            i = next;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphabetic() || is_combining(chars[i])) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(Token {
                kind: TokenKind::Word,
                text: lang.fold(&word),
                capitalized: c.is_uppercase(),
            });
        } else {
            // A colon between digits is a time or a score, not a mark.
            let between_digits = c == ':'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if let Some(mark) = mark_class(c).filter(|_| !between_digits) {
                tokens.push(Token {
                    kind: TokenKind::Mark,
                    text: mark.to_string(),
                    capitalized: false,
                });
            }
            i += 1;
        }
    }
    tokens
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Read the number starting at `start`: digit groups joined by `.`, `,` or a thousands
/// space. Returns the canonical spellings (a dotted date gives day, month and year) and
/// the index after the number.
///
/// Canonical: no thousands separators, `.` as the decimal mark, no leading zeros. A lone
/// `.` or `,` followed by exactly three digits is a thousands separator (`1,500` and
/// `1.500` are 1500) unless the part before it starts with 0; otherwise it is the decimal
/// mark (`1,5` and `1.5` are 1.5). Repeated separators are always thousands; with both
/// kinds present, the last one is the decimal mark.
fn read_number(chars: &[char], start: usize) -> (Vec<String>, usize) {
    let digits_from = |from: usize| {
        let mut end = from;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        end
    };
    let mut end = digits_from(start);
    let mut groups: Vec<String> = vec![chars[start..end].iter().collect()];
    let mut seps: Vec<char> = Vec::new();
    while end + 1 < chars.len() && chars[end + 1].is_ascii_digit() {
        let sep = chars[end];
        let space = is_group_space(sep);
        if !(sep == '.' || sep == ',' || space) {
            break;
        }
        let next_end = digits_from(end + 1);
        let group: String = chars[end + 1..next_end].iter().collect();
        if space && (group.len() != 3 || groups.last().is_some_and(|g| g.len() > 3)) {
            break;
        }
        seps.push(if space { ' ' } else { sep });
        groups.push(group);
        end = next_end;
    }
    if seps.len() == 2
        && seps[0] == seps[1]
        && seps[0] != ' '
        && groups[0].len() <= 2
        && groups[1].len() <= 2
        && groups[2].len() == 4
    {
        // A dotted date such as 27.09.2018.
        let month = format!("month:{}", strip_zeros(&groups[1]));
        return (
            vec![strip_zeros(&groups[0]), month, strip_zeros(&groups[2])],
            end,
        );
    }
    let decimal_at = decimal_separator(&groups, &seps);
    let mut integer = String::new();
    let mut fraction = String::new();
    for (k, group) in groups.iter().enumerate() {
        if decimal_at.is_some_and(|d| k > d) {
            fraction.push_str(group);
        } else {
            integer.push_str(group);
        }
    }
    let mut text = strip_zeros(&integer);
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        text.push('.');
        text.push_str(fraction);
    }
    (vec![text], end)
}

/// Index of the group after which the decimal mark stands, if any.
fn decimal_separator(groups: &[String], seps: &[char]) -> Option<usize> {
    let last = seps.len().checked_sub(1)?;
    let sep = seps[last];
    if sep == ' ' {
        return None;
    }
    let repeated = seps[..last].contains(&sep);
    let mixed = seps[..last].iter().any(|&s| s != sep && s != ' ');
    if mixed {
        return Some(last);
    }
    if repeated {
        return None;
    }
    let thousands = groups[last + 1].len() == 3 && !groups[0].starts_with('0');
    (!thousands).then_some(last)
}

fn strip_zeros(digits: &str) -> String {
    let stripped = digits.trim_start_matches('0');
    if stripped.is_empty() {
        "0".to_string()
    } else {
        stripped.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        let ru = LanguageTag::parse("ru").unwrap();
        tokenize(text, &ru)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn numbers_get_one_spelling_whatever_the_separators() {
        assert_eq!(numbers("1,5 и 1.5"), ["1.5", "1.5"]);
        assert_eq!(numbers("1,500 1.500 1 500 1500"), ["1500"; 4]);
        assert_eq!(numbers("10 000 000 человек"), ["10000000"]);
        assert_eq!(numbers("$1,234.50"), ["1234.5"]);
        assert_eq!(numbers("1.234.567,8"), ["1234567.8"]);
        assert_eq!(numbers("0,750"), ["0.75"]);
    }

    #[test]
    fn numbers_next_to_each_other_stay_apart() {
        assert_eq!(numbers("в 2018 году 150 человек"), ["2018", "150"]);
        assert_eq!(numbers("2018 2019"), ["2018", "2019"]);
        assert_eq!(numbers("в 10:30"), ["10", "30"]);
    }

    #[test]
    fn dotted_dates_split_into_day_month_year() {
        assert_eq!(numbers("27.09.2018"), ["27", "month:9", "2018"]);
    }

    #[test]
    fn words_are_folded_and_marks_classed() {
        let az = LanguageTag::parse("az").unwrap();
        let tokens = tokenize("İlham Əliyev: «Bakı?»", &az);
        let texts: Vec<_> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["ilham", "əliyev", ":", "\"", "bakı", "?", "\""]);
        assert!(tokens[0].capitalized);
        assert_eq!(tokens[2].kind, TokenKind::Mark);
    }
}
