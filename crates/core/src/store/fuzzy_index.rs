//! The fuzzy candidate index: for each language, each word key (see [`Normalized`])
//! lists the variants that hold it, grouped by the variant's word count.
//!
//! A word's variants of one length are stored as *blocks*: rows of `posting_block`
//! holding up to [`BLOCK`] ascending variant ids as one blob (4 bytes each, big-endian,
//! the encoding migration 0004 can write in SQL). One row per (word, variant) cost a
//! B-tree cell and a descent each: at a million units, 40 million of them made most of
//! an import's time. New variants always have the highest ids, so adding one appends to
//! the last block of each of its words, and a lookup reads a few rows per word.
//!
//! A lookup reads the postings of only a few of the query's words, the rarest, chosen so
//! that every variant reaching the threshold must hold at least one of them (prefix
//! filtering; the argument is in the `tm::lookup` module). `df`
//! counts the variants that hold each word so that rarity is known without counting
//! postings. Each variant also keeps its words as token ids ([`encode`]), so a candidate's
//! edit similarity is computed on integers before its text is ever read.

// Every word of every variant stored is looked up here: foldhash is several times faster
// than the standard SipHash on short keys, and a translator's own memory is no HashDoS risk.
use foldhash::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::StoreError;
use crate::lang::LanguageTag;
use crate::normal::Normalized;

/// Which stored segments a posting list holds: whole variants, or the sentences of
/// units that hold several (`sentence` rows, see `units::sentences`). Each has a table
/// of blocks of its own, so each list's ids ascend in its own id space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segments {
    /// Variants, `posting_block`.
    Variants,
    /// Sentences of variants, `sentence_block`.
    Sentences,
}

impl Segments {
    /// The table of their posting blocks.
    fn table(self) -> &'static str {
        match self {
            Self::Variants => "posting_block",
            Self::Sentences => "sentence_block",
        }
    }

    /// The table of the segments themselves.
    pub(in crate::store) fn rows(self) -> &'static str {
        match self {
            Self::Variants => "variant",
            Self::Sentences => "sentence",
        }
    }
}

/// A word key known to the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedWord {
    /// The token's row id.
    pub id: i64,
    /// How many variants hold the word.
    pub df: u64,
}

/// Postings held in memory before they are written: 4 bytes each in their lists, about
/// 250 MB with the lists' own cost, and the postings of a million two-language units.
///
/// Each flush adds to every (word, length) list it holds, reading and rewriting the
/// list's last block: in a long import those blocks are spread over a B-tree far larger
/// than the page cache, and flushing every 2 million postings (as first written) made
/// those reads most of the time spent past 700,000 units. An import into an empty
/// memory this size flushes once, at its end, and writes the blocks in key order.
const BUFFERED_POSTINGS: usize = 40_000_000;

/// The most variant ids a block holds: 1 KiB, so that appending to a block rewrites
/// little and a word's list is still read in few rows.
pub const BLOCK: usize = 256;

/// Index writes deferred during a bulk import, so that each unit costs no SQL for the
/// index beyond its `variant_words` row.
///
/// Token ids are cached (a memory's vocabulary, not its size, bounds the cache), `df`
/// increments are summed, and postings are collected per (word, length) list and written
/// in key order once 40 million are held. Until [`flush`](Self::flush), the `token.df`
/// and `posting_block` tables lack what was buffered: flush before reading them or
/// removing a variant added through this buffer, and before the transaction commits.
///
/// An import into an empty memory can also defer the secondary indexes of the unit and
/// variant tables ([`defer_secondary`](Self::defer_secondary)): they are dropped and
/// built again by [`finish`](Self::finish), one sort instead of a B-tree descent per
/// row, while the buffer remembers the exact forms added so that duplicates are still
/// found ([`exact_units`](Self::exact_units)).
#[derive(Debug, Default)]
pub(in crate::store) struct IndexBuffer {
    tokens: TokenIds,
    df: HashMap<i64, i64>,
    /// New segment ids of each (segments, token id, length) list, ascending as they came.
    postings: HashMap<(Segments, i64, i64), Vec<u32>>,
    /// How many ids `postings` holds.
    buffered: usize,
    /// Whether `posting_block` is known to hold no rows, so that a flush need not look
    /// for the blocks it would top up (see [`defer_secondary`](Self::defer_secondary)).
    no_stored_blocks: bool,
    deferred: Option<DeferredIndexes>,
}

