# The README's two commands. Each installs what it needs, idempotently: on a machine
# that already has everything, the install steps are a few quick checks.

CARGO ?= cargo
SAMPLE := samples/forum

.PHONY: run test deps eval bench

## Run Dragoman: until the desktop app lands, align the bundled trilingual sample.
run: deps
	$(CARGO) run --release --quiet -p dragoman-cli -- align --format tsv \
		$(SAMPLE)/ru.txt $(SAMPLE)/az.txt $(SAMPLE)/en.txt

## Run every check CI runs: format, lints, docs, unit, integration and CLI tests.
test: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --locked --quiet
	$(CARGO) build --workspace --bins --locked
	$(CARGO) test --workspace --locked

## Tools the build needs: the pinned Rust toolchain and a C compiler.
deps:
	@sh scripts/deps.sh

## Alignment and segmentation quality on the shared NTREX data (needs ../shared).
eval: deps
	@sh scripts/eval.sh

## Speed and memory figures recorded in docs/benchmarks.md.
bench: deps
	@sh scripts/bench.sh
