//! The memory as both shells use it: one call per thing a translator does with it.
//!
//! The desktop app's commands and the `dragoman tm` subcommands are each "arguments in,
//! one [`Memory`] call, error out", so the two front doors cannot drift apart: a file is
//! read by the same format detection, written through the same [`Writer`], browsed and
//! edited by the same rules.

use std::io::{BufRead, BufReader, Read, Write};
use std::ops::ControlFlow;
use std::path::Path;

use super::beads::{AlignedDocument, import_beads};
use super::concordance::{ConcordanceHit, concordance};
use super::exchange::{self, DuplicatePolicy, ExchangeError, ImportReport};
use super::fragments::{self, Fragment, FragmentError, FragmentQuery, Training};
use super::lookup::{Lookup, Query, lookup};
use super::maintenance::{
    self, Browse, DuplicateGroup, MaintenanceError, Overview, Page, UnitDetails,
};
use super::{TranslationUnit, UnitId, origin};
use crate::Timestamp;
use crate::align::TermPair;
use crate::lang::LanguageTag;
use crate::limits::{Limit, Limits};
use crate::store::team_conflict::{self, ConflictText};
use crate::store::units::versions::UnitVersion;
use crate::store::units::{self, Deletion, MemoryStats, UnitFilter, Writer};
use crate::store::{self, Connection, StoreError, bulk, settings};

/// How a memory file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryFormat {
    /// TMX 1.4b.
    Tmx,
    /// A table of parallel sentences, a language tag heading each column.
    Table {
        /// The column separator.
        delimiter: char,
    },
}

impl MemoryFormat {
    /// The format of the file `name` whose first bytes are `head`: `.tmx` and `.xml` are
    /// TMX, `.tsv` and `.csv` tables; any other name (a `.txt` saved by hand, a file
    /// without an extension) is TMX when it starts with markup and a tab-separated
    /// table otherwise.
    pub fn detect(name: &str, head: &[u8]) -> Self {
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("tmx" | "xml") => Self::Tmx,
            Some("tsv") => Self::Table { delimiter: '\t' },
            Some("csv") => Self::Table { delimiter: ',' },
            _ if starts_with_markup(head) => Self::Tmx,
            _ => Self::Table { delimiter: '\t' },
        }
    }
}

/// Whether the text of `head` (UTF-8 or UTF-16, a BOM allowed) starts with `<`.
fn starts_with_markup(head: &[u8]) -> bool {
    let utf16 = |b: &[u8], le: bool| {
        b.chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .find(|&u| !matches!(u, 0xFEFF | 0x20 | 0x09 | 0x0A | 0x0D))
            == Some(u16::from(b'<'))
    };
    match head {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => {
            let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
        }
    }
}

/// How an import treats the memory.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// What to do with units the memory already has.
    pub policy: DuplicatePolicy,
    /// The units' date where the file gives none.
    pub at: Timestamp,
    /// Nothing else has the database open (a script's import): the write may use a
    /// rollback journal, writing each page once (see [`bulk`]). Otherwise the write lock
    /// is taken at once, so another writer makes the import fail at its start.
    pub alone: bool,
    /// What the file may hold (see [`Limits`]).
    pub limits: Limits,
}

/// A translation memory, open.
pub struct Memory {
    conn: Connection,
}

impl From<Connection> for Memory {
    fn from(conn: Connection) -> Self {
        Self { conn }
    }
}

