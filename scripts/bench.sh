#!/usr/bin/env bash
# Figures for the README: sizes of the release build and load times.
# Optional: LIGHTHOUSE=1 also runs Lighthouse 12.2.3 (mobile) against the
# local server (node_modules, from package.json, as the e2e test uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/bench.mjs dist
node scripts/bench-journal.mjs "${JOURNAL_RECORDS:-5000}"
node scripts/bench-sync.mjs "${SYNC_RECORDS:-1000}"
node scripts/bench-lock.mjs
if [ "${LIGHTHOUSE:-0}" = 1 ]; then
  log=$(mktemp); target/debug/paix-server --addr 127.0.0.1:0 --dist dist >"$log" &
  pid=$!; trap 'kill $pid' EXIT
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$log")
  out=$(mktemp -d)
  echo
  echo "Lighthouse 12.2.3, mobile preset (performance / accessibility / best practices; FCP, LCP, TBT, CLS):"
  for page in / /projects/prj-01 /regions/ML05 /journal; do
    CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse "$url$page" --quiet \
      --only-categories=performance,accessibility,best-practices --form-factor=mobile \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
      --output=json --output-path="$out/report.json" >/dev/null 2>&1 || true
    node -e '
      const r = require(process.argv[1]);
      const c = (k) => Math.round(r.categories[k].score * 100);
      const a = (k) => r.audits[k].displayValue;
      console.log(`  ${process.argv[2].padEnd(18)} ${c("performance")} / ${c("accessibility")} / ${c("best-practices")}   ` +
        `FCP ${a("first-contentful-paint")}, LCP ${a("largest-contentful-paint")}, TBT ${a("total-blocking-time")}, CLS ${a("cumulative-layout-shift")}`);
      for (const x of Object.values(r.audits).filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode === "binary")) console.log(`    - ${x.id}: ${x.title}`);
    ' "$out/report.json" "$page"
  done
fi
