-- The translation memory: units, their language variants, the fuzzy-match candidate index
-- and the concordance index. Times are Unix seconds (UTC).

CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    created_at   INTEGER NOT NULL,
    created_by   TEXT,
    changed_at   INTEGER NOT NULL,
    changed_by   TEXT,
    -- "alignment", "translation", "import:<file>", …
    origin       TEXT NOT NULL,
    document     TEXT,
    client       TEXT,
    domain       TEXT,
    project      TEXT,
    use_count    INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    -- JSON array of strings: TMX `note`s, kept in order.
    notes        TEXT NOT NULL DEFAULT '[]',
    -- JSON array of [type, value]: TMX `prop`s Dragoman has no column for.
    props        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX unit_by_changed ON unit (changed_at);
CREATE INDEX unit_by_origin ON unit (origin);

CREATE TABLE variant (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    lang         TEXT NOT NULL,
    -- The text exactly as given, inline codes left out.
    text         TEXT NOT NULL,
    -- The TMX `seg` content with its inline elements, when it had any.
    markup       TEXT,
    -- NFC, whitespace collapsed, case kept: the exact-match key.
    normalized   TEXT NOT NULL,
    -- Names of the inline elements in order ("bpt ept ph"), '' when none.
    tags         TEXT NOT NULL DEFAULT '',
    -- Normalised neighbouring segments in the same language, for context matches.
    prev_segment TEXT,
    next_segment TEXT,
    notes        TEXT NOT NULL DEFAULT '[]',
    props        TEXT NOT NULL DEFAULT '[]',
    UNIQUE (unit_id, lang)
);
CREATE INDEX variant_exact ON variant (lang, normalized);

-- The fuzzy candidate index: a word's postings, keyed by the variant's word count so a
-- lookup reads only the lengths that can reach its threshold. `df` (how many variants
-- hold the word) orders a query's words rarest first. No foreign key to `variant`: that
-- would need a second index on variant_id; postings are removed with their variant.
CREATE TABLE token (
    id   INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    word TEXT NOT NULL,
    df   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lang, word)
);
CREATE TABLE posting (
    token_id   INTEGER NOT NULL,
    len        INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    PRIMARY KEY (token_id, len, variant_id)
) WITHOUT ROWID;

-- Each variant's words as ids in `token`, in order (u32 little-endian): a lookup bounds a
-- candidate's score from these without reading or normalising its text. A table of its
-- own so that the rows a lookup reads are small and many fit in a page.
CREATE TABLE variant_words (
    variant_id INTEGER PRIMARY KEY REFERENCES variant (id) ON DELETE CASCADE,
    word_ids   BLOB NOT NULL
);

-- Concordance: each variant's text folded for its language (Turkic i, ё→е), rowid = variant id.
CREATE VIRTUAL TABLE variant_fts USING fts5 (
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
