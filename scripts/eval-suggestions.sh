#!/bin/sh
# Term suggestions to judge (issue 16, item 4): the top 20 of the demo text aligned as the
# app aligns it, and of two NTREX dev articles (row k of each language is one unit), each
# in a fresh database holding the starter glossaries, as a new user's would.
# Usage: sh scripts/eval-suggestions.sh [DRAGOMAN_BINARY] [OUT_DIR]; prints TSV lines
# `set rank ru az en frequency` to stdout.
set -eu
D=${1:-${CARGO_TARGET_DIR:-target}/release/dragoman}
OUT=${2:-${TMPDIR:-/tmp}/dragoman-suggestions}
N=${NTREX:-/work/shared/data/ntrex-dev}
mkdir -p "$OUT"

fresh() {
    rm -f "$OUT/$1.sqlite"*
    for g in glossary/diplomatic.tbx glossary/countries.tbx; do
        "$D" glossary --db "$OUT/$1.sqlite" import "$g" >/dev/null
    done
}

top() {
    "$D" glossary --db "$OUT/$1.sqlite" --json suggest --langs ru,az,en --top 20 |
        python3 -c '
import json, sys
for rank, line in enumerate(sys.stdin, 1):
    s = json.loads(line)
    terms = s["terms"]
    print("\t".join([sys.argv[1], str(rank), terms.get("ru", ""), terms.get("az", ""), terms.get("en", ""), str(s["frequency"])]))
' "$1"
}

fresh demo
F=samples/forum
"$D" align --langs ru,az,en --format jsonl "$F/ru.txt" "$F/az.txt" "$F/en.txt" >"$OUT/demo.jsonl"
"$D" tm import --db "$OUT/demo.sqlite" "$OUT/demo.jsonl" --files "$F/ru.txt" "$F/az.txt" "$F/en.txt" >/dev/null
top demo

for doc in independent.226317 bbc.381746; do
    fresh "$doc"
    python3 - "$N" "$doc" >"$OUT/$doc.tsv" <<'PY'
import csv, sys
n, doc = sys.argv[1], sys.argv[2]
cols = []
for f in ("rus", "aze", "eng"):
    with open(f"{n}/{f}.tsv", newline="") as h:
        rows = list(csv.reader(h, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        cols.append([r[2] for r in rows if r[0] == doc])
print("ru\taz\ten")
for ru, az, en in zip(*cols):
    print(f"{ru}\t{az}\t{en}".replace('"', "'"))
PY
    "$D" tm import --db "$OUT/$doc.sqlite" "$OUT/$doc.tsv" >/dev/null
    top "$doc"
done
