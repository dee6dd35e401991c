//! HTML: the visible text of a page, a paragraph per block element.
//!
//! A small tokenizer rather than an HTML5 parser: Dragoman needs only where blocks begin
//! and end, which text is visible and the entities decoded, and the parsers that build a
//! full DOM (html5ever and its dependants) cost tens of crates and minutes of compiling
//! for nothing the text needs. Unknown tags are inline; a tag, comment or script left
//! open is an error naming the line, since guessing where it ends could swallow text.
//!
//! Writing a translation back replaces only text runs between tags (and `lang` on an
//! `<html>` tag that is well-formed): the reader notes which span of the text each run
//! gave.

use std::ops::Range;

use super::{Paragraphs, SourceError, Translated, decode_text};

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is not visible text, skipped up to their end tag.
const HIDDEN: &[&str] = &["script", "style", "template", "title", "textarea", "svg"];

/// Decode a page: by its BOM, else by the charset its `meta` declares (older Russian
/// sites are windows-1251), else as UTF-8.
pub(super) fn decode(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let declared = declared_charset(bytes)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    match declared {
        Some(encoding) if !has_bom && encoding != encoding_rs::UTF_8 => encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| SourceError::BadCharset {
                name: name.to_string(),
                charset: encoding.name().to_string(),
            })
            // The checks a UTF-8 page gets (control characters, line length), on the
            // decoded text: the translation is written back as UTF-8 and read so.
            .and_then(|text| decode_text(name, text.as_bytes())),
        _ => decode_text(name, bytes),
    }
}

/// Where the charset label of the first `<meta … charset=…>` of `head` (lower-cased)
/// starts: a `charset=` in the page's text or elsewhere declares nothing.
fn meta_charset(head: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let tag_start = from + at;
        let tag_end = head[tag_start..]
            .find('>')
            .map_or(head.len(), |end| tag_start + end);
        if let Some(found) = head[tag_start..tag_end].find("charset=") {
            return Some(tag_start + found + "charset=".len());
        }
        from = tag_end;
    }
    None
}

/// The `charset=` a page declares in a `meta` of its first kilobyte, where it must be.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let after = &head[meta_charset(&head)?..];
    let label: String = after
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

pub(super) fn text(name: &str, html: &str) -> Result<String, SourceError> {
    Ok(layout(name, html)?.text)
}

/// A page read: its text, each text run's bytes in the page with the text span it
/// contributed (and whether it is in `pre`, where spaces are its own), and the bytes of
/// the `<html>` start tag.
struct Layout {
    text: String,
    runs: Vec<(Range<usize>, Range<usize>, bool)>,
    root: Option<Range<usize>>,
}

fn layout(name: &str, html: &str) -> Result<Layout, SourceError> {
    let malformed = |offset: usize, message: String| SourceError::MalformedHtml {
        name: name.to_string(),
        line: 1 + html[..offset].bytes().filter(|&b| b == b'\n').count(),
        message,
    };
    let mut out = Visible::default();
    let mut runs = Vec::new();
    let mut root = None;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment
                .find("-->")
                .ok_or_else(|| malformed(i, "comment <!-- never closed".into()))?;
            i += 4 + end + 3;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest
                .find('>')
                .ok_or_else(|| malformed(i, "declaration <! never closed".into()))?;
            i += end + 1;
        } else if let Some(tag) = Tag::at(rest) {
            let end = tag_end(rest)
                .ok_or_else(|| malformed(i, format!("tag <{}> never closed", tag.name)))?;
            let start = i;
            i += end + 1;
            if !tag.closing && HIDDEN.contains(&tag.name.as_str()) && !rest[..end].ends_with('/') {
                let close = format!("</{}", tag.name);
                let skipped = find_ignoring_case(&html[i..], &close)
                    .ok_or_else(|| malformed(start, format!("<{}> never closed", tag.name)))?;
                let after = &html[i + skipped..];
                i += skipped + after.find('>').map_or(after.len(), |e| e + 1);
            } else {
                if !tag.closing && tag.name == "html" && root.is_none() {
                    root = Some(start..i);
                }
                out.tag(&tag);
            }
        } else {
            // A '<' that starts no tag ("a < b") is text.
            let from = usize::from(rest.starts_with('<'));
            let end = rest[from..].find('<').map_or(rest.len(), |e| e + from);
            let (serial, before) = (out.paragraphs.ends.len(), out.paragraphs.current.len());
            let in_pre = out.in_pre > 0;
            out.text(&decode_entities(&rest[..end]));
            let span = before..out.paragraphs.current.len();
            runs.push((i..i + end, (serial, span), in_pre));
            i += end;
        }
    }
    let (text, placement) = out.paragraphs.finish();
    let runs = runs
        .into_iter()
        .map(|(bytes, (serial, span), pre)| (bytes, placement.place(serial, &span), pre))
        .collect();
    Ok(Layout { text, runs, root })
}

