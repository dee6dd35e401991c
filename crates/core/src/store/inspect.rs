//! What the database holds, read back as plain values and checked: its integrity and
//! the memory's indexes against its variants, dumps of the memory and of the schema.
//! For checking a memory by hand and for tests that compare two ways of writing the
//! same units; nothing here is on a lookup's or an import's path.

use rusqlite::Connection;

use super::{StoreError, fuzzy_index, units};

/// The memory's words in the order they were first stored: `(token id, language,
/// word key)`.
pub fn tokens(conn: &Connection) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(conn
        .prepare("SELECT id, lang, word FROM token ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?)
}

/// Each variant's words as the fuzzy index holds them, its word ids read back as words:
/// `(language, text, words)`, in variant order.
pub fn variant_words(conn: &Connection) -> Result<Vec<(String, String, Vec<String>)>, StoreError> {
    let rows: Vec<(String, String, Vec<u8>)> = conn
        .prepare(
            "SELECT v.lang, v.text, w.word_ids FROM variant v JOIN variant_words w
             ON w.variant_id = v.id ORDER BY v.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut word = conn.prepare("SELECT word FROM token WHERE id = ?1")?;
    rows.into_iter()
        .map(|(lang, text, blob)| {
            let words = fuzzy_index::decode(&blob)
                .into_iter()
                .map(|id| word.query_row([id], |r| r.get(0)))
                .collect::<Result<_, _>>()?;
            Ok((lang, text, words))
        })
        .collect()
}

/// How many postings the fuzzy index holds, and the sum of its words' `df`: equal in a
/// memory whose index is right.
pub fn posting_totals(conn: &Connection) -> Result<(u64, u64), StoreError> {
    let postings: i64 = conn.query_row(
        "SELECT coalesce(sum(length(ids)) / 4, 0) FROM posting_block",
        [],
        |r| r.get(0),
    )?;
    let df: i64 = conn.query_row("SELECT coalesce(sum(df), 0) FROM token", [], |r| r.get(0))?;
    Ok((postings as u64, df as u64))
}

/// The names of the schema's indexes, in name order.
pub fn index_names(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// What is wrong with the database: SQLite's `integrity_check`, FTS5's own check of the
/// concordance index, and the translation memory's indexes against its variants (every
/// variant indexed once, no index entry for a variant that is gone, each word's `df`
/// equal to its postings). Empty when all is well. It reads every table: for tests and
/// for checking a memory by hand, not for every open.
pub fn verify(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    if let Err(e) = conn.execute(
        "INSERT INTO variant_fts (variant_fts, rank) VALUES ('integrity-check', 0)",
        [],
    ) {
        problems.push(format!("concordance index: {e}"));
    }
    let checks = [
        (
            "variants without their word ids",
            "SELECT count(*) FROM variant v
             WHERE NOT EXISTS (SELECT 1 FROM variant_words w WHERE w.variant_id = v.id)",
        ),
        (
            "concordance entries more or fewer than variants",
            "SELECT abs((SELECT count(*) FROM variant_fts) - (SELECT count(*) FROM variant))",
        ),
    ];
    for (what, sql) in checks {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        if n != 0 {
            problems.push(format!("{what}: {n}"));
        }
    }
    // The posting blocks are blobs, checked here rather than in SQL.
    let mut variant = conn.prepare("SELECT 1 FROM variant WHERE id = ?1")?;
    let (mut gone, mut disordered) = (0, 0);
    let mut df: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    let mut blocks = conn.prepare("SELECT token_id, first_id, ids FROM posting_block")?;
    let mut rows = blocks.query([])?;
    while let Some(row) = rows.next()? {
        let ids = fuzzy_index::decode_block(&row.get::<_, Vec<u8>>(2)?);
        *df.entry(row.get(0)?).or_default() += ids.len() as i64;
        if ids.first() != Some(&row.get(1)?) || ids.windows(2).any(|w| w[0] >= w[1]) {
            disordered += 1;
        }
        for id in ids {
            if !variant.exists([id])? {
                gone += 1;
            }
        }
    }
    if gone > 0 {
        problems.push(format!("postings of variants that are gone: {gone}"));
    }
    if disordered > 0 {
        problems.push(format!(
            "posting blocks out of order or misnamed: {disordered}"
        ));
    }
    let mut tokens = conn.prepare("SELECT id, df FROM token")?;
    let wrong_df = tokens
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(id, n)| df.get(id).copied().unwrap_or(0) != *n)
        .count();
    if wrong_df > 0 {
        problems.push(format!(
            "words whose df is not their number of postings: {wrong_df}"
        ));
    }
    problems.extend(verify_sentences(conn)?);
    Ok(problems)
}

/// The sentences' index against the sentences: each sentence posted once under each of
/// its distinct words, no posting of a sentence that is gone, blocks in order; and the
/// sentences against the units, cut as the unit's variants cut now.
fn verify_sentences(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let mut expected: std::collections::HashMap<(i64, i64), usize> = Default::default();
    let mut sentences = conn.prepare("SELECT id, word_ids FROM sentence")?;
    let mut rows = sentences.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let mut words = fuzzy_index::decode(&row.get::<_, Vec<u8>>(1)?);
        words.sort_unstable();
        words.dedup();
        for word in words {
            expected.insert((word, id), 0);
        }
    }
    let (mut gone, mut disordered) = (0, 0);
    let mut blocks = conn.prepare("SELECT token_id, first_id, ids FROM sentence_block")?;
    let mut rows = blocks.query([])?;
    while let Some(row) = rows.next()? {
        let token: i64 = row.get(0)?;
        let ids = fuzzy_index::decode_block(&row.get::<_, Vec<u8>>(2)?);
        if ids.first() != Some(&row.get(1)?) || ids.windows(2).any(|w| w[0] >= w[1]) {
            disordered += 1;
        }
        for id in ids {
            match expected.get_mut(&(token, id)) {
                Some(n) => *n += 1,
                None => gone += 1,
            }
        }
    }
    let unposted = expected.values().filter(|&&n| n != 1).count();
    for (what, n) in [
        ("sentence postings of no stored sentence word", gone),
        ("sentence blocks out of order or misnamed", disordered),
        ("sentence words posted other than once", unposted),
    ] {
        if n > 0 {
            problems.push(format!("{what}: {n}"));
        }
    }
    let mut stale = 0;
    let ids: Vec<i64> = conn
        .prepare("SELECT DISTINCT unit_id FROM variant WHERE tags = '' ORDER BY unit_id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stored =
        conn.prepare("SELECT lang, text FROM sentence WHERE unit_id = ?1 ORDER BY lang, position")?;
    for id in ids {
        let Some(unit) = units::get(conn, units::UnitId(id))? else {
            continue;
        };
        let mut cut: Vec<(String, String)> = units::sentences::cut(&unit.variants)
            .into_iter()
            .flat_map(|(lang, s)| {
                s.into_iter()
                    .map(move |t| (lang.to_string(), t.to_string()))
            })
            .collect();
        cut.sort_by(|a, b| a.0.cmp(&b.0));
        let held: Vec<(String, String)> = stored
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if held != cut {
            stale += 1;
        }
    }
    if stale > 0 {
        problems.push(format!(
            "units whose stored sentences are not their cut: {stale}"
        ));
    }
    Ok(problems)
}

/// Everything the memory holds, indexes included, as text: units with their variants,
/// the words with their counts, the postings and word ids by word, the concordance
/// index's entries. Two memories with the same dump answer every lookup alike: for
/// tests that compare two ways of writing the same units.
pub fn dump_memory(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM unit ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        let unit = units::get(conn, units::UnitId(id))?;
        out.push(format!("unit {id}: {unit:?}"));
    }
    let mut rows = |sql: &str| -> Result<(), StoreError> {
        let mut stmt = conn.prepare(sql)?;
        let n = stmt.column_count();
        let lines = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|cells| cells.join(" "))
            })?
            .collect::<Result<Vec<String>, _>>()?;
        out.extend(lines);
        Ok(())
    };
    rows("SELECT id, normalized, prev_segment, next_segment FROM variant ORDER BY id")?;
    rows("SELECT id, lang, word, df FROM token ORDER BY id")?;
    rows("SELECT token_id, len, first_id, hex(ids) FROM posting_block ORDER BY 1, 2, 3")?;
    rows("SELECT variant_id, hex(word_ids) FROM variant_words ORDER BY 1")?;
    rows(
        "SELECT id, unit_id, lang, position, text, normalized, hex(word_ids) FROM sentence ORDER BY 1",
    )?;
    rows("SELECT token_id, len, first_id, hex(ids) FROM sentence_block ORDER BY 1, 2, 3")?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms \
         USING fts5vocab(main, variant_fts, 'instance')",
    )?;
    rows("SELECT term, doc, col, offset FROM temp.fts_terms ORDER BY 1, 2, 3, 4")?;
    Ok(out)
}

/// The schema as SQL, table by table in name order: what the migrations built.
pub fn dump_schema(conn: &Connection) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'variant_fts_%' \
         ORDER BY type DESC, name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = String::new();
    for sql in rows {
        out.push_str(&sql?);
        out.push_str(";\n");
    }
    Ok(out)
}
