# Paix à la base — the two commands of the README:
#   make run    install what is missing, build the app (release), serve it
#   make test   install what is missing, run every test layer
# Each tool target installs only what is absent and never downloads at build time.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_BIN    := $(HOME)/.cargo/bin
NODE_BIN     := $(CURDIR)/node_modules/.bin
export PATH  := $(NODE_BIN):$(CARGO_BIN):$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, to the patch.
WBG_VERSION   := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print}' Cargo.lock)
ADDR          ?= 127.0.0.1:8080
SERVER        := target/debug/paix-server

.PHONY: help run test tools build server server-release test-host test-wasm test-e2e bench fuzz clean \
        tool-wasm32 tool-trunk tool-wasm-bindgen tool-node tool-chromium tool-postgres

help:
	@echo "make run    build the app (release) and serve it on http://$(ADDR)"
	@echo "make test   run host, browser (wasm-bindgen-test) and end-to-end tests"
	@echo "make bench  print sizes and timings (see README)"
	@echo "make fuzz   fuzz each target for FUZZ_SECONDS (default 60; nightly)"

# ---------------------------------------------------------------- tools ---
tools: tool-wasm32 tool-trunk tool-wasm-bindgen tool-node tool-chromium

tool-wasm32:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@# rust-src, and the standard library's own dependencies (dlmalloc…),
	@# fetched here because the build is offline; the mark tells `build`.
	@mkdir -p target; rm -f target/.wasm-std-ready; \
	{ rustup component list --installed | grep -q '^rust-src' || timeout 600 rustup component add rust-src; } \
	  && RUSTC_BOOTSTRAP=1 cargo fetch -q --manifest-path "$$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" \
	  && touch target/.wasm-std-ready \
	  || echo "no standard library sources: the wasm is built with the prebuilt standard library (as WASM_STD=0)"

tool-trunk:
	@if trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)$$"; then :; else \
	  echo "installing trunk $(TRUNK_VERSION)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; fi

# Without --locked: the CLI's own lock names a crate version the registry lacks.
tool-wasm-bindgen:
	@test -n "$(WBG_VERSION)" || { echo "no wasm-bindgen in Cargo.lock"; exit 1; }
	@if wasm-bindgen --version 2>/dev/null | grep -q " $(WBG_VERSION)$$" \
	  && command -v wasm-bindgen-test-runner >/dev/null; then :; else \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WBG_VERSION) --force; fi

# binaryen (wasm-opt) and playwright-core, exactly as package-lock.json says.
tool-node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Debian's Chromium, ChromeDriver and brotli (the CLI precompresses the build).
tool-chromium:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  && command -v brotli >/dev/null; then :; else \
	  echo "installing chromium, chromium-driver, brotli"; \
	  apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver brotli >/dev/null; fi

# Debian's PostgreSQL: the server's tests run on it too, in throw-away
# clusters made by pg_virtualenv (package postgresql-common).
tool-postgres:
	@if command -v pg_virtualenv >/dev/null && command -v pg_createcluster >/dev/null \
	  && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then :; else \
	  echo "installing postgresql"; \
	  apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi

# ---------------------------------------------------------------- build ---
# Release build into dist/, then brotli/gzip siblings for the static host.
# The wasm's standard library is compiled with the app from rust-src, with
# panics that stop at once (no message, no unwinding tables, no formatting
# of locations): 20 KiB less brotli; and with its algorithms chosen for size
# (`optimize_for_size`: smaller sorts and string searches), 5.5 KiB less.
# `{:?}` writes nothing and derived `Debug` is empty (`-Zfmt-debug=none`):
# 3.0 KiB less. No text the app shows is written by `Debug`: the reader
# quotes the values its messages name itself (`model::read::quoted`).
# Those are unstable cargo/rustc flags, allowed on the stable toolchain by
# RUSTC_BOOTSTRAP=1, for the wasm build only (the Trunk hook drops them for
# its host build). `make build WASM_STD=0` builds with the prebuilt
# standard library instead, as does a machine where rust-src or the
# standard library's dependencies cannot be installed.
WASM_STD ?= 1
WASM_STD_ENV_1 := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
build: tool-wasm32 tool-trunk tool-wasm-bindgen tool-node tool-chromium
	@if [ "$(WASM_STD)" = 1 ] && [ -e target/.wasm-std-ready ]; then \
	  echo "trunk build --release --offline (standard library from rust-src)"; \
	  $(WASM_STD_ENV_1) trunk build --release --offline; \
	else \
	  trunk build --release --offline; \
	fi
	scripts/precompress.sh dist

server:
	cargo build -p paix-server

# The server as deployed: optimised (the workspace's release profile). The
# tests use the debug build (no second compile); `make bench` this one, so
# that its throughput and sync figures are a deployment's.
server-release:
	cargo build --release -p paix-server

run: build server
	$(SERVER) --addr $(ADDR) --dist dist --dataset data/dataset.json

# ---------------------------------------------------------------- tests ---
test: tools
	$(MAKE) test-host
	$(MAKE) test-wasm
	$(MAKE) test-e2e
	$(MAKE) bench-smoke

# Layer 1: the pure core and the server, on the host. The server's suite runs
# on SQLite and on PostgreSQL: pg_virtualenv -t makes a throw-away cluster
# (its files in a temporary directory, on a free port, so that runs in other
# checkouts do not collide) and sets PGHOST, PGPORT, PGUSER, PGPASSWORD for
# the tests. Without a cluster the PostgreSQL tests fail; PAIX_TEST_NO_PG=1
# skips them for a quick run.
test-host: tool-postgres
	cargo test --no-default-features -p paix-base
	cargo test -p paix-server --no-run
	port=$$((20000 + RANDOM % 20000)); \
	while (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null; do port=$$((20000 + RANDOM % 20000)); done; \
	PGPORT=$$port pg_virtualenv -t cargo test -p paix-server

# Layer 2: browser adapters and components in headless Chromium.
test-wasm:
	cargo test --target wasm32-unknown-unknown --test web --test web_pages

# Layer 3: the release build served by the real server, driven by Playwright.
test-e2e: build server
	node --test --test-concurrency=1 --test-force-exit tests/e2e/

bench: build server-release tool-postgres
	PAIX_SERVER_BIN=target/release/paix-server scripts/bench.sh

# The bench at tiny sizes, budgets not judged (part of make test).
bench-smoke: build server tool-postgres
	BENCH_SMOKE=1 scripts/bench.sh

# Not in `make test`: each fuzz target for FUZZ_SECONDS (default 60), with
# cargo-fuzz on the nightly toolchain (installed if missing).
fuzz:
	scripts/fuzz.sh

clean:
	cargo clean
	rm -rf dist node_modules