impl Memory {
    /// Open (creating if needed) the memory at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Ok(Self::from(store::open(path)?))
    }

    /// The database, for the areas that share it (glossaries, projects, jobs).
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    /// Import the memory file `name` from `read`, its format detected
    /// ([`MemoryFormat::detect`]), its units of origin `import:<file name>`, in one
    /// transaction. `progress` hears how many units or rows were read, and how many
    /// there are when that is known; when it breaks, nothing is kept.
    ///
    /// A TMX file is streamed, whatever its size; a table is read whole, so it may be
    /// no larger than [`Limit::FileBytes`], and a file that starts with binary data (a
    /// device such as `/dev/zero`, an archive) is refused before any of the rest is read.
    pub fn import(
        &mut self,
        name: &str,
        read: impl Read + Send,
        options: &ImportOptions,
        mut progress: impl FnMut(u64, Option<u64>) -> ControlFlow<()>,
    ) -> Result<ImportReport, ExchangeError> {
        let mut read = BufReader::with_capacity(1 << 20, read);
        let format = MemoryFormat::detect(name, read.fill_buf().map_err(ExchangeError::Read)?);
        let file_name = Path::new(name)
            .file_name()
            .map_or(name.into(), |n| n.to_string_lossy());
        let origin = origin::import(&file_name);
        self.import_with(options, &file_name, |writer| match format {
            MemoryFormat::Tmx => exchange::import_tmx_with_progress(
                writer,
                read,
                &origin,
                options.at,
                options.policy,
                &options.limits,
                |n| progress(n, None),
            ),
            MemoryFormat::Table { delimiter } => {
                let head = read.fill_buf().map_err(ExchangeError::Read)?;
                if let Some(offset) = crate::text::binary_at(head) {
                    return Err(crate::text::TextError::Binary { offset }.into());
                }
                let max = options.limits.get(Limit::FileBytes);
                let mut bytes = Vec::new();
                (&mut read)
                    .take(max + 1)
                    .read_to_end(&mut bytes)
                    .map_err(ExchangeError::Read)?;
                options.limits.check(Limit::FileBytes, bytes.len() as u64)?;
                let text = crate::text::decode(&bytes)?;
                crate::text::check_lines(&text, &options.limits)?;
                exchange::import_table_with_progress(
                    writer,
                    &text,
                    delimiter,
                    &origin,
                    options.at,
                    options.policy,
                    &options.limits,
                    |done, total| progress(done, Some(total)),
                )
            }
        })
    }

    /// Store the beads of `jsonl` (as `dragoman align --format jsonl` writes them) whose
    /// confidence is at least `min_score` as units, their text taken from `docs`, in one
    /// transaction (see [`import_beads`]).
    pub fn import_beads(
        &mut self,
        jsonl: &str,
        docs: &[AlignedDocument],
        min_score: f32,
        options: &ImportOptions,
    ) -> Result<ImportReport, ExchangeError> {
        self.import_with(options, "beads", |writer| {
            import_beads(writer, jsonl, docs, min_score, options.at, options.policy)
        })
    }

    /// Run an import of `file` through one writer and commit it:
    /// alone, with a rollback journal (see [`bulk`]).
    fn import_with(
        &mut self,
        options: &ImportOptions,
        file: &str,
        import: impl FnOnce(&mut Writer) -> Result<ImportReport, ExchangeError>,
    ) -> Result<ImportReport, ExchangeError> {
        let write = |conn: &mut Connection| -> Result<ImportReport, ExchangeError> {
            let mut writer = Writer::begin(conn)?;
            let report = import(&mut writer)?;
            writer.commit()?;
            Ok(report)
        };
        if options.alone {
            bulk::with_rollback_journal(&mut self.conn, file, write)
        } else {
            write(&mut self.conn)
        }
    }

    /// Write the units `filter` selects as TMX 1.4b to `out`, `srclang` as the header's
    /// source language (`*all*` when `None`); returns how many were written.
    pub fn export_tmx(
        &self,
        filter: &UnitFilter,
        srclang: Option<LanguageTag>,
        out: impl Write,
    ) -> Result<u64, ExchangeError> {
        exchange::export_tmx(&self.conn, filter, srclang, out)
    }

    /// Write the units `filter` selects as a table with a column per language of
    /// `columns` (every language the memory holds, most frequent first, when empty);
    /// returns how many rows were written.
    pub fn export_table(
        &self,
        filter: &UnitFilter,
        columns: &[LanguageTag],
        out: impl Write,
    ) -> Result<u64, ExchangeError> {
        let columns = if columns.is_empty() {
            self.stats()?
                .languages
                .iter()
                .map(|(l, _)| LanguageTag::parse(l))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| StoreError::Damaged(format!("stored language: {e}")))?
        } else {
            columns.to_vec()
        };
        exchange::export_table(&self.conn, filter, &columns, out)
    }

    /// The best matches for `query`.
    pub fn lookup(&self, query: &Query) -> Result<Lookup, StoreError> {
        lookup(&self.conn, query)
    }

    /// The runs of `query`'s text found in stored source segments, each with its
    /// translation (see [`fragments`]).
    pub fn fragments(&self, query: &FragmentQuery) -> Result<Vec<Fragment>, FragmentError> {
        fragments::fragments(&self.conn, query)
    }

    /// The glossaries' term pairs between `langs`: the word alignment's anchors (see
    /// [`crate::glossary::stored_term_pairs`]).
    pub fn glossary_term_pairs(&self, langs: &[LanguageTag]) -> Result<Vec<TermPair>, StoreError> {
        crate::glossary::stored_term_pairs(&self.conn, langs)
    }

    /// Learn (or bring up to date) the word alignment of `src` and `tgt` that fragment
    /// lookups read, with the glossary's `terms` as anchors; `full` learns the tables
    /// again whatever the memory's growth (see [`fragments::train`]).
    pub fn train_alignment(
        &mut self,
        src: &LanguageTag,
        tgt: &LanguageTag,
        terms: &[TermPair],
        full: bool,
    ) -> Result<Training, FragmentError> {
        fragments::train(&mut self.conn, src, tgt, terms, full)
    }

    /// The stored segments containing `phrase` (in any inflected form with `inflected`),
    /// most recently changed first, at most `limit`.
    pub fn concordance(
        &self,
        phrase: &str,
        inflected: bool,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        concordance(&self.conn, phrase, inflected, limit)
    }

    /// One page of the units `query` selects, newest first.
    pub fn browse(&self, query: &Browse) -> Result<Page, MaintenanceError> {
        maintenance::browse(&self.conn, query)
    }

    /// Unit `id`, if the memory holds it.
    pub fn unit(&self, id: UnitId) -> Result<Option<TranslationUnit>, StoreError> {
        units::get(&self.conn, id)
    }

    /// Unit `id`'s earlier texts, the latest replaced first.
    pub fn versions(&self, id: UnitId) -> Result<Vec<UnitVersion>, StoreError> {
        units::versions::list(&self.conn, id)
    }

    /// Unit `id`'s texts replaced by team conflicts, the latest replaced first.
    pub fn conflicts(&self, id: UnitId) -> Result<Vec<ConflictText>, StoreError> {
        team_conflict::of_unit(&self.conn, id)
    }

    /// Every unit holding a text a team conflict replaced, the latest first.
    pub fn conflicted(&self) -> Result<Vec<UnitId>, StoreError> {
        team_conflict::units(&self.conn)
    }

    /// Whether confirming another translation of a source the memory holds adds a unit
    /// beside the old one rather than correcting it (off unless set).
    pub fn keeps_several_translations(&self) -> Result<bool, StoreError> {
        settings::flag(&self.conn, settings::SEVERAL_TRANSLATIONS)
    }

    /// Keep several translations of one source (`true`), or one (`false`, the default).
    pub fn keep_several_translations(&mut self, several: bool) -> Result<(), StoreError> {
        settings::set(
            &mut self.conn,
            settings::SEVERAL_TRANSLATIONS,
            several.then_some("true"),
        )
    }

    /// Set unit `id`'s text in `lang` as written, changed by `by` now.
    pub fn set_text(
        &mut self,
        id: UnitId,
        lang: &LanguageTag,
        text: &str,
        by: Option<&str>,
    ) -> Result<TranslationUnit, MaintenanceError> {
        self.edit(|w| maintenance::set_text(w, id, lang, text, by, Timestamp::now()))
    }

    /// Replace unit `id`'s client, domain, project and notes, changed by `by` now.
    pub fn set_details(
        &mut self,
        id: UnitId,
        details: &UnitDetails,
        by: Option<&str>,
    ) -> Result<TranslationUnit, MaintenanceError> {
        self.edit(|w| maintenance::set_details(w, id, details, by, Timestamp::now()))
    }

    /// Delete the units `ids`.
    pub fn delete(&mut self, ids: &[UnitId]) -> Result<Deletion, MaintenanceError> {
        self.edit(|w| maintenance::delete(w, ids))
    }

    /// Delete every unit `filter` selects.
    pub fn delete_matching(&mut self, filter: &UnitFilter) -> Result<Deletion, StoreError> {
        let mut writer = Writer::begin(&mut self.conn)?;
        let deletion = writer.delete_matching(filter)?;
        writer.commit()?;
        Ok(deletion)
    }

    /// Up to `limit` groups of units alike in the pair `src`–`tgt`.
    pub fn duplicates(
        &self,
        src: &LanguageTag,
        tgt: &LanguageTag,
        limit: usize,
    ) -> Result<Vec<DuplicateGroup>, MaintenanceError> {
        maintenance::duplicates(&self.conn, src, tgt, limit)
    }

    /// Merge `others` into `keep` (see [`maintenance::merge`]).
    pub fn merge(
        &mut self,
        keep: UnitId,
        others: &[UnitId],
    ) -> Result<TranslationUnit, MaintenanceError> {
        self.edit(|w| maintenance::merge(w, keep, others))
    }

    /// What the memory holds, for its statistics panel.
    pub fn overview(&self) -> Result<Overview, MaintenanceError> {
        maintenance::overview(&self.conn)
    }

    /// Counts of units, variants, languages, origins and indexed words.
    pub fn stats(&self) -> Result<MemoryStats, StoreError> {
        units::stats(&self.conn)
    }

    /// Pairs of short variants (at most `max_chars` characters each: terms and names,
    /// not sentences) of the same unit between `a` and `b`, as evidence for the aligner.
    pub fn short_pairs(
        &self,
        a: &LanguageTag,
        b: &LanguageTag,
        max_chars: usize,
    ) -> Result<Vec<(String, String)>, StoreError> {
        units::short_pairs(&self.conn, a, b, max_chars)
    }

    /// Run one edit through a writer and commit it.
    fn edit<T>(
        &mut self,
        change: impl FnOnce(&mut Writer) -> Result<T, MaintenanceError>,
    ) -> Result<T, MaintenanceError> {
        let mut writer = Writer::begin(&mut self.conn)?;
        let done = change(&mut writer)?;
        writer.commit()?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_name_then_by_content() {
        let tab = MemoryFormat::Table { delimiter: '\t' };
        assert_eq!(MemoryFormat::detect("a.TMX", b"ru\ten"), MemoryFormat::Tmx);
        assert_eq!(
            MemoryFormat::detect("a.csv", b"<tmx"),
            MemoryFormat::Table { delimiter: ',' }
        );
        assert_eq!(MemoryFormat::detect("a.tsv", b"<tmx"), tab);
        assert_eq!(
            MemoryFormat::detect("memory.txt", b"\xEF\xBB\xBF\n  <?xml version"),
            MemoryFormat::Tmx
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<tmx".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            MemoryFormat::detect("memory.txt", &utf16),
            MemoryFormat::Tmx
        );
        assert_eq!(MemoryFormat::detect("memory.txt", b"ru\ten\n"), tab);
        assert_eq!(MemoryFormat::detect("memory", b""), tab);
    }

    #[test]
    fn a_txt_memory_is_read_by_its_content_and_cancelling_keeps_nothing() {
        let mut memory = Memory::from(store::open_in_memory().unwrap());
        let options = ImportOptions {
            policy: DuplicatePolicy::Skip,
            at: Timestamp(1),
            alone: false,
            limits: Limits::default(),
        };
        let tmx = r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>Да.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>
</body></tmx>"#;
        let stop = memory.import("saved.txt", tmx.as_bytes(), &options, |_, _| {
            ControlFlow::Break(())
        });
        assert!(matches!(stop, Err(ExchangeError::Cancelled)), "{stop:?}");
        assert_eq!(memory.stats().unwrap().units, 0);
        let report = memory
            .import("saved.txt", tmx.as_bytes(), &options, |_, _| {
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(report.added, 1);
        let table = "ru\ten\nНет.\tNo.\n";
        let report = memory
            .import("dir/table.txt", table.as_bytes(), &options, |_, _| {
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(report.added, 1);
        let origins = memory.stats().unwrap().origins;
        assert!(
            origins.contains(&("import:table.txt".to_string(), 1)),
            "{origins:?}"
        );
        assert!(
            origins.contains(&("import:saved.txt".to_string(), 1)),
            "{origins:?}"
        );
    }

    /// Issue 19, finding 5: `tm import /dev/zero` read zeros until the memory ran out.
    /// An endless stream ends at its first byte as a table or as TMX, and an endless
    /// table of text at the file-size limit; a table line longer than a segment may be
    /// is refused too.
    #[test]
    fn an_endless_or_oversized_file_ends_in_an_error() {
        let mut memory = Memory::from(store::open_in_memory().unwrap());
        let options = ImportOptions {
            policy: DuplicatePolicy::Skip,
            at: Timestamp(1),
            alone: false,
            limits: Limits::default()
                .with(Limit::FileBytes, 1 << 16)
                .with(Limit::SegmentBytes, 100),
        };
        let go = |_, _| ControlFlow::Continue(());
        let zeros = memory.import("/dev/zero", std::io::repeat(0), &options, go);
        assert!(
            matches!(
                zeros,
                Err(ExchangeError::Text(crate::text::TextError::Binary {
                    offset: 0
                }))
            ),
            "{zeros:?}"
        );
        let zeros = memory.import("zero.tmx", std::io::repeat(0), &options, go);
        assert!(
            matches!(&zeros, Err(ExchangeError::Tmx(e)) if e.to_string().contains("NUL byte")),
            "{zeros:?}"
        );
        let endless = std::io::Read::chain(&b"ru\ten\n"[..], std::io::repeat(b'a'));
        let endless = memory.import("endless.tsv", endless, &options, go);
        assert!(
            matches!(
                endless,
                Err(ExchangeError::Limit(crate::limits::Exceeded {
                    limit: Limit::FileBytes,
                    ..
                }))
            ),
            "{endless:?}"
        );
        let long = format!("ru\ten\n{}\tNo.\n", "Нет".repeat(40));
        let long = memory.import("long.tsv", long.as_bytes(), &options, go);
        assert!(
            matches!(
                long,
                Err(ExchangeError::Text(crate::text::TextError::LineTooLong {
                    line: 2,
                    ..
                }))
            ),
            "{long:?}"
        );
        assert_eq!(memory.stats().unwrap().units, 0);
    }
}
