//! The one line an error becomes on stderr.

/// `error` and its causes as one line: each cause whose words the line already holds is
/// left out (core errors often quote their source: "g.csv: binary data…" was followed by
/// ": binary data…" again), and control characters that came from a file are shown as
/// escapes, so a file cannot move the cursor or recolour the terminal.
pub fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    /// An error that quotes its source in its own message, as many core errors do.
    #[derive(Debug)]
    struct Quoting {
        source: std::io::Error,
    }

    impl std::fmt::Display for Quoting {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "g.csv: {}", self.source)
        }
    }

    impl std::error::Error for Quoting {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.source)
        }
    }

    #[test]
    fn a_cause_the_message_already_quotes_is_said_once() {
        let inner = std::io::Error::other("binary data at byte 15");
        let e = anyhow::Error::new(Quoting { source: inner });
        assert_eq!(one_line(&e), "g.csv: binary data at byte 15");
    }

    #[test]
    fn causes_that_add_something_are_kept_in_order() {
        let e = anyhow::anyhow!("disk full").context("cannot write out.tmx");
        assert_eq!(one_line(&e), "cannot write out.tmx: disk full");
    }

    #[test]
    fn control_characters_from_a_file_are_escaped() {
        let e = anyhow::anyhow!("line 2: column headed \"\u{1b}[31mred\u{7}\" is not a language");
        let line = one_line(&e);
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(line.contains("\\u{1b}[31mred\\u{7}"), "{line}");
    }
}
