#!/usr/bin/env bash
# Fuzzes each target of fuzz/ with cargo-fuzz (libFuzzer, nightly) for a
# bounded time: FUZZ_SECONDS per target (default 60), FUZZ_TARGETS to pick
# some (default: all). Not part of `make test`. Prints, per target, the runs
# made and any input that broke a check; such an input goes, under a name
# that says what it found, to tests/fuzz/regressions/<target>/, where
# `cargo test` (tests/fuzz_regressions.rs) replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^paix-fuzz$')}

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: cargo-fuzz needs a nightly toolchain and 'rustup toolchain list' shows none." >&2
  echo "fuzz: the inputs already found still run in 'cargo test' (tests/fuzz_regressions.rs)." >&2
  exit 2
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

failed=()
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/artifacts/$t.log"
  mkdir -p fuzz/artifacts
  echo "== $t: ${seconds} s"
  # The seeds are read, never written: new inputs go to fuzz/corpus/$t.
  if cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=fuzz/json.dict \
      -print_final_stats=1 >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "   ok: ${runs:-?} inputs run, corpus $(ls "fuzz/corpus/$t" | wc -l) files"
  else
    failed+=("$t")
    echo "   FOUND A PROBLEM (log: $log):"
    { grep -E "panicked|ERROR: libFuzzer|SUMMARY" "$log" || true; } | head -5 | sed 's/^/   /'
    { ls -t "fuzz/artifacts/$t"/{crash,oom,timeout,leak}-* 2>/dev/null || true; } | head -3 | sed 's/^/   input: /'
    echo "   keep it: cp <input> tests/fuzz/regressions/$t/<what-it-found> (server_request: server/tests/fuzz/regressions/request/), fix, cargo test"
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: problems found by: ${failed[*]}"; exit 1; }
echo "fuzz: no problem found"
