-- The team memory on PostgreSQL (issue 17), in the schema `dragoman`. Run by the admin
-- who owns these tables (`dragoman team init`); members reach them through the group
-- role dragoman_member and see only their teams' rows (row-level security).

CREATE TABLE dragoman.team (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who may use a team: a PostgreSQL role, reading only or writing too.
CREATE TABLE dragoman.member (
    team_id bigint NOT NULL REFERENCES dragoman.team (id) ON DELETE CASCADE,
    role    name NOT NULL,
    access  text NOT NULL CHECK (access IN ('read', 'write')),
    PRIMARY KEY (team_id, role)
);

-- Orders every change of every team; a push holds its team's advisory lock from its
-- first number to its commit, so a team's numbers become visible in order and a client
-- that pulled up to N never misses a change numbered below N.
CREATE SEQUENCE dragoman.change_seq;

CREATE TABLE dragoman.unit (
    guid         uuid PRIMARY KEY,
    team_id      bigint NOT NULL REFERENCES dragoman.team (id) ON DELETE CASCADE,
    -- Variants and shared metadata (team::shared::SharedUnit).
    content      jsonb NOT NULL,
    -- SHA-256 of the variants' languages and texts.
    content_hash bytea NOT NULL,
    revision     bigint NOT NULL,
    -- The sequence number of the unit's last change.
    seq          bigint NOT NULL,
    deleted      boolean NOT NULL DEFAULT false,
    changed_by   name NOT NULL DEFAULT current_user,
    changed_at   timestamptz NOT NULL DEFAULT now()
);
-- Identical units approved twice are one.
CREATE UNIQUE INDEX unit_live_content ON dragoman.unit (team_id, content_hash) WHERE NOT deleted;
CREATE INDEX unit_by_seq ON dragoman.unit (team_id, seq);

-- Versions a change replaced; `conflict` when the change was made on an earlier one
-- (the unit was edited on two machines before either synced).
CREATE TABLE dragoman.unit_history (
    id          bigserial PRIMARY KEY,
    guid        uuid NOT NULL REFERENCES dragoman.unit (guid) ON DELETE CASCADE,
    team_id     bigint NOT NULL REFERENCES dragoman.team (id) ON DELETE CASCADE,
    revision    bigint NOT NULL,
    content     jsonb NOT NULL,
    deleted     boolean NOT NULL,
    conflict    boolean NOT NULL,
    replaced_by name NOT NULL DEFAULT current_user,
    replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_history_by_unit ON dragoman.unit_history (guid);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dragoman_member') THEN
        CREATE ROLE dragoman_member NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA dragoman TO dragoman_member;
GRANT SELECT ON dragoman.team, dragoman.member, dragoman.migration TO dragoman_member;
GRANT SELECT, INSERT, UPDATE ON dragoman.unit TO dragoman_member;
GRANT SELECT, INSERT ON dragoman.unit_history TO dragoman_member;
GRANT USAGE ON SEQUENCE dragoman.change_seq, dragoman.unit_history_id_seq TO dragoman_member;

-- A member sees their own memberships, the teams they belong to, and those teams'
-- units; only a writer adds or changes units. The table owner (the admin) is exempt.
ALTER TABLE dragoman.member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_own ON dragoman.member FOR SELECT USING (role = current_user);

ALTER TABLE dragoman.team ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_of_member ON dragoman.team FOR SELECT
    USING (id IN (SELECT team_id FROM dragoman.member WHERE role = current_user));

ALTER TABLE dragoman.unit ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_read ON dragoman.unit FOR SELECT
    USING (team_id IN (SELECT team_id FROM dragoman.member WHERE role = current_user));
CREATE POLICY unit_add ON dragoman.unit FOR INSERT
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));
CREATE POLICY unit_change ON dragoman.unit FOR UPDATE
    USING (team_id IN (SELECT team_id FROM dragoman.member
                       WHERE role = current_user AND access = 'write'))
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));

ALTER TABLE dragoman.unit_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY history_read ON dragoman.unit_history FOR SELECT
    USING (team_id IN (SELECT team_id FROM dragoman.member WHERE role = current_user));
CREATE POLICY history_add ON dragoman.unit_history FOR INSERT
    WITH CHECK (team_id IN (SELECT team_id FROM dragoman.member
                            WHERE role = current_user AND access = 'write'));