/// The page with each text run holding its translated text and `lang` on `<html>`,
/// written as UTF-8 (a legacy charset the page declares becomes `utf-8`); `None` when a
/// translation has no text run to go in.
pub(super) fn translate(
    name: &str,
    bytes: &[u8],
    lang: &str,
    translated: &Translated,
) -> Result<Option<Vec<u8>>, SourceError> {
    let html = decode(name, bytes)?;
    let layout = layout(name, &html)?;
    if layout.text != translated.text {
        return Err(SourceError::Mismatch {
            name: name.to_string(),
            message: "the page no longer has the text the job was cut from".into(),
        });
    }
    let spans: Vec<Range<usize>> = layout.runs.iter().map(|(_, s, _)| s.clone()).collect();
    let Some(owners) = translated.owners(&spans) else {
        return Ok(None);
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    if let Some(root) = layout.root
        && let Some(tag) = with_lang(&html[root.clone()], lang)
    {
        edits.push((root, tag));
    }
    for (n, (raw, span, in_pre)) in layout.runs.iter().enumerate() {
        let new = translated.node_text(n, span, &owners);
        if new != translated.text[span.clone()] {
            edits.push((raw.clone(), run_text(&html[raw.clone()], &new, *in_pre)));
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&html[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&html[at..]);
    let legacy = declared_charset(bytes)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .is_some_and(|e| e != encoding_rs::UTF_8);
    if legacy {
        declare_utf8(&mut out);
    }
    Ok(Some(out.into_bytes()))
}

/// A text run's new markup: `text` escaped, between the run's own leading and trailing
/// spaces (a line break and indent before a tag stay), or as it is in `pre`.
fn run_text(raw: &str, text: &str, in_pre: bool) -> String {
    if in_pre {
        return escape(text);
    }
    let space = |c: char| c.is_ascii_whitespace();
    let lead = &raw[..raw.len() - raw.trim_start_matches(space).len()];
    let trail = &raw[raw.trim_end_matches(space).len()..];
    let mut text = text;
    if !lead.is_empty() {
        text = text.strip_prefix(' ').unwrap_or(text);
    }
    if !trail.is_empty() {
        text = text.strip_suffix(' ').unwrap_or(text);
    }
    format!("{lead}{}{trail}", escape(text))
}

/// Text as page markup: `&`, `<` and `>` as entities, and a control character (which a
/// page can only have had as a character reference, `&#20;`) as a reference again, so the
/// page stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() && !c.is_ascii_whitespace() => {
                out.push_str(&format!("&#{};", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out
}

/// The `<html ...>` tag with its `lang` attribute set to `lang` (added when missing), or
/// `None` when the tag's attributes do not scan cleanly (`lang=#ru"`, `<htmlà`): the
/// reader forgave such a tag, and rewriting it could move where the tag ends and with it
/// what the rest of the page reads as.
fn with_lang(tag: &str, lang: &str) -> Option<String> {
    let name_end = "<html".len();
    let mut value = None;
    for attribute in attributes(tag, name_end)? {
        if tag[attribute.name.clone()].eq_ignore_ascii_case("lang") {
            value = Some(attribute.value);
        }
    }
    Some(match value {
        Some(Some(value)) => format!("{}\"{lang}\"{}", &tag[..value.start], &tag[value.end..]),
        // `lang` with no value, or none at all: one written after the name.
        _ => format!("{} lang=\"{lang}\"{}", &tag[..name_end], &tag[name_end..]),
    })
}

/// An attribute of a start tag: its name's bytes and its value's, quotes included.
struct Attribute {
    name: Range<usize>,
    value: Option<Range<usize>>,
}

/// The attributes of the start tag `tag` (from `<` to `>`) after its name, which ends at
/// `from`; `None` unless every byte up to the closing `>` (or `/>`) belongs to a
/// well-formed attribute: a name, then optionally `=` and a value quoted with matching
/// quotes or unquoted without quotes, `=`, `<`, `>` or a backtick.
fn attributes(tag: &str, from: usize) -> Option<Vec<Attribute>> {
    let bytes = tag.as_bytes();
    let end = tag.len().checked_sub(1).filter(|&e| bytes[e] == b'>')?;
    let end = if end > from && bytes[end - 1] == b'/' {
        end - 1
    } else {
        end
    };
    let space = |i: usize| i < end && bytes[i].is_ascii_whitespace();
    let skip_space = |mut i: usize| {
        while space(i) {
            i += 1;
        }
        i
    };
    let name_byte = |b: u8| !b.is_ascii_whitespace() && !b"\"'<>=/`".contains(&b);
    let mut found = Vec::new();
    let mut i = from;
    while i < end {
        if !space(i) {
            return None;
        }
        i = skip_space(i);
        if i == end {
            break;
        }
        let name_start = i;
        while i < end && name_byte(bytes[i]) {
            i += 1;
        }
        if i == name_start {
            return None;
        }
        let name = name_start..i;
        let after_name = skip_space(i);
        if after_name < end && bytes[after_name] == b'=' {
            let value_start = skip_space(after_name + 1);
            let value_end = match bytes.get(value_start) {
                Some(&q @ (b'"' | b'\'')) if value_start < end => {
                    value_start + 1 + tag[value_start + 1..end].find(char::from(q))? + 1
                }
                _ => {
                    let mut j = value_start;
                    while j < end && (name_byte(bytes[j]) || bytes[j] == b'/') {
                        j += 1;
                    }
                    (j > value_start).then_some(j)?
                }
            };
            found.push(Attribute {
                name,
                value: Some(value_start..value_end),
            });
            i = value_end;
        } else {
            found.push(Attribute { name, value: None });
        }
    }
    Some(found)
}

/// Make the `charset=` the page declares say `utf-8`, as it is now written.
fn declare_utf8(page: &mut String) {
    let mut head = page.len().min(1024);
    while !page.is_char_boundary(head) {
        head -= 1;
    }
    let lower = page[..head].to_ascii_lowercase();
    let Some(start) = meta_charset(&lower) else {
        return;
    };
    let start =
        start + (lower[start..].len() - lower[start..].trim_start_matches(['"', '\'']).len());
    let len = lower[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
        .unwrap_or(lower.len() - start);
    page.replace_range(start..start + len, "utf-8");
}

/// A start or end tag's name, lower-cased.
struct Tag {
    name: String,
    closing: bool,
}

impl Tag {
    fn at(s: &str) -> Option<Self> {
        let after = s.strip_prefix('<')?;
        let (closing, after) = match after.strip_prefix('/') {
            Some(a) => (true, a),
            None => (false, after),
        };
        if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        Some(Self { name, closing })
    }
}

/// The byte index of the `>` ending the tag at the start of `s`, skipping quoted
/// attribute values (`title="a > b"`).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Visible text being collected: whitespace collapsed as a browser shows it, except in
/// `pre`.
#[derive(Default)]
struct Visible {
    paragraphs: Paragraphs,
    in_pre: usize,
    pending_space: bool,
}

impl Visible {
    fn tag(&mut self, tag: &Tag) {
        if tag.name == "br" {
            self.paragraphs.push_str("\n");
            self.pending_space = false;
        } else if BLOCKS.contains(&tag.name.as_str()) {
            self.paragraphs.end();
            self.pending_space = false;
            if tag.name == "pre" {
                self.in_pre = if tag.closing {
                    self.in_pre.saturating_sub(1)
                } else {
                    self.in_pre + 1
                };
            }
        }
    }

    fn text(&mut self, text: &str) {
        let current = &mut self.paragraphs.current;
        for c in text.chars() {
            if self.in_pre > 0 {
                current.push(c);
            } else if c.is_whitespace() && c != '\u{a0}' {
                self.pending_space = true;
            } else {
                if self.pending_space && !current.is_empty() && !current.ends_with('\n') {
                    current.push(' ');
                }
                self.pending_space = false;
                current.push(c);
            }
        }
    }
}

/// Decode character references; an unknown name is left as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 32)
            .and_then(|end| Some((entity(&rest[1..=end])?, end + 2)));
        match decoded {
            Some((c, len)) => {
                out.push_str(c.as_str());
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}')
                .to_string(),
        );
    }
    let c = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "shy" => "",
        "ndash" => "–",
        "mdash" => "—",
        "minus" => "−",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "middot" => "·",
        "bull" => "•",
        "deg" => "°",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "times" => "×",
        "sect" => "§",
        "numero" => "№",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        _ => return None,
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::{SourceError, SourceFormat, read_default as read, translated_with};
    use super::with_lang;

    #[test]
    fn reads_blocks_as_paragraphs_and_drops_what_is_not_shown() {
        let html = r#"<!DOCTYPE html>
<html><head><title>Press release</title><style>p { color: red }</style>
<script>if (a < b) { document.write("<p>x</p>") }</script></head>
<body>
  <h1>Межрегиональный   форум</h1>
  <!-- a comment <p>not shown</p> -->
  <p>Делегаты <b>собрались</b> в&nbsp;Баку.<br>Вторая строка.</p>
  <ul><li>Первый пункт</li><li>Второй &laquo;пункт&raquo; &#8212; &#x41;</li></ul>
  <p>Цена &lt; 5 &amp; a < b, &unknown; R&amp;D</p>
</body></html>"#;
        assert_eq!(
            read("ru.html", html.as_bytes()).unwrap(),
            "Межрегиональный форум\n\nДелегаты собрались в\u{a0}Баку.\nВторая строка.\n\n\
             Первый пункт\n\nВторой «пункт» — A\n\nЦена < 5 & a < b, &unknown; R&D"
        );
    }

    #[test]
    fn keeps_line_breaks_in_pre_and_ignores_case_and_quotes() {
        let html = "<DIV title='a > b'>One<BR/>two</DIV><pre>line 1\nline 2</pre>";
        assert_eq!(
            read("a.htm", html.as_bytes()).unwrap(),
            "One\ntwo\n\nline 1\nline 2"
        );
    }

    #[test]
    fn decodes_the_charset_the_page_declares() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Форум в Баку</p>");
        let page = [
            br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>"#
                .as_slice(),
            &cp1251,
        ]
        .concat();
        assert_eq!(read("ru.html", &page).unwrap(), "Форум в Баку");
        let utf8 = "<meta charset='utf-8'><p>Bakı</p>";
        assert_eq!(read("az.html", utf8.as_bytes()).unwrap(), "Bakı");
        let e = read("ja.html", b"<meta charset=\"shift_jis\"><p>\x82</p>").unwrap_err();
        assert_eq!(e.to_string(), "ja.html: not valid Shift_JIS text");
    }

    #[test]
    fn joins_inline_elements_without_adding_spaces() {
        let html = "<p><span>Ba</span>kı<i>da</i> <a href=x>forum</a></p>";
        assert_eq!(read("az.html", html.as_bytes()).unwrap(), "Bakıda forum");
    }

    #[test]
    fn names_the_file_and_line_of_what_is_left_open() {
        let cases = [
            (
                "<p>one</p>\n<p>two <!-- note",
                2,
                "comment <!-- never closed",
            ),
            (
                "<p>one</p>\n\n<script>var a = 1;",
                3,
                "<script> never closed",
            ),
            ("<p>one</p>\n<a href=\"x>two", 2, "tag <a> never closed"),
        ];
        for (html, line, message) in cases {
            let e = read("en.html", html.as_bytes()).unwrap_err();
            assert_eq!(
                e,
                SourceError::MalformedHtml {
                    name: "en.html".into(),
                    line,
                    message: message.into()
                }
            );
        }
        let e = read("en.html", b"<p>\xFF</p>").unwrap_err();
        assert!(e.to_string().starts_with("en.html: invalid UTF-8"), "{e}");
    }

    #[test]
    fn writes_the_translation_into_the_markup_leaving_scripts_alone() {
        let page = r#"<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Пресс-релиз</title>
<script>if (a < b) { x("<p>Делегаты собрались в Баку.</p>") }</script></head>
<body>
  <h1>Межрегиональный форум</h1>
  <p class="lead">Делегаты <b>собрались <i>в</i> Баку</b>. Переговоры длились три часа.</p>
  <p>Цена &lt; 5 &amp; выросла.</p>
</body></html>"#;
        let out = translated_with(
            SourceFormat::Html,
            page.as_bytes(),
            "az",
            &[
                ("Межрегиональный форум", "Regionlararası forum"),
                (
                    "Делегаты собрались в Баку.",
                    "Nümayəndələr Bakıda toplaşdılar.",
                ),
                ("Цена < 5 & выросла.", "Qiymət <5 & artdı."),
            ],
        );
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            read("az.html", out.as_bytes()).unwrap(),
            "Regionlararası forum\n\nNümayəndələr Bakıda toplaşdılar. Переговоры длились три часа.\n\n\
             Qiymət <5 & artdı."
        );
        assert!(out.contains(r#"<html lang="az">"#), "{out}");
        assert!(out.contains("  <h1>Regionlararası forum</h1>\n"), "{out}");
        assert!(
            out.contains(
                r#"<p class="lead">Nümayəndələr Bakıda toplaşdılar. <b> <i></i> </b> Переговоры"#
            ),
            "{out}"
        );
        assert!(out.contains("<p>Qiymət &lt;5 &amp; artdı.</p>"), "{out}");
        assert!(
            out.contains(
                r#"<script>if (a < b) { x("<p>Делегаты собрались в Баку.</p>") }</script>"#
            ),
            "{out}"
        );
        assert!(out.contains("<title>Пресс-релиз</title>"), "{out}");
    }

    #[test]
    fn sets_lang_only_on_a_root_tag_that_scans_cleanly() {
        let cases = [
            ("<html>", Some(r#"<html lang="az">"#)),
            (
                r#"<HTML LANG="ru" dir=ltr>"#,
                Some(r#"<HTML LANG="az" dir=ltr>"#),
            ),
            ("<html lang=ru>", Some(r#"<html lang="az">"#)),
            (
                "<html data-x='a > b' lang = 'ru' />",
                Some("<html data-x='a > b' lang = \"az\" />"),
            ),
            (
                "<html hidden lang>",
                Some(r#"<html lang="az" hidden lang>"#),
            ),
            (
                "<html xml:lang=\"ru\">",
                Some(r#"<html lang="az" xml:lang="ru">"#),
            ),
            (r#"<html lang=#ru">"#, None),
            (r#"<html lang="ru>"#, None),
            ("<htmlà lang=ru>", None),
            (r#"<html a="1"b="2">"#, None),
        ];
        for (tag, expected) in cases {
            assert_eq!(with_lang(tag, "az").as_deref(), expected, "{tag}");
        }
    }

    #[test]
    fn adds_lang_and_declares_utf8_for_a_legacy_page() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(
            r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>Форум открылся.</p></body></html>"#,
        );
        let out = translated_with(
            SourceFormat::Html,
            &cp1251,
            "en",
            &[("Форум открылся.", "The forum opened.")],
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with(r#"<html lang="en"><head>"#), "{out}");
        assert!(out.contains("charset=utf-8\""), "{out}");
        assert!(out.contains("<p>The forum opened.</p>"), "{out}");
    }
}
