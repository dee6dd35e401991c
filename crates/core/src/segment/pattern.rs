//! SRX regexes are written for Java (`java.util.regex`) or ICU; this module rewrites the
//! parts of that dialect the `regex` crate spells differently, and names the constructs it
//! cannot run (look-around, atomic groups, possessive quantifiers, back-references) so the
//! user learns which rule to rewrite instead of getting a silently different segmentation.

/// Rewrite a Java/ICU pattern into `regex` syntax, or name the construct that has no
/// equivalent. Errors from the `regex` parser itself are reported later, at compile time.
pub(super) fn translate(java: &str) -> Result<String, &'static str> {
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::with_capacity(java.len() + 8);
    let mut class_depth = 0usize;
    // Whether the previous token was a quantifier, so a following `+` makes it possessive.
    let mut after_quantifier = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&next) = chars.get(i + 1) else {
                return Err("a trailing backslash");
            };
            i += 2;
            after_quantifier = false;
            match next {
                'Q' => {
                    // \Q…\E quotes literally; the regex crate has no such syntax.
                    let mut literal = String::new();
                    while i < chars.len() && !(chars[i] == '\\' && chars.get(i + 1) == Some(&'E')) {
                        literal.push(chars[i]);
                        i += 1;
                    }
                    i += 2;
                    out.push_str(&regex::escape(&literal));
                }
                '1'..='9' if class_depth == 0 => return Err("a back-reference"),
                'Z' => out.push_str(r"\z"),
                'h' => out.push_str(
                    r"[\t \x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]",
                ),
                'R' => out.push_str(r"(?:\r\n|[\n\x0B\x0C\r\x{85}\x{2028}\x{2029}])"),
                'p' | 'P' if chars.get(i) == Some(&'{') => {
                    let close = chars[i..].iter().position(|&c| c == '}');
                    let Some(close) = close else {
                        return Err("an unterminated \\p{…}");
                    };
                    let name: String = chars[i + 1..i + close].iter().collect();
                    i += close + 1;
                    out.push('\\');
                    out.push(next);
                    out.push('{');
                    out.push_str(java_property(&name));
                    out.push('}');
                }
                _ => {
                    out.push('\\');
                    out.push(next);
                }
            }
            continue;
        }
        i += 1;
        if class_depth > 0 {
            match c {
                '[' => class_depth += 1,
                ']' => class_depth -= 1,
                _ => {}
            }
            out.push(c);
            continue;
        }
        match c {
            '[' => {
                class_depth = 1;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal in both dialects.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str(r"\]");
                    i += 1;
                }
                after_quantifier = false;
            }
            '(' if chars.get(i) == Some(&'?') => {
                i += 1;
                match chars.get(i) {
                    Some('=' | '!') => return Err("a look-ahead (?=…) or (?!…)"),
                    Some('>') => return Err("an atomic group (?>…)"),
                    Some('<') if matches!(chars.get(i + 1), Some('=' | '!')) => {
                        return Err("a look-behind (?<=…) or (?<!…)");
                    }
                    Some('<') => {
                        // Java's named group (?<name>…) is (?P<name>…) for older regex parsers.
                        out.push_str("(?P");
                    }
                    _ => {
                        // Inline flags: Java's U (Unicode classes) is the regex crate's
                        // default but would mean "swap greed" there; d and c have no effect.
                        out.push_str("(?");
                        while let Some(&f) = chars.get(i) {
                            if f == ':' || f == ')' {
                                break;
                            }
                            if !matches!(f, 'U' | 'd' | 'c') {
                                out.push(f);
                            }
                            i += 1;
                        }
                    }
                }
                after_quantifier = false;
            }
            '+' if after_quantifier => return Err("a possessive quantifier (*+, ++, ?+, {n}+)"),
            '*' | '+' | '?' | '}' => {
                out.push(c);
                after_quantifier = true;
                // A lazy marker ends the quantifier: `+?+` is not a thing.
                if chars.get(i) == Some(&'?') && c != '?' {
                    out.push('?');
                    i += 1;
                    after_quantifier = false;
                }
                continue;
            }
            _ => {
                out.push(c);
                after_quantifier = false;
            }
        }
    }
    Ok(out)
}

/// Java-only property names and their Unicode equivalents.
fn java_property(name: &str) -> &str {
    match name {
        "javaLowerCase" | "Lower" | "IsLowercase" => "Lowercase",
        "javaUpperCase" | "Upper" | "IsUppercase" => "Uppercase",
        "javaLetter" | "IsLetter" | "Alpha" | "IsAlphabetic" => "Alphabetic",
        "javaDigit" | "Digit" | "IsDigit" => "Nd",
        "javaWhitespace" | "Space" | "IsWhite_Space" => "White_Space",
        "Punct" | "IsPunctuation" => "P",
        other => other
            .strip_prefix("In")
            .or_else(|| other.strip_prefix("Is"))
            .unwrap_or(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_both_dialects_share() {
        assert_eq!(translate(r"\p{Lu}[.?!]+\s").unwrap(), r"\p{Lu}[.?!]+\s");
        assert_eq!(translate(r"[^]a]+?").unwrap(), r"[^\]a]+?");
        assert_eq!(translate(r"(?i)mr\.").unwrap(), r"(?i)mr\.");
    }

    #[test]
    fn rewrites_java_spellings() {
        assert_eq!(translate(r"\Qe.g.\E").unwrap(), r"e\.g\.");
        assert_eq!(translate(r"\p{InCyrillic}").unwrap(), r"\p{Cyrillic}");
        assert_eq!(translate(r"\p{javaUpperCase}").unwrap(), r"\p{Uppercase}");
        assert_eq!(translate(r"(?iU)x").unwrap(), r"(?i)x");
        assert_eq!(translate(r"a\Z").unwrap(), r"a\z");
        assert!(regex::Regex::new(&translate(r"\h+\R").unwrap()).is_ok());
    }

    #[test]
    fn names_what_cannot_run() {
        assert!(translate(r"(?<=Mr)\.").unwrap_err().contains("look-behind"));
        assert!(translate(r"\.(?=\s)").unwrap_err().contains("look-ahead"));
        assert!(translate(r"\s++").unwrap_err().contains("possessive"));
        assert!(translate(r"(a)\1").unwrap_err().contains("back-reference"));
        assert!(translate(r"(?>ab)").unwrap_err().contains("atomic"));
        assert!(
            translate(r"\s+?").is_ok(),
            "a lazy quantifier is not possessive"
        );
        assert!(
            translate(r"[+]+").is_ok(),
            "a + inside a class is a literal"
        );
    }
}
