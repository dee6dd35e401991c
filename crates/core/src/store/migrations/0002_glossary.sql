-- Glossaries (termbases): concepts with terms in any number of languages, as TBX models
-- them. Several glossaries side by side, each usable or not, with a priority that
-- orders their hits. Times are Unix seconds (UTC).

CREATE TABLE glossary (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    -- Higher first when two glossaries give a term for the same text.
    priority   INTEGER NOT NULL DEFAULT 0,
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE concept (
    id          INTEGER PRIMARY KEY,
    glossary_id INTEGER NOT NULL REFERENCES glossary (id) ON DELETE CASCADE,
    -- The identifier the concept has in its glossary's files (TBX id, CSV id column).
    external_id TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  TEXT,
    changed_at  INTEGER NOT NULL,
    changed_by  TEXT,
    UNIQUE (glossary_id, external_id)
);

-- Descriptive fields: subjectField, definition, note, source, … ("definition[ru]" for a
-- language-level one).
CREATE TABLE concept_field (
    concept_id INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (concept_id, name)
) WITHOUT ROWID;

CREATE TABLE term (
    id             INTEGER PRIMARY KEY,
    concept_id     INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    lang           TEXT NOT NULL,
    -- The term in dictionary form, exactly as written.
    text           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'preferred'
                   CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
    part_of_speech TEXT,
    note           TEXT,
    match_mode     TEXT NOT NULL DEFAULT 'automatic'
                   CHECK (match_mode IN ('automatic', 'exact', 'case-sensitive', 'prefix')),
    -- Order within the concept: preferred terms are listed first by the writer.
    position       INTEGER NOT NULL,
    UNIQUE (concept_id, lang, text)
);
CREATE INDEX term_by_concept ON term (concept_id, position);
