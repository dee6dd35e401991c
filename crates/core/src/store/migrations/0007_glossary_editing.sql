-- Editing glossaries in the app: terms are searched by their folded form (case and
-- letter variants as each language folds them, custom-stem `|` marks left out), and
-- term suggestions the translator rejected are remembered so they never come back.

-- Filled by Dragoman on every write; rows written before this migration are folded in
-- Rust right after it (SQLite's lower() knows neither Cyrillic nor Turkic I).
ALTER TABLE term ADD COLUMN folded TEXT NOT NULL DEFAULT '';

CREATE TABLE rejected_suggestion (
    -- The suggestion's terms, folded, as `lang=term` joined by U+001F in language order.
    key         TEXT PRIMARY KEY,
    rejected_at INTEGER NOT NULL
) WITHOUT ROWID;
