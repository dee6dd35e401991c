-- The fuzzy index's postings as blocks of up to 256 variant ids per row instead of one
-- row per (word, variant): a million-unit memory had 40 million posting rows, and
-- writing them was most of an import's time. `ids` holds ascending variant ids, 4 bytes
-- each, big-endian; `first_id` (the first of them) orders a list's blocks. The existing
-- postings are regrouped here, 256 to a block, in the same encoding.

CREATE TABLE posting_block (
    token_id INTEGER NOT NULL,
    len      INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    ids      BLOB NOT NULL,
    PRIMARY KEY (token_id, len, first_id)
) WITHOUT ROWID;

INSERT INTO posting_block (token_id, len, first_id, ids)
SELECT token_id, len, min(variant_id),
       unhex(group_concat(printf('%08X', variant_id), '' ORDER BY variant_id))
FROM (SELECT token_id, len, variant_id,
             (row_number() OVER (PARTITION BY token_id, len ORDER BY variant_id) - 1) / 256
                 AS block
      FROM posting)
GROUP BY token_id, len, block;

DROP TABLE posting;
