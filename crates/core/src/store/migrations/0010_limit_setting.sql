-- Limits the translator raised for this database (docs/limits.md): the app reads every
-- file within them. A limit without a row has its default.

CREATE TABLE limit_setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL CHECK (value > 0)
);
