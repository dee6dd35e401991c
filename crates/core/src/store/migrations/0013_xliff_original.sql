-- A job imported from XLIFF keeps the file as its original too, to write its targets
-- back into it (issue 15): the format check admits 'xliff'. SQLite changes a CHECK only
-- by rebuilding the table.

CREATE TABLE translation_original_new (
    job_id INTEGER PRIMARY KEY REFERENCES translation_job (id) ON DELETE CASCADE,
    format TEXT NOT NULL CHECK (format IN ('text', 'docx', 'html', 'xliff')),
    bytes  BLOB NOT NULL
);
INSERT INTO translation_original_new (job_id, format, bytes)
    SELECT job_id, format, bytes FROM translation_original;
DROP TABLE translation_original;
ALTER TABLE translation_original_new RENAME TO translation_original;
