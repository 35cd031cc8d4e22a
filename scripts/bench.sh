#!/usr/bin/env bash
# `make bench`: every budget measured the same way each time, one table
# (scripts/bench-report.mjs), target/bench/report.json, and a non-zero exit
# naming each budget that failed. BENCH_SMOKE=1 (make bench-smoke, part of
# make test) runs every part at tiny sizes without judging the budgets, so
# the scripts cannot rot. Sizes: JOURNAL_RECORDS, SYNC_RECORDS,
# ENDPOINT_RECORDS, SEARCH_PROJECTS / SEARCH_CSOS.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
rm -f target/bench/rows.jsonl
node scripts/bench.mjs dist
node scripts/bench-peer.mjs
node scripts/bench-lighthouse.mjs
node scripts/bench-search.mjs ${SEARCH_PROJECTS:-} ${SEARCH_CSOS:-}
node scripts/bench-journal.mjs ${JOURNAL_RECORDS:-}
node scripts/bench-sync.mjs ${SYNC_RECORDS:-}
# PostgreSQL in a throw-away cluster on a free port (as make test-host).
port=$((20000 + RANDOM % 20000))
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((20000 + RANDOM % 20000)); done
PGPORT=$port pg_virtualenv -t node scripts/bench-endpoint.mjs ${ENDPOINT_RECORDS:-}
node scripts/bench-lock.mjs
node scripts/bench-report.mjs