/// The secondary indexes dropped for an import, and what stands in for `variant_exact`.
#[derive(Debug, Default)]
struct DeferredIndexes {
    /// The `CREATE INDEX` statements to run again.
    sql: Vec<String>,
    /// The unit of each exact form (hashed with its language) added; a form several
    /// units share has the others in `more`. Some 40 bytes a variant, not its text.
    first: HashMap<u64, i64>,
    more: HashMap<u64, Vec<i64>>,
}

/// The indexes an import into an empty memory builds after its rows.
const DEFERRABLE: [&str; 3] = ["variant_exact", "unit_by_changed", "unit_by_origin"];

fn exact_key(lang: &LanguageTag, exact: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (lang.as_str(), exact).hash(&mut h);
    h.finish()
}

/// The fuzzy index's words and their token ids, held by a TMX import's parser thread so
/// that it, not the writing thread, finds each word's id: those lookups were a tenth of
/// the writing thread's time.
///
/// Words not yet stored get ids above every stored token's, in order; the writing
/// thread adds them to `token`
/// ([`Writer::add_tokens`](crate::store::units::Writer::add_tokens)) before storing any
/// variant that holds them. Load it within the transaction that will store the words,
/// so that no other writer can take those ids meanwhile.
#[derive(Debug)]
pub struct Vocabulary {
    tokens: TokenIds,
    next_id: i64,
}

/// A word [`Vocabulary`] gave a new token id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// Its id in `token`.
    pub id: i64,
    /// Its language.
    pub lang: String,
    /// The word key.
    pub word: String,
}

impl Vocabulary {
    /// Every stored token.
    pub fn load(conn: &Connection) -> Result<Self, StoreError> {
        let mut tokens = TokenIds::default();
        let mut next_id = 1;
        let mut stmt = conn.prepare("SELECT id, lang, word FROM token")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            tokens
                .entry(row.get(1)?)
                .or_default()
                .insert(row.get(2)?, id);
            next_id = next_id.max(id + 1);
        }
        Ok(Self { tokens, next_id })
    }

    /// The token ids of `words` (in `lang`), in order; words never seen get new ids,
    /// added to `new`.
    pub fn ids(
        &mut self,
        lang: &LanguageTag,
        words: &Normalized,
        new: &mut Vec<NewToken>,
    ) -> Vec<i64> {
        let next_id = &mut self.next_id;
        let ids = token_ids(&mut self.tokens, lang, words, |word| {
            let id = *next_id;
            *next_id += 1;
            new.push(NewToken {
                id,
                lang: lang.as_str().to_string(),
                word: word.to_string(),
            });
            Ok::<_, std::convert::Infallible>(id)
        });
        ids.unwrap_or_else(|never| match never {})
    }
}

/// Each language's words and their token ids.
type TokenIds = HashMap<String, HashMap<String, i64>>;

