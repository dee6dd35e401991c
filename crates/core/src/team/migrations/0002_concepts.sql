-- Glossary concepts shared as units are (issue 17): a global id, the concept as JSON
-- (its id in the glossary, fields, terms with language, status and notes, who and
-- when), the glossary's name, a revision, the sequence number of its last change, a
-- tombstone flag, and every replaced version in concept_history.

CREATE TABLE dragoman.concept (
    guid       uuid PRIMARY KEY,
    team_id    bigint NOT NULL REFERENCES dragoman.team (id) ON DELETE CASCADE,
    glossary   text NOT NULL,
    -- The concept's id in its glossary (a file's id, or c- and 16 hex digits).
    concept_id text NOT NULL,
    -- team::shared::SharedConcept.
    content    jsonb NOT NULL,
    revision   bigint NOT NULL,
    seq        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    changed_by name NOT NULL DEFAULT current_user,
    changed_at timestamptz NOT NULL DEFAULT now()
);
-- A glossary's concept ids are unique: the same concept imported on two machines (the
-- same file) is one concept, its terms and fields merged.
CREATE UNIQUE INDEX concept_live_id ON dragoman.concept (team_id, glossary, concept_id)
    WHERE NOT deleted;
CREATE INDEX concept_by_seq ON dragoman.concept (team_id, seq);

CREATE TABLE dragoman.concept_history (
    id          bigserial PRIMARY KEY,
    guid        uuid NOT NULL REFERENCES dragoman.concept (guid) ON DELETE CASCADE,
    team_id     bigint NOT NULL REFERENCES dragoman.team (id) ON DELETE CASCADE,
    revision    bigint NOT NULL,
    glossary    text NOT NULL,
    content     jsonb NOT NULL,
    deleted     boolean NOT NULL,
    conflict    boolean NOT NULL,
    replaced_by name NOT NULL DEFAULT current_user,
    replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concept_history_by_concept ON dragoman.concept_history (guid);

GRANT SELECT, INSERT, UPDATE ON dragoman.concept TO dragoman_member;
GRANT SELECT, INSERT ON dragoman.concept_history TO dragoman_member;
GRANT USAGE ON SEQUENCE dragoman.concept_history_id_seq TO dragoman_member;

ALTER TABLE dragoman.concept ENABLE ROW LEVEL SECURITY;
CREATE POLICY concept_read ON dragoman.concept FOR SELECT
    USING (team_id IN (SELECT team_id FROM dragoman.member WHERE role = current_user));
CREATE POLICY concept_add ON dragoman.concept FOR INSERT
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));
CREATE POLICY concept_change ON dragoman.concept FOR UPDATE
    USING (team_id IN (SELECT team_id FROM dragoman.member
                       WHERE role = current_user AND access = 'write'))
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));

ALTER TABLE dragoman.concept_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY concept_history_read ON dragoman.concept_history FOR SELECT
    USING (team_id IN (SELECT team_id FROM dragoman.member WHERE role = current_user));
CREATE POLICY concept_history_add ON dragoman.concept_history FOR INSERT
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));
