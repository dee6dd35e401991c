//! Reading the documents named on the command line.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use dragoman_core::limits::{Limit, Limits};
use dragoman_core::{Document, LanguageTag, segment, source};

/// How to cut the input files into segments.
pub enum Cutting<'a> {
    /// One segment per line, as given.
    Presegmented,
    /// Rule-based segmentation, with rules from this SRX file if given.
    Rules(Option<&'a Path>),
}

/// Parse `--langs ru,en`, checking there is one tag per file.
pub fn parse_langs(langs: Option<&str>, files: &[PathBuf]) -> Result<Vec<Option<LanguageTag>>> {
    let Some(langs) = langs else {
        return Ok(vec![None; files.len()]);
    };
    let tags = langs
        .split(',')
        .map(|t| LanguageTag::parse(t).map(Some))
        .collect::<Result<Vec<_>, _>>()
        .context("--langs")?;
    if tags.len() != files.len() {
        bail!(
            "--langs names {} languages ({langs}) but {} files were given",
            tags.len(),
            files.len()
        );
    }
    Ok(tags)
}

/// The bytes of a file read whole, no more than [`Limit::FileBytes`] allows: a larger
/// file, or an endless one (`/dev/zero`, a pipe), is refused after one byte more.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("{name}: cannot read"))?;
    let max = limits.get(Limit::FileBytes);
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{name}: cannot read"))?;
    limits
        .check(Limit::FileBytes, bytes.len() as u64)
        .with_context(|| name.clone())?;
    Ok(bytes)
}

/// [`read_file`] of a UTF-8 text (SRX rules, beads).
pub fn read_utf8(path: &Path, limits: &Limits) -> Result<String> {
    let bytes = read_file(path, limits)?;
    String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", path.display()))
}

/// Read a TXT, DOCX or HTML file as plain text (errors name the file).
pub fn read_text(path: &Path, limits: &Limits) -> Result<String> {
    let name = path.display().to_string();
    let bytes = read_file(path, limits)?;
    Ok(source::read(&name, &bytes, limits)?)
}

/// Read, decode and segment one file; print its language to stderr.
pub fn load(
    path: &Path,
    lang: Option<LanguageTag>,
    cutting: &Cutting,
    limits: &Limits,
) -> Result<Document> {
    let name = path.display().to_string();
    let text = read_text(path, limits)?;
    let lang = match lang {
        Some(lang) => {
            if let Some(script) = lang.foreign_script(&text) {
                bail!("{name}: --langs says {lang}, but the text is written in {script} script");
            }
            note!("{name}: {lang}");
            lang
        }
        None => {
            let Some(lang) = LanguageTag::identify(&text) else {
                bail!(
                    "{name}: cannot tell whether this is Russian, Azerbaijani or English; name it with --langs (or --lang)"
                );
            };
            note!("{name}: {lang} (detected)");
            lang
        }
    };
    let segments = match cutting {
        Cutting::Presegmented => segment::presegmented(&text),
        Cutting::Rules(None) => segment::Segmenter::builtin(&lang).split(&text),
        Cutting::Rules(Some(srx)) => {
            let rules = read_utf8(srx, limits)?;
            segment::Segmenter::from_srx(&rules, &lang, limits)
                .with_context(|| srx.display().to_string())?
                .split(&text)
        }
    };
    Ok(Document {
        name,
        lang,
        text,
        segments,
    })
}