/// The token ids of `words` (in `lang`), in order: those `tokens` knows, and for each
/// other word the id `create` gives it, remembered.
fn token_ids<E>(
    tokens: &mut TokenIds,
    lang: &LanguageTag,
    words: &Normalized,
    mut create: impl FnMut(&str) -> Result<i64, E>,
) -> Result<Vec<i64>, E> {
    // Looked up before inserting: an entry would allocate the language's name for
    // every variant.
    if !tokens.contains_key(lang.as_str()) {
        tokens.insert(lang.as_str().to_string(), HashMap::default());
    }
    let known = tokens.get_mut(lang.as_str()).expect("inserted just above");
    let mut ids = Vec::with_capacity(words.words.len());
    for w in &words.words {
        let id = match known.get(w.key.as_str()) {
            Some(&id) => id,
            None => {
                let id = create(&w.key)?;
                known.insert(w.key.clone(), id);
                id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

impl IndexBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The token ids of `words` (in `lang`), in order, creating missing tokens and
    /// counting one more variant for each distinct word (counted at the next
    /// [`flush`](Self::flush)). Call [`post`](Self::post) once the variant has its id.
    pub fn intern(
        &mut self,
        tx: &Transaction,
        lang: &LanguageTag,
        words: &Normalized,
    ) -> Result<Vec<i64>, StoreError> {
        let ids = token_ids(&mut self.tokens, lang, words, |word| {
            // A new row starts at df 0; the buffered increments bring it up.
            tx.prepare_cached(
                "INSERT INTO token (lang, word, df) VALUES (?1, ?2, 0)
                 ON CONFLICT (lang, word) DO UPDATE SET df = df RETURNING id",
            )?
            .query_row(params![lang.as_str(), word], |r| r.get(0))
            .map_err(StoreError::from)
        })?;
        self.count(&ids);
        Ok(ids)
    }

    /// The token ids of `words` (in `lang`), in order, if the memory has every one of
    /// them; creates and counts nothing. A sentence's words are its variant's, stored
    /// with it, so this finds them all; asking rather than creating keeps a
    /// [`Vocabulary`] on another thread the only source of new ids during an import.
    pub fn known_ids(
        &mut self,
        tx: &Transaction,
        lang: &LanguageTag,
        words: &Normalized,
    ) -> Result<Option<Vec<i64>>, StoreError> {
        let mut ids = Vec::with_capacity(words.words.len());
        for w in &words.words {
            let cached = self
                .tokens
                .get(lang.as_str())
                .and_then(|known| known.get(w.key.as_str()));
            let id = match cached {
                Some(&id) => id,
                None => match word(tx, lang, &w.key)? {
                    // Remembered: asking the table for every word of every sentence
                    // was most of cutting a stored memory.
                    Some(word) => *self
                        .tokens
                        .entry(lang.as_str().to_string())
                        .or_default()
                        .entry(w.key.clone())
                        .or_insert(word.id),
                    None => return Ok(None),
                },
            };
            ids.push(id);
        }
        Ok(Some(ids))
    }

    /// Store the tokens a [`Vocabulary`] created, in the order it created them.
    pub fn add_tokens(&mut self, tx: &Transaction, new: &[NewToken]) -> Result<(), StoreError> {
        let mut insert =
            tx.prepare_cached("INSERT INTO token (id, lang, word, df) VALUES (?1, ?2, ?3, 0)")?;
        for t in new {
            insert.execute(params![t.id, t.lang, t.word])?;
        }
        Ok(())
    }

    /// Count one more variant holding each distinct token of `ids` (written at the next
    /// [`flush`](Self::flush)): for ids from a [`Vocabulary`], what [`intern`](Self::intern)
    /// does for its own.
    pub fn count(&mut self, ids: &[i64]) {
        let mut distinct = ids.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        for id in distinct {
            *self.df.entry(id).or_default() += 1;
        }
    }

    /// Add variant `variant_id`, whose words have the token ids `ids`, to the index:
    /// its word ids now, its postings when the buffer is full or flushed.
    pub fn post(
        &mut self,
        tx: &Transaction,
        variant_id: i64,
        ids: &[i64],
    ) -> Result<(), StoreError> {
        self.buffer(Segments::Variants, variant_id, ids);
        tx.prepare_cached("INSERT INTO variant_words (variant_id, word_ids) VALUES (?1, ?2)")?
            .execute(params![variant_id, encode(ids)])?;
        if self.buffered >= BUFFERED_POSTINGS {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Add sentence `sentence_id`, whose words have the token ids `ids`, to the
    /// sentences' index (its word ids are in its own row). Words' `df` counts variants
    /// only: a sentence's words are counted with its variant.
    pub fn post_sentence(
        &mut self,
        tx: &Transaction,
        sentence_id: i64,
        ids: &[i64],
    ) -> Result<(), StoreError> {
        self.buffer(Segments::Sentences, sentence_id, ids);
        if self.buffered >= BUFFERED_POSTINGS {
            self.flush(tx)?;
        }
        Ok(())
    }

    fn buffer(&mut self, segments: Segments, segment_id: i64, ids: &[i64]) {
        let len = ids.len() as i64;
        // Ids are 4 bytes in the blocks too (see `encode_block`).
        let posted = segment_id as u32;
        for &id in ids {
            let list = self.postings.entry((segments, id, len)).or_default();
            // A word repeated in the segment gives one posting.
            if list.last() != Some(&posted) {
                list.push(posted);
                self.buffered += 1;
            }
        }
    }

    /// If the memory holds no units, drop its secondary indexes until
    /// [`finish`](Self::finish) builds them again; returns whether it did. In `tx`, so
    /// an import that fails or is killed leaves them as they were.
    pub fn defer_secondary(&mut self, tx: &Transaction) -> Result<bool, StoreError> {
        let empty: bool =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM unit)", [], |r| r.get(0))?;
        if !empty || self.deferred.is_some() {
            return Ok(false);
        }
        self.no_stored_blocks =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM posting_block)", [], |r| {
                r.get(0)
            })?;
        let mut deferred = DeferredIndexes::default();
        for name in DEFERRABLE {
            let sql: String = tx.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP INDEX {name}"))?;
            deferred.sql.push(sql);
        }
        self.deferred = Some(deferred);
        Ok(true)
    }

    /// Remember that unit `unit` has a variant in `lang` with exact form `exact`, while
    /// the exact-match index is deferred.
    pub fn note_exact(&mut self, lang: &LanguageTag, exact: &str, unit: i64) {
        if let Some(d) = &mut self.deferred {
            let key = exact_key(lang, exact);
            match d.first.entry(key) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(unit);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    d.more.entry(key).or_default().push(unit);
                }
            }
        }
    }

    /// Whether the exact-match index is deferred, [`exact_units`](Self::exact_units)
    /// standing in for it.
    pub fn defers_exact_index(&self) -> bool {
        self.deferred.is_some()
    }

    /// While the exact-match index is deferred: the units that may have a variant in
    /// `lang` with exact form `exact` (a superset: forms are compared by hash). `None`
    /// when the index is in place and should be asked instead.
    pub fn exact_units(&self, lang: &LanguageTag, exact: &str) -> Option<Vec<i64>> {
        let d = self.deferred.as_ref()?;
        let key = exact_key(lang, exact);
        let mut units: Vec<i64> = d.first.get(&key).copied().into_iter().collect();
        units.extend(d.more.get(&key).into_iter().flatten());
        Some(units)
    }

    /// [`flush`](Self::flush), and build the secondary indexes again if they were
    /// deferred. An import ends with this before it commits.
    pub fn finish(&mut self, tx: &Transaction) -> Result<(), StoreError> {
        self.flush(tx)?;
        if let Some(d) = self.deferred.take() {
            for sql in d.sql {
                tx.execute_batch(&sql)?;
            }
        }
        Ok(())
    }

    /// Write every buffered posting and `df` increment.
    pub fn flush(&mut self, tx: &Transaction) -> Result<(), StoreError> {
        // In key order, so that lists new to the table are appended to its B-tree.
        let mut lists: Vec<((Segments, i64, i64), Vec<u32>)> = self.postings.drain().collect();
        lists.sort_unstable_by_key(|&(key, _)| key);
        self.buffered = 0;
        let mut ids: Vec<i64> = Vec::new();
        for ((segments, token, len), new) in lists {
            let table = segments.table();
            let mut last = tx.prepare_cached(&format!(
                "SELECT first_id, ids FROM {table} WHERE token_id = ?1 AND len = ?2
                 ORDER BY first_id DESC LIMIT 1"
            ))?;
            let mut write = tx.prepare_cached(&format!(
                "INSERT OR REPLACE INTO {table} (token_id, len, first_id, ids)
                 VALUES (?1, ?2, ?3, ?4)"
            ))?;
            ids.clear();
            // Top up the list's last block, so that one-by-one additions still make
            // full blocks; the new ids are higher than any stored. (Asking an empty
            // table for each of a million lists took a third of a flush.)
            let tail: Option<Vec<u8>> = if self.no_stored_blocks {
                None
            } else {
                last.query_row(params![token, len], |r| r.get(1))
                    .optional()?
            };
            if let Some(blob) = tail {
                let stored = decode_block(&blob);
                if stored.len() < BLOCK && stored.last().is_some_and(|&l| l < i64::from(new[0])) {
                    // Rewritten under the same first id, replacing the stored row.
                    ids.extend(stored);
                }
            }
            ids.extend(new.into_iter().map(i64::from));
            for block in ids.chunks(BLOCK) {
                write.execute(params![token, len, block[0], encode_block(block)])?;
            }
        }
        self.no_stored_blocks = false;
        let mut df = tx.prepare_cached("UPDATE token SET df = df + ?2 WHERE id = ?1")?;
        for (&id, &n) in &self.df {
            df.execute(params![id, n])?;
        }
        self.df.clear();
        Ok(())
    }
}

