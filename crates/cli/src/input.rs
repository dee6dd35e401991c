//! Reading the documents named on the command line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
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

/// Read a TXT, DOCX or HTML file as plain text (errors name the file).
pub fn read_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read"))?;
    Ok(source::read(&name, &bytes)?)
}

/// Read, decode and segment one file; print its language to stderr.
pub fn load(path: &Path, lang: Option<LanguageTag>, cutting: &Cutting) -> Result<Document> {
    let name = path.display().to_string();
    let text = read_text(path)?;
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
            let rules = std::fs::read_to_string(srx)
                .with_context(|| format!("{}: cannot read", srx.display()))?;
            segment::Segmenter::from_srx(&rules, &lang)
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
