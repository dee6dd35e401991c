#!/bin/sh
# Translation memory lookup speed and the candidate index's recall, as recorded in
# docs/benchmarks.md ("Current figures", and "Translation memory" in its history).
# TM_UNITS=1000000 for the full figure (about ten minutes to build, 2.2 GB in the
# temporary folder; reused on later runs).
set -eu
shared=${SHARED:-../shared}
data="$shared/data/ntrex-dev"
[ -f "$data/eng.tsv" ] || { echo "bench-tm: $data not found (set SHARED=...)" >&2; exit 1; }
units=${TM_UNITS:-100000}
cargo build --release --quiet -p dragoman-cli -p dragoman-bench
target/release/dragoman-bench tm --units "$units" --queries 200 --check 20 \
    --src "$data/eng.tsv" --tgt "$data/rus.tsv" \
    --db "${TMPDIR:-/tmp}/dragoman-bench-$units.sqlite"
# Import speed: the same synthetic memory written as TMX, imported into a new database
# (progress and the final rate on stderr; peak memory from /usr/bin/time).
tmp=${TMPDIR:-/tmp}
target/release/dragoman-bench tm --units "$units" --src "$data/eng.tsv" --tgt "$data/rus.tsv" \
    --tmx "$tmp/dragoman-bench-$units.tmx"
rm -f "$tmp/dragoman-import-$units.sqlite" "$tmp/dragoman-import-$units.sqlite-wal" \
    "$tmp/dragoman-import-$units.sqlite-shm"
/usr/bin/time -v target/release/dragoman tm import --exclusive --db "$tmp/dragoman-import-$units.sqlite" \
    "$tmp/dragoman-bench-$units.tmx" 2>&1 | grep -E 'units in|Maximum resident|Elapsed'
