#!/bin/sh
# Team memory figures (docs/benchmarks.md, "Team memory"): a throwaway PostgreSQL on a
# Unix socket in a temporary folder (as the tests start one), then `dragoman-bench team`:
# the first push of TEAM_UNITS units (default 100,000), the first pull into an empty
# memory (joining), and 100 corrections synced each way.
set -eu
shared=${SHARED:-../shared}
data="$shared/data/ntrex-dev"
[ -f "$data/eng.tsv" ] || { echo "bench-team: $data not found (set SHARED=...)" >&2; exit 1; }
units=${TEAM_UNITS:-100000}
bin=$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")
cargo build --release --quiet --locked -p dragoman-cli -p dragoman-bench
dir=$(mktemp -d "${TMPDIR:-/tmp}/dragoman-bench-pg-XXXXXX")
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
stop() { as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
as_owner "$bin/initdb" --auth=trust --username=postgres --encoding=UTF8 -D "$dir/data" >/dev/null
# Durable as a real server is (fsync on): the figures include its commits.
as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
    -o "-k $dir -c listen_addresses=''" start >/dev/null
"$bin/psql" -h "$dir" -U postgres -d postgres -X -q -c 'CREATE DATABASE dragoman'
target=${CARGO_TARGET_DIR:-target}
"$target/release/dragoman-bench" team --units "$units" \
    --server "host=$dir user=postgres dbname=dragoman" \
    --member "host=$dir user=bench_writer dbname=dragoman" \
    --src "$data/eng.tsv" --tgt "$data/rus.tsv"
