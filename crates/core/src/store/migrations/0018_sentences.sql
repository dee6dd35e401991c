-- Units of several sentences, matched sentence by sentence: when a unit's variants cut
-- into the same number (two or more) of sentences that pair one to one, each sentence
-- is a row here, `position` (0-based) pairing it with the same position in the unit's
-- other languages. Rows are derived from the unit and written and removed with it (see
-- `store/units/sentences.rs`); the Rust step after this file fills them for the units
-- already stored.
CREATE TABLE sentence (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    -- The sentence as it stands in the variant's text.
    text       TEXT NOT NULL,
    -- Its exact form (as `variant.normalized`).
    normalized TEXT NOT NULL,
    -- Its words as ids in `token`, as `variant_words.word_ids`.
    word_ids   BLOB NOT NULL,
    UNIQUE (unit_id, lang, position)
);
CREATE INDEX sentence_exact ON sentence (lang, normalized, unit_id);

-- The fuzzy candidate index of the sentences, as `posting_block` is the variants'.
CREATE TABLE sentence_block (
    token_id INTEGER NOT NULL,
    len      INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    ids      BLOB NOT NULL,
    PRIMARY KEY (token_id, len, first_id)
) WITHOUT ROWID;
