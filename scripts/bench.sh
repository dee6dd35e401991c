#!/bin/sh
# Speed and peak memory of aligning ~10,000 lines a side (the NTREX long tasks, ten
# copies), one language pair at a time, on a release build.
set -eu
shared=${SHARED:-../shared}
[ -d "$shared/eval" ] || { echo "bench: $shared/eval not found (set SHARED=...)" >&2; exit 1; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet -p dragoman-cli
bin=target/release/dragoman
for mode in lines raw; do
    tasks=.eval/long-$mode
    [ -d "$tasks" ] || python3 "$shared/eval/make_align_tasks.py" "$shared/data/ntrex-dev" \
        --out "$tasks" --mode "$mode" --seed 7 --no-docs --repeat-long 10
    for task in "$tasks"/long-*; do
        langs=$(python3 -c "import json,sys; print(','.join(json.load(open(sys.argv[1]))['langs']))" "$task/gold.json")
        pre=""; [ "$mode" = lines ] && pre=--presegmented
        a=${langs%,*}; b=${langs#*,}
        /usr/bin/time -f "$mode $(basename "$task"): %e s, %M KB peak" \
            "$bin" align --langs "$langs" $pre "$task/$a.txt" "$task/$b.txt" >/dev/null 2>/tmp/bench.$$ \
            || { cat /tmp/bench.$$ >&2; exit 1; }
        tail -n 1 /tmp/bench.$$
    done
    python3 "$shared/eval/score_align.py" "$tasks" \
        --cmd "$bin align --format jsonl --langs {langs} {presegmented} {files}"
done
rm -f /tmp/bench.$$
