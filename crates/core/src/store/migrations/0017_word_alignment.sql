-- Word alignment learned over the memory (tm::fragments): for each language pair, the
-- translation probabilities EM learned in both directions, pruned, and each unit's word
-- links, so that a fragment lookup reads its translation without training anything.

-- One row per language pair trained (`lang_a` < `lang_b`): how many units it was
-- trained on, so that `tm train-align` knows how much the memory grew since.
CREATE TABLE word_model (
    lang_a     TEXT NOT NULL,
    lang_b     TEXT NOT NULL,
    units      INTEGER NOT NULL,
    trained_at INTEGER NOT NULL,
    PRIMARY KEY (lang_a, lang_b)
);

-- t(to_key | from_key): how likely a word of `from_lang` is translated by one of
-- `to_lang`; keys are the model's match keys (folded, stemmed; '' is the null word).
CREATE TABLE word_lexicon (
    from_lang TEXT NOT NULL,
    to_lang   TEXT NOT NULL,
    from_key  TEXT NOT NULL,
    to_key    TEXT NOT NULL,
    prob      REAL NOT NULL,
    PRIMARY KEY (from_lang, to_lang, from_key, to_key)
) WITHOUT ROWID;

-- The word links between two variants of a unit, `variant_a` in the language that sorts
-- first: (word of a, word of b) pairs of u16 little-endian, positions as the fuzzy index
-- counts words. A replaced variant is a new row, so its stale links go with the old one.
CREATE TABLE word_links (
    variant_a INTEGER NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    variant_b INTEGER NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    links     BLOB NOT NULL,
    PRIMARY KEY (variant_a, variant_b)
) WITHOUT ROWID;
CREATE INDEX word_links_by_b ON word_links (variant_b);
