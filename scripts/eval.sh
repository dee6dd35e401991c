#!/bin/sh
# Alignment quality on tasks built from the shared NTREX data: link F1 per language pair,
# in `lines` mode (one segment per line) and `raw` mode (Dragoman segments itself).
# Usage: scripts/eval.sh [SEED...]   (default seeds: 7 1 3)
set -eu
shared=${SHARED:-../shared}
[ -d "$shared/eval" ] || { echo "eval: $shared/eval not found (set SHARED=...)" >&2; exit 1; }
cargo build --release --quiet -p dragoman-cli -p dragoman-bench
bin=$(pwd)/target/release/dragoman
seeds=${*:-7 1 3}
for seed in $seeds; do
    for mode in lines raw; do
        tasks=.eval/$mode-s$seed
        [ -d "$tasks" ] || python3 "$shared/eval/make_align_tasks.py" "$shared/data/ntrex-dev" \
            --out "$tasks" --mode "$mode" --seed "$seed"
        printf '%s seed %s: ' "$mode" "$seed"
        python3 "$shared/eval/score_align.py" "$tasks" --json \
            --cmd "$bin align --format jsonl --langs {langs} {presegmented} {files}"
    done
done
"$(pwd)/target/release/dragoman-bench" segment "$shared/data/ntrex-dev"
