#!/bin/sh
# Team memory figures (docs/benchmarks.md, "Team memory"): a throwaway PostgreSQL on a
# Unix socket in a temporary folder (as the tests start one), then `dragoman-bench team`:
# 1. the first push of TEAM_UNITS units (default 100,000), the first pull into an empty
#    memory (joining), and 100 corrections synced each way;
# 2. three clients each importing TEAM_CLIENT_UNITS different units (default 10,000; 0
#    skips it), 250 at a time, while syncing every 3 s, one sync killed with SIGKILL
#    midway; after a final sync every client and the server must hold every unit once;
# 3. joining a team of TEAM_JOIN_UNITS units (default 1,000,000; 0 skips it), the server
#    seeded by COPY, a ru/en/az memory as `dragoman-bench tm` makes it; then lookups in
#    the joined memory, to compare with a local memory of that size.
set -eu
shared=${SHARED:-../shared}
data="$shared/data/ntrex-dev"
[ -f "$data/eng.tsv" ] || { echo "bench-team: $data not found (set SHARED=...)" >&2; exit 1; }
units=${TEAM_UNITS:-100000}
client_units=${TEAM_CLIENT_UNITS:-10000}
join_units=${TEAM_JOIN_UNITS:-1000000}
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
B="$target/release/dragoman-bench"
server="host=$dir user=postgres dbname=dragoman"
member="host=$dir user=bench_writer dbname=dragoman"
if [ "$units" -gt 0 ]; then
    "$B" team --units "$units" --server "$server" --member "$member" \
        --src "$data/eng.tsv" --tgt "$data/rus.tsv"
fi
if [ "$client_units" -gt 0 ]; then
    "$B" team-concurrent --clients 3 --units "$client_units" --batch 250 --interval 3 \
        --server "$server" --member "host=$dir user={user} dbname=dragoman" \
        --src "$data/eng.tsv" --tgt "$data/rus.tsv"
fi
if [ "$join_units" -gt 0 ]; then
    joined="$dir/joined.sqlite"
    "$B" team --units "$join_units" --load --keep "$joined" --server "$server" \
        --member "$member" --src "$data/rus.tsv" --tgt "$data/eng.tsv" --also "$data/aze.tsv"
    "$B" tm --units "$join_units" --queries 200 --db "$joined" --as-is \
        --src "$data/rus.tsv" --tgt "$data/eng.tsv" --also "$data/aze.tsv"
fi
