-- Team memory, second part (issue 17): glossary concepts are shared as units are. Each
-- concept gets a global id and a server revision; an outbox and tombstones of their own,
-- filled by triggers in the same transaction as every change to a concept, its terms or
-- its fields, whatever wrote it (the editor, an import, a glossary's deletion).

ALTER TABLE concept ADD COLUMN guid TEXT;
ALTER TABLE concept ADD COLUMN team_revision INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX concept_by_guid ON concept (guid) WHERE guid IS NOT NULL;

-- Concepts have a change sequence of their own on the server's side of the pull.
ALTER TABLE team_link ADD COLUMN last_concept_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE team_concept_outbox (
    concept_id INTEGER PRIMARY KEY,
    stamp      INTEGER NOT NULL
);
CREATE TABLE team_concept_tombstone (
    guid     TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    stamp    INTEGER NOT NULL
);

CREATE TRIGGER team_concept_added AFTER INSERT ON concept
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp) VALUES (NEW.id, random());
END;

-- Not on guid or team_revision: those are the sync's own bookkeeping.
CREATE TRIGGER team_concept_changed
AFTER UPDATE OF glossary_id, external_id, created_at, created_by, changed_at, changed_by
ON concept
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp) VALUES (NEW.id, random());
END;

CREATE TRIGGER team_concept_deleted AFTER DELETE ON concept
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    DELETE FROM team_concept_outbox WHERE concept_id = OLD.id;
    INSERT OR REPLACE INTO team_concept_tombstone (guid, revision, stamp)
    SELECT OLD.guid, OLD.team_revision, random() WHERE OLD.guid IS NOT NULL;
END;

-- A term or field written or removed changes its concept (a concept's own deletion
-- removes them after the concept row, so these find no concept then).
CREATE TRIGGER team_term_added AFTER INSERT ON term
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = NEW.concept_id;
END;

-- Not on `folded`: a match key, computed from the text.
CREATE TRIGGER team_term_changed
AFTER UPDATE OF lang, text, status, part_of_speech, note, match_mode, position ON term
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = NEW.concept_id;
END;

CREATE TRIGGER team_term_removed AFTER DELETE ON term
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = OLD.concept_id;
END;

CREATE TRIGGER team_concept_field_added AFTER INSERT ON concept_field
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = NEW.concept_id;
END;

CREATE TRIGGER team_concept_field_changed AFTER UPDATE ON concept_field
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = NEW.concept_id;
END;

CREATE TRIGGER team_concept_field_removed AFTER DELETE ON concept_field
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE id = OLD.concept_id;
END;

-- A renamed glossary is a change of each of its concepts (the server names glossaries).
CREATE TRIGGER team_glossary_renamed AFTER UPDATE OF name ON glossary
WHEN EXISTS (SELECT 1 FROM team_link) AND NOT EXISTS (SELECT 1 FROM team_quiet)
BEGIN
    INSERT OR REPLACE INTO team_concept_outbox (concept_id, stamp)
    SELECT id, random() FROM concept WHERE glossary_id = NEW.id;
END;
