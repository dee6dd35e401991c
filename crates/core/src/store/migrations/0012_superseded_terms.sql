-- TBX tells a superseded term (replaced by a newer one) from a deprecated one, and a
-- glossary exchanged with Trados or memoQ must keep the difference. SQLite cannot change
-- a CHECK constraint in place, so the table is rebuilt; nothing references its rows.
CREATE TABLE term_new (
    id             INTEGER PRIMARY KEY,
    concept_id     INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    lang           TEXT NOT NULL,
    -- The term in dictionary form, exactly as written.
    text           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'preferred'
                   CHECK (status IN ('preferred', 'admitted', 'deprecated', 'superseded',
                                     'forbidden')),
    part_of_speech TEXT,
    note           TEXT,
    match_mode     TEXT NOT NULL DEFAULT 'automatic'
                   CHECK (match_mode IN ('automatic', 'exact', 'case-sensitive', 'prefix')),
    -- Order within the concept: preferred terms are listed first by the writer.
    position       INTEGER NOT NULL,
    -- Filled by Dragoman on every write (see migration 0007).
    folded         TEXT NOT NULL DEFAULT '',
    UNIQUE (concept_id, lang, text)
);
INSERT INTO term_new (id, concept_id, lang, text, status, part_of_speech, note, match_mode,
                      position, folded)
    SELECT id, concept_id, lang, text, status, part_of_speech, note, match_mode, position,
           folded
    FROM term;
DROP TABLE term;
ALTER TABLE term_new RENAME TO term;
CREATE INDEX term_by_concept ON term (concept_id, position);
