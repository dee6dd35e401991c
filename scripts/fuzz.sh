#!/bin/sh
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of every parser, the segmenter and the
# aligner, one target after another, FUZZ_SECONDS each (default 600). The targets and
# their corpora live in fuzz/; the pinned stable toolchain stays the one for `make test`.
# Set FUZZ_TARGETS to run only some. Fails if any target crashed, ran out of memory or
# time (inputs kept in fuzz/artifacts/<target>/), after running all of them.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-"tmx tbx xliff table xlsx docx html srx segment align beads"}

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo +nightly install cargo-fuzz --locked

# Seeds: the fixture files themselves, and inputs made from them with Dragoman's own
# writers for the formats without fixture files (fuzz/seeds).
seed() {
    target=$1
    shift
    mkdir -p "fuzz/corpus/$target"
    for file in "$@"; do
        cp "$file" "fuzz/corpus/$target/seed-$(echo "$file" | tr / -)"
    done
}
seed tmx tests/fixtures/tmx/*.tmx
seed tbx tests/fixtures/tbx/*.tbx glossary/*.tbx
seed table glossary/*.csv glossary/*.tsv samples/forum/memory.tsv \
    crates/core/tests/fixtures/ntrex/*.tsv tests/fixtures/terms-sentences/*.tsv
seed segment samples/forum/*.txt tests/fixtures/ntrex/*.txt
seed srx crates/core/src/segment/builtin.srx
cargo +nightly run --quiet --locked --manifest-path fuzz/Cargo.toml -p dragoman-fuzz-seeds -- fuzz/corpus

# The longest input each target is given: a few pages of the format, short enough for
# thousands of runs a second.
max_len() {
    case $1 in
        segment) echo 4096 ;;
        table | align | beads) echo 8192 ;;
        *) echo 16384 ;;
    esac
}

mkdir -p fuzz/logs
failed=""
for target in $targets; do
    echo "fuzz: $target for $seconds s"
    # In a forked process, going on after a crash, so one run finds every crash it can
    # rather than the first; each one's input is kept in fuzz/artifacts/<target>/.
    cargo +nightly fuzz run --sanitizer none "$target" -- \
        -max_total_time="$seconds" -max_len="$(max_len "$target")" -rss_limit_mb=2048 \
        -timeout=30 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        >"fuzz/logs/$target.log" 2>&1 && status=0 || status=$?
    # libFuzzer's last progress line: "#RUNS: cov: … oom/timeout/crash: A/B/C time: Ss …"
    # (its exec/s there is the last job's, so the rate is worked out over the whole run).
    last=$(grep '^#[0-9]*: cov:' "fuzz/logs/$target.log" | tail -n 1)
    runs=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
    time=$(echo "$last" | sed -n 's/.* time: \([0-9]*\)s.*/\1/p')
    faults=$(echo "$last" | sed -n 's/.* oom\/timeout\/crash: \([0-9/]*\).*/\1/p')
    corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
    rate=$([ "${time:-0}" -gt 0 ] && echo $((runs / time)) || echo "?")
    echo "fuzz: $target: ${runs:-?} runs in ${time:-?} s, $rate runs/s, oom/timeout/crash ${faults:-?}, corpus $corpus files"
    if [ "$status" -ne 0 ] || [ "${faults:-?}" != 0/0/0 ]; then
        failed="$failed $target"
        grep -m 1 -A 3 'panicked at' "fuzz/logs/$target.log" >&2 || true
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: crashes in:$failed (inputs in fuzz/artifacts/, logs in fuzz/logs/)" >&2
    exit 1
fi
