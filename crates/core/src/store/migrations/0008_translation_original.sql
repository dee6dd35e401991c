-- The document a translation job was cut from, to write its translation in the same
-- format: its bytes as read, and each segment's byte span in the text read from them.
-- Jobs from XLIFF (and jobs saved before this migration) have none.

CREATE TABLE translation_original (
    job_id INTEGER PRIMARY KEY REFERENCES translation_job (id) ON DELETE CASCADE,
    format TEXT NOT NULL CHECK (format IN ('text', 'docx', 'html')),
    bytes  BLOB NOT NULL
);

ALTER TABLE translation_segment ADD COLUMN span_start INTEGER;
ALTER TABLE translation_segment ADD COLUMN span_end INTEGER;
