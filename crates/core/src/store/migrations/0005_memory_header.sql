-- The props and notes of imported TMX headers, written back into the header on export:
-- memoQ and Trados keep memory-level settings there, and an import followed by an
-- export must not lose them. Each distinct one is kept once, in the order first seen.
CREATE TABLE memory_header (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('prop', 'note')),
    type TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    UNIQUE (kind, type, value)
);
