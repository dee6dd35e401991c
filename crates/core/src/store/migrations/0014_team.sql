-- Team memory (issue 17): this database's link to a team on a PostgreSQL server, the
-- units' global ids, and the outbox of changes not yet pushed. The outbox is written by
-- triggers, in the same transaction as the change, whatever wrote it (approving,
-- confirming, importing, editing, deleting): a crash between a change and a sync loses
-- nothing, and no writer has to remember the team.

-- At most one link; no password, ever (libpq's PGPASSWORD or ~/.pgpass supply it).
CREATE TABLE team_link (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    server       TEXT NOT NULL,
    team         TEXT NOT NULL,
    user         TEXT NOT NULL,
    -- The server's change sequence number of the last change pulled.
    last_seq     INTEGER NOT NULL DEFAULT 0,
    last_sync_at INTEGER,
    joined_at    INTEGER NOT NULL
);

-- The unit's id on the team's server (a UUID), given when it is first pushed, and the
-- server revision this copy is based on (0 before its first push).
ALTER TABLE unit ADD COLUMN guid TEXT;
ALTER TABLE unit ADD COLUMN team_revision INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX unit_by_guid ON unit (guid) WHERE guid IS NOT NULL;

-- Units changed since their last push. `stamp` changes with every change, so a sync
-- removes only the entries it pushed, not one a change made while it talked to the
-- server.
CREATE TABLE team_outbox (
    unit_id INTEGER PRIMARY KEY,
    stamp   INTEGER NOT NULL
);
-- Units deleted after they were pushed, by global id (a local id may be reused).
CREATE TABLE team_tombstone (
    guid     TEXT PRIMARY KEY,
    -- The server revision the deleted copy was based on.
    revision INTEGER NOT NULL,
    stamp    INTEGER NOT NULL
);

-- A row here only inside the sync's own transactions: what a pull writes is the
-- server's already and goes to no outbox. (A trigger cannot read a TEMP table.)
CREATE TABLE team_quiet (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

CREATE TRIGGER team_unit_added AFTER INSERT ON unit
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_outbox (unit_id, stamp) VALUES (NEW.id, random());
END;

-- Use counts are the translator's own: only what the team shares queues a push.
CREATE TRIGGER team_unit_changed
AFTER UPDATE OF created_at, created_by, changed_at, changed_by, origin, document, client,
                domain, project, notes, props ON unit
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_outbox (unit_id, stamp) VALUES (NEW.id, random());
END;

CREATE TRIGGER team_unit_deleted AFTER DELETE ON unit
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    DELETE FROM team_outbox WHERE unit_id = OLD.id;
    INSERT OR REPLACE INTO team_tombstone (guid, revision, stamp)
    SELECT OLD.guid, OLD.team_revision, random() WHERE OLD.guid IS NOT NULL;
END;

-- A variant written or removed changes its unit (a unit's own deletion removes its
-- variants after the unit row, so these find no unit then and queue nothing).
CREATE TRIGGER team_variant_added AFTER INSERT ON variant
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_outbox (unit_id, stamp)
    SELECT id, random() FROM unit WHERE id = NEW.unit_id;
END;

CREATE TRIGGER team_variant_changed AFTER UPDATE ON variant
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_outbox (unit_id, stamp)
    SELECT id, random() FROM unit WHERE id = NEW.unit_id;
END;

CREATE TRIGGER team_variant_removed AFTER DELETE ON variant
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_outbox (unit_id, stamp)
    SELECT id, random() FROM unit WHERE id = OLD.unit_id;
END;
