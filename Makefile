# The README's two commands. Each installs what it needs, idempotently: on a machine
# that already has everything, the install steps are a few quick checks.

CARGO ?= cargo
SAMPLE := samples/forum

.PHONY: run test deps ui demo-cli package eval bench bench-tm bench-team fuzz

## Run Dragoman: the desktop app, which opens the demo on start.
run: deps ui
	$(CARGO) run --quiet -p dragoman-app

## Run every check CI runs: the UI's type check, lint, unit tests, build and browser
## tests, then Rust format, lints, docs, unit, integration, command and window tests.
test: deps
	cd ui && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --output machine
	cd ui && npx eslint .
	cd ui && npx vitest run
	$(MAKE) --no-print-directory ui
	cd ui && npx playwright test
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --locked --quiet
	$(CARGO) build --workspace --all-targets --locked
	$(CARGO) test --workspace --locked

## The UI bundle the app embeds (src-tauri/tauri.conf.json's frontendDist): the Rust
## build of dragoman-app needs it, so it comes before any cargo step.
ui:
	cd ui && npx vite build --logLevel warn

## A Debian package of the desktop app (release build, Tauri's bundler from the UI's npm
## packages): target/release/bundle/deb/Dragoman_<version>_amd64.deb.
package: deps ui
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb

## Align the bundled trilingual sample on the command line and print the beads.
demo-cli: deps
	$(CARGO) run --release --quiet -p dragoman-cli -- align --format tsv \
		$(SAMPLE)/ru.txt $(SAMPLE)/az.txt $(SAMPLE)/en.txt

## Tools the build needs: the pinned Rust toolchain, a C compiler, the system libraries
## of the desktop shell, Xvfb, and the UI's npm packages.
deps:
	@sh scripts/deps.sh

## Alignment and segmentation quality on the shared NTREX data (needs ../shared).
eval: deps
	@sh scripts/eval.sh

## Speed and memory figures recorded in docs/benchmarks.md.
bench: deps
	@sh scripts/bench.sh

## Memory lookup and import figures (docs/benchmarks.md, "Translation memory"):
## `dragoman-bench tm`, then `dragoman tm import` of the same memory as TMX.
bench-tm: deps
	@sh scripts/bench-tm.sh

## Team memory figures (docs/benchmarks.md, "Team memory"): a throwaway PostgreSQL,
## then the first push and the first pull of a 100,000-unit memory and 100 changes.
bench-team: deps
	@sh scripts/bench-team.sh

## Coverage-guided fuzzing of every parser, the segmenter and the aligner (fuzz/): each
## target FUZZ_SECONDS (default 600) on a nightly toolchain, installed if missing.
## Not part of `test`. Results are recorded in docs/limits.md, "Fuzzing".
fuzz:
	@sh scripts/fuzz.sh