/// Remove variant `variant_id`, whose words have the token ids `ids`, from the index.
pub fn remove(tx: &Transaction, variant_id: i64, ids: &[i64]) -> Result<(), StoreError> {
    remove_from(tx, Segments::Variants, variant_id, ids)
}

/// Remove sentence `sentence_id`, whose words have the token ids `ids`, from the
/// sentences' index.
pub fn remove_sentence(tx: &Transaction, sentence_id: i64, ids: &[i64]) -> Result<(), StoreError> {
    remove_from(tx, Segments::Sentences, sentence_id, ids)
}

fn remove_from(
    tx: &Transaction,
    segments: Segments,
    variant_id: i64,
    ids: &[i64],
) -> Result<(), StoreError> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let len = ids.len() as i64;
    let table = segments.table();
    let mut token = tx.prepare_cached("UPDATE token SET df = df - 1 WHERE id = ?1")?;
    let mut find = tx.prepare_cached(&format!(
        "SELECT first_id, ids FROM {table}
         WHERE token_id = ?1 AND len = ?2 AND first_id <= ?3
         ORDER BY first_id DESC LIMIT 1"
    ))?;
    let mut drop_block = tx.prepare_cached(&format!(
        "DELETE FROM {table} WHERE token_id = ?1 AND len = ?2 AND first_id = ?3"
    ))?;
    let mut write = tx.prepare_cached(&format!(
        "INSERT INTO {table} (token_id, len, first_id, ids) VALUES (?1, ?2, ?3, ?4)"
    ))?;
    for id in distinct {
        if segments == Segments::Variants {
            token.execute([id])?;
        }
        let block: Option<(i64, Vec<u8>)> = find
            .query_row(params![id, len, variant_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((first, blob)) = block else {
            continue;
        };
        let mut held = decode_block(&blob);
        let before = held.len();
        held.retain(|&v| v != variant_id);
        if held.len() == before {
            continue;
        }
        // The block's key is its first id, which may be the one removed.
        drop_block.execute(params![id, len, first])?;
        if let Some(&new_first) = held.first() {
            write.execute(params![id, len, new_first, encode_block(&held)])?;
        }
    }
    Ok(())
}

/// A block's ids as stored in `posting_block.ids`: 4 bytes each, big-endian.
pub fn encode_block(ids: &[i64]) -> Vec<u8> {
    ids.iter()
        .flat_map(|&id| (id as u32).to_be_bytes())
        .collect()
}

/// The ids of a `posting_block.ids` blob.
pub fn decode_block(blob: &[u8]) -> Vec<i64> {
    blob.chunks_exact(4)
        .map(|b| i64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
        .collect()
}

/// The index's entry for `key` in `lang`, if any variant ever held it.
pub fn word(
    conn: &Connection,
    lang: &LanguageTag,
    key: &str,
) -> Result<Option<IndexedWord>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, df FROM token WHERE lang = ?1 AND word = ?2")?;
    Ok(stmt
        .query_row(params![lang.as_str(), key], |r| {
            Ok(IndexedWord {
                id: r.get(0)?,
                df: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })
        .optional()?)
}

/// The `segments` holding `word` whose word count is in `min_len..=max_len`; `out`
/// gets their `(id, word count)` appended.
pub fn postings(
    conn: &Connection,
    segments: Segments,
    word: IndexedWord,
    min_len: usize,
    max_len: usize,
    out: &mut Vec<(i64, usize)>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT len, ids FROM {} WHERE token_id = ?1 AND len BETWEEN ?2 AND ?3",
        segments.table()
    ))?;
    let mut rows = stmt.query(params![word.id, min_len as i64, max_len as i64])?;
    while let Some(row) = rows.next()? {
        let len = row.get::<_, i64>(0)? as usize;
        let blob = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        out.extend(
            blob.chunks_exact(4)
                .map(|b| (i64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])), len)),
        );
    }
    Ok(())
}

