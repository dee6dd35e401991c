#!/bin/sh
# Install what building and testing Dragoman needs, only where it is missing.
set -eu

# Debian packages, each checked with dpkg first so a machine that has them all makes no
# apt call. The desktop shell links WebKitGTK and GTK 3 (Tauri 2 on Linux); Xvfb runs
# its window in tests on machines without a display; the UI's browser tests drive
# Debian's Chromium (never a browser downloaded by the test tool).
need_apt=""
want() { dpkg -s "$1" >/dev/null 2>&1 || need_apt="$need_apt $1"; }
command -v cc >/dev/null 2>&1 || need_apt="$need_apt gcc libc6-dev"
command -v make >/dev/null 2>&1 || need_apt="$need_apt make"
command -v python3 >/dev/null 2>&1 || need_apt="$need_apt python3"
# The real readers the exchange tests check Dragoman's files with: xmllint (official
# XLIFF, TMX and TBX schemas), LibreOffice (opens the DOCX it writes), and a Python venv
# for translate-toolkit. PostgreSQL: the team memory's tests start a throwaway server of
# their own (initdb in a temporary folder, a Unix socket), never the system's cluster.
for pkg in build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev \
    libayatana-appindicator3-dev xvfb xauth chromium webkit2gtk-driver \
    libxml2-utils libreoffice-writer-nogui python3-venv postgresql; do
    want "$pkg"
done
command -v npm >/dev/null 2>&1 || need_apt="$need_apt nodejs npm"
if [ -n "$need_apt" ]; then
    echo "deps: installing$need_apt"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
    echo "deps: no Rust toolchain; install rustup (https://rustup.rs), then rerun" >&2
    exit 1
fi
# Installs the toolchain rust-toolchain.toml pins (with clippy and rustfmt) when absent;
# a no-op taking milliseconds when it is there.
rustup toolchain install >/dev/null

# tauri-driver puts the real window under WebDriver for the end-to-end test (about two
# minutes to build, once). Pinned, so CI builds the version the test was written for.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    echo "deps: cargo install tauri-driver"
    cargo install --quiet --locked tauri-driver --version 2.1.0
fi

# translate-toolkit (PyPI), pinned, in a venv of the checkout's own (.venv, git-ignored):
# the tests read Dragoman's TMX, XLIFF and TBX with it as other tools' users do.
toolkit=3.20.4
if ! .venv/bin/python -c "import lxml; from translate.__version__ import sver; assert sver == '$toolkit'" >/dev/null 2>&1; then
    echo "deps: translate-toolkit $toolkit in .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check "translate-toolkit==$toolkit" lxml
fi

# The UI's packages, exactly as ui/package-lock.json pins them. `npm ci` starts from an
# empty node_modules each time, so it runs only when the lock file changed since the
# last install (a copy of it is kept inside node_modules as the stamp).
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "deps: the UI build needs Node.js 20.19 or newer, found $(node --version)" >&2
    exit 1
fi
stamp=ui/node_modules/.dragoman-package-lock.json
if ! cmp -s ui/package-lock.json "$stamp" 2>/dev/null; then
    echo "deps: npm ci in ui/"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
    cp ui/package-lock.json "$stamp"
fi
