#!/bin/sh
# Fragment matches on held-out news (issue 18, item 4): the memory holds the NTREX dev
# articles but every fourth (by order of first appearance), whose rows are the queries.
# For each pair (ru→en, az→en): precision = share of proposed target spans found in the
# query's reference translation (case and spacing aside); coverage = share of the queries
# sharing a run of three words (not all function words, same forms) with the memory's
# source side that get at least one correct fragment. Spans are compared word by word,
# lower case, abbreviations without their dots. The judged fragments are left in
# OUT_DIR/{ru,az}-judged.tsv (`correct confidence units source target reference`).
# Usage: sh scripts/eval-fragments.sh [DRAGOMAN_BINARY] [OUT_DIR]; prints one TSV line per
# pair: `pair queries sharing proposed correct precision covered coverage`.
set -eu
D=${1:-${CARGO_TARGET_DIR:-target}/release/dragoman}
OUT=${2:-${TMPDIR:-/tmp}/dragoman-fragments}
N=${NTREX:-/work/shared/data/ntrex-dev}
mkdir -p "$OUT"

for src in ru az; do
    python3 - "$N" "$src" "$OUT" <<'PY'
import csv, sys
n, src, out = sys.argv[1:4]
files = {"ru": "rus", "az": "aze", "en": "eng"}
def rows(lang):
    with open(f"{n}/{files[lang]}.tsv", newline="") as h:
        return list(csv.reader(h, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
xs, ens = rows(src), rows("en")
docs = list(dict.fromkeys(r[0] for r in xs))
held = set(docs[3::4])
with open(f"{out}/{src}-memory.tsv", "w") as m, open(f"{out}/{src}-queries.tsv", "w") as q:
    m.write(f"{src}\ten\n")
    for x, e in zip(xs, ens):
        # Tables take no quoting: a quotation mark is kept as an apostrophe.
        line = f"{x[2]}\t{e[2]}\n".replace('"', "'")
        (q if x[0] in held else m).write(line)
PY
    rm -f "$OUT/$src.sqlite"*
    "$D" tm --db "$OUT/$src.sqlite" import "$OUT/$src-memory.tsv" >/dev/null
    "$D" tm --db "$OUT/$src.sqlite" train-align --src "$src" --tgt en >/dev/null
    cut -f1 "$OUT/$src-queries.tsv" |
        "$D" tm --db "$OUT/$src.sqlite" --json fragments --src "$src" --tgt en >"$OUT/$src-found.jsonl"
    python3 - "$OUT" "$src" <<'PY'
import json, re, sys
out, src = sys.argv[1:3]
# The function words of crates/core/src/tm/fragments/find.rs (stop_words).
STOP = {
    "ru": set("а без бы был была были было быть в во все вы для до его ее если же за и из или их к как ко когда который которые которая котором которых ли между мы на над не но о об он она они от по под после при с со так также то только у уже что чтобы это этот эти этого я".split()),
    "az": set("amma artıq belə bir bu çox da daha də edib etdi görə hər həm ilə isə ki kimi lakin o olan olaraq oldu olub onlar onun qədər sonra üçün və ya".split()),
}[src]
def words(s):
    # Abbreviations compare without their dots ("U.S." is "US"), apostrophes as one.
    s = re.sub(r"(?<=\w)\.(?=\w)", "", s.replace("’", "'"))
    return [w.lower().replace("ё", "е") for w in re.findall(r"\w+", s)]
def runs(ws):
    return {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)
            if any(w not in STOP and not w[0].isdigit() for w in ws[i:i + 3])}
memory = set()
with open(f"{out}/{src}-memory.tsv") as h:
    next(h)
    for line in h:
        memory |= runs(words(line.split("\t")[0]))
queries = []
with open(f"{out}/{src}-queries.tsv") as h:
    queries = [l.rstrip("\n").split("\t") for l in h]
found = [json.loads(l) for l in open(f"{out}/{src}-found.jsonl")]
assert len(found) == len(queries)
norm = lambda s: " ".join(words(s))
proposed = correct = sharing = covered = 0
with open(f"{out}/{src}-judged.tsv", "w") as j:
    for (q, ref), answer in zip(queries, found):
        assert answer["query"] == q
        good = 0
        for f in answer["fragments"]:
            ok = f" {norm(f['target'])} " in f" {norm(ref)} "
            proposed += 1
            good += ok
            j.write(f"{int(ok)}\t{f['confidence']:.3f}\t{f['units']}\t{f['source']}\t{f['target']}\t{ref}\n")
        correct += good
        if runs(words(q)) & memory:
            sharing += 1
            covered += good > 0
p = correct / proposed if proposed else 0
c = covered / sharing if sharing else 0
print(f"{src}-en\t{len(queries)}\t{sharing}\t{proposed}\t{correct}\t{p:.3f}\t{covered}\t{c:.3f}")
PY
done