/// The token ids of variant `variant_id`'s words, in order.
pub fn word_ids(conn: &Connection, variant_id: i64) -> Result<Vec<i64>, StoreError> {
    let blob: Vec<u8> = conn
        .prepare_cached("SELECT word_ids FROM variant_words WHERE variant_id = ?1")?
        .query_row([variant_id], |r| r.get(0))?;
    Ok(decode(&blob))
}

/// The token ids of sentence `sentence_id`'s words, in order.
pub fn sentence_word_ids(conn: &Connection, sentence_id: i64) -> Result<Vec<i64>, StoreError> {
    let blob: Vec<u8> = conn
        .prepare_cached("SELECT word_ids FROM sentence WHERE id = ?1")?
        .query_row([sentence_id], |r| r.get(0))?;
    Ok(decode(&blob))
}

/// Token ids as stored in `variant_words.word_ids`: 4 bytes each, little-endian.
pub fn encode(ids: &[i64]) -> Vec<u8> {
    ids.iter()
        .flat_map(|&id| (id as u32).to_le_bytes())
        .collect()
}

/// The token ids of a `variant_words.word_ids` blob.
pub fn decode(blob: &[u8]) -> Vec<i64> {
    blob.chunks_exact(4)
        .map(|b| i64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::open_in_memory;

    #[test]
    fn blocks_fill_up_across_flushes_and_shrink_on_removal() {
        let mut conn = open_in_memory().unwrap();
        // The index alone, for variants that are only ids here.
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        let tx = conn.transaction().unwrap();
        let lang = LanguageTag::parse("en").unwrap();
        let words = Normalized::new(&lang, "forum");
        let mut index = IndexBuffer::new();
        let n = BLOCK as i64 + 10;
        for variant in 1..=n {
            let ids = index.intern(&tx, &lang, &words).unwrap();
            index.post(&tx, variant, &ids).unwrap();
            // One flush per variant, as adding units one by one does.
            index.flush(&tx).unwrap();
        }
        let blocks: Vec<(i64, usize)> = tx
            .prepare("SELECT first_id, length(ids) / 4 FROM posting_block ORDER BY first_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            blocks,
            [(1, BLOCK), (BLOCK as i64 + 1, 10)],
            "full blocks, not one per add"
        );
        let word = super::word(&tx, &lang, "forum").unwrap().unwrap();
        assert_eq!(word.df, n as u64);
        let mut found = Vec::new();
        postings(&tx, Segments::Variants, word, 1, 1, &mut found).unwrap();
        let expected: Vec<(i64, usize)> = (1..=n).map(|v| (v, 1)).collect();
        assert_eq!(found, expected);
        let token = [word.id];
        remove(&tx, 1, &token).unwrap();
        remove(&tx, n, &token).unwrap();
        found.clear();
        postings(&tx, Segments::Variants, word, 1, 1, &mut found).unwrap();
        assert_eq!(found, expected[1..expected.len() - 1]);
        let first: i64 = tx
            .query_row("SELECT min(first_id) FROM posting_block", [], |r| r.get(0))
            .unwrap();
        assert_eq!(first, 2, "a block is keyed by its first id after a removal");
    }

    #[test]
    fn an_import_into_an_empty_memory_tops_up_blocks_after_its_first_flush() {
        let mut conn = open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        let tx = conn.transaction().unwrap();
        let lang = LanguageTag::parse("en").unwrap();
        let words = Normalized::new(&lang, "forum");
        let mut index = IndexBuffer::new();
        assert!(index.defer_secondary(&tx).unwrap(), "the memory is empty");
        for batch in [1..=3, 4..=5] {
            for variant in batch {
                let ids = index.intern(&tx, &lang, &words).unwrap();
                index.post(&tx, variant, &ids).unwrap();
            }
            index.flush(&tx).unwrap();
        }
        index.finish(&tx).unwrap();
        let blocks: Vec<(i64, Vec<u8>)> = tx
            .prepare("SELECT first_id, ids FROM posting_block")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(blocks, [(1, encode_block(&[1, 2, 3, 4, 5]))], "one block");
    }

    #[test]
    fn word_ids_round_trip_through_their_blob() {
        let ids = [1, 70_000, 3, 1];
        assert_eq!(decode(&encode(&ids)), ids);
        assert_eq!(encode(&ids).len(), 16);
        assert_eq!(decode_block(&encode_block(&ids)), ids);
    }
}
