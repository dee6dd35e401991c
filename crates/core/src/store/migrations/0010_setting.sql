-- Settings kept with the database, so the app and every start after it use them: the
-- limits a translator raised (`limit.<key>`, docs/limits.md) and how the memory keeps
-- translations (`memory.<key>`). A setting without a row has its default.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
