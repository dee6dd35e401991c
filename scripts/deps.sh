#!/bin/sh
# Install what building and testing Dragoman needs, only where it is missing.
set -eu

need_apt=""
command -v cc >/dev/null 2>&1 || need_apt="$need_apt gcc libc6-dev"
command -v make >/dev/null 2>&1 || need_apt="$need_apt make"
command -v python3 >/dev/null 2>&1 || need_apt="$need_apt python3"
if [ -n "$need_apt" ]; then
    echo "deps: installing$need_apt"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt
fi

if ! command -v rustup >/dev/null 2>&1; then
    echo "deps: no Rust toolchain; install rustup (https://rustup.rs), then rerun" >&2
    exit 1
fi
# Installs the toolchain rust-toolchain.toml pins (with clippy and rustfmt) when absent;
# a no-op taking milliseconds when it is there.
rustup toolchain install >/dev/null
