#!/bin/sh
# The screenshots in docs/screenshots/: the real window under Xvfb (see
# src-tauri/tests/screenshots.rs), each view at 1024x700 and 1920x1080, light and dark.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
(cd ui && npx vite build --logLevel warn)
cargo test --workspace --locked --test screenshots -- --ignored --nocapture
