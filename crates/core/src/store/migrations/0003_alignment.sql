-- Alignment projects: the beads a translator edits in the alignment editor, saved after
-- every edit, with the undo history. Times are Unix seconds (UTC).

CREATE TABLE alignment_project (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
);

-- The two or three texts aligned, one per column of the editor.
CREATE TABLE alignment_text (
    project_id INTEGER NOT NULL REFERENCES alignment_project (id) ON DELETE CASCADE,
    side       INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    document   TEXT NOT NULL,
    PRIMARY KEY (project_id, side)
) WITHOUT ROWID;

CREATE TABLE alignment_bead (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES alignment_project (id) ON DELETE CASCADE,
    -- 0-based order in the project; an edit shifts the positions after it.
    position   INTEGER NOT NULL,
    confidence REAL NOT NULL,
    confirmed  INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    approved   INTEGER NOT NULL CHECK (approved IN (0, 1)),
    UNIQUE (project_id, position)
);

CREATE TABLE alignment_segment (
    bead_id  INTEGER NOT NULL REFERENCES alignment_bead (id) ON DELETE CASCADE,
    side     INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (bead_id, side, position)
) WITHOUT ROWID;

-- The undo history: steps still done (undone = 0) in the order they were made, then the
-- undone ones that can be redone (undone = 1), the next to redo having the lowest seq.
-- A step is the editor's JSON of its edit and splices.
CREATE TABLE alignment_step (
    project_id INTEGER NOT NULL REFERENCES alignment_project (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    undone     INTEGER NOT NULL CHECK (undone IN (0, 1)),
    step       TEXT NOT NULL,
    PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;
