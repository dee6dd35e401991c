-- Texts a team conflict replaced (issue 17): a unit edited on two machines before
-- either synced keeps the later push, and the server keeps the replaced version in its
-- history, flagged. Each client copies those versions of the units it holds here, so
-- the Memory view lists and shows them offline, whichever machine lost.

CREATE TABLE team_conflict (
    id          INTEGER PRIMARY KEY,
    -- The server's history entry (dragoman.unit_history.id) the text comes from.
    history_id  INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    text        TEXT NOT NULL,
    -- When and by whom the replaced text was written (the replaced version's change).
    written_at  INTEGER NOT NULL,
    written_by  TEXT,
    -- The role whose push replaced it, and when.
    replaced_by TEXT NOT NULL,
    replaced_at INTEGER NOT NULL,
    UNIQUE (history_id, lang)
);
CREATE INDEX team_conflict_by_unit ON team_conflict (unit_id);

-- The last history entry copied (0 before the first): entries are fetched after it.
ALTER TABLE team_link ADD COLUMN last_conflict INTEGER NOT NULL DEFAULT 0;
