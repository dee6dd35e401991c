-- Earlier versions of a unit's text: what a correction replaced (a segment confirmed
-- again with another translation, an alignment approved again, an edit in the Memory
-- view), so the translator can see and take back what the memory said before.

CREATE TABLE unit_version (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    text        TEXT NOT NULL,
    markup      TEXT,
    -- When and by whom the replaced text was written (the unit's change then).
    written_at  INTEGER NOT NULL,
    written_by  TEXT,
    replaced_at INTEGER NOT NULL
);
CREATE INDEX unit_version_by_unit ON unit_version (unit_id);
