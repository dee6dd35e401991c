-- Translation jobs: a source document cut into segments, translated into one or two
-- languages in the Translate view, saved per segment. Times are Unix seconds (UTC).

CREATE TABLE translation_job (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    src        TEXT NOT NULL,
    -- The target languages, space-separated, in column order.
    targets    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
);

CREATE TABLE translation_segment (
    job_id    INTEGER NOT NULL REFERENCES translation_job (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    source    TEXT NOT NULL,
    PRIMARY KEY (job_id, position)
) WITHOUT ROWID;

-- A segment's translation into one target language; no row while it is empty.
CREATE TABLE translation_target (
    job_id   INTEGER NOT NULL REFERENCES translation_job (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    lang     TEXT NOT NULL,
    text     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('pretranslated', 'edited', 'confirmed')),
    -- The match score a pre-translation came from (1–101), NULL otherwise.
    score    INTEGER,
    PRIMARY KEY (job_id, position, lang)
) WITHOUT ROWID;
