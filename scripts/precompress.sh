#!/usr/bin/env bash
# Writes .br and .gz siblings of every compressible file of a build, so the
# static host serves them without compressing on each request.
set -euo pipefail
dir=${1:-dist}
find "$dir" -type f \( -name '*.wasm' -o -name '*.bin' -o -name '*.js' -o -name '*.css' -o -name '*.html' \
  -o -name '*.json' -o -name '*.webmanifest' -o -name '*.svg' \) -print0 |
while IFS= read -r -d '' f; do
  brotli -f -q 11 -o "$f.br" "$f"
  gzip -f -k -9 "$f"
done
