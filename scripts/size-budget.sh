#!/usr/bin/env bash
# Size budget of the built site: after `trunk build --release`, prints the gzip -9 size of every
# file in dist/ and the total, and fails if the total is over the budget.
# Budget: 250 KB = 250,000 bytes of gzip -9 output, summed over all files in dist/ (the issue's
# "250 KB", read in decimal units, the stricter reading).
# A budget check on bytes, not a timed test. Trunk's staging folder dist/.stage (present only
# while a build runs) is left out.
#
# Usage: bash scripts/size-budget.sh [DIST_DIR]      (default: dist/ at the repository root)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
BUDGET_BYTES=250000

if [ ! -f "$DIST/index.html" ]; then
  echo "size-budget: ERROR: $DIST/index.html not found: run 'trunk build --release' first." >&2
  exit 1
fi

total_raw=0
total_gz=0
printf '%12s %12s  %s\n' "bytes" "gzip -9" "file (in ${DIST#"$ROOT"/}/)"
while IFS= read -r -d '' file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c -- "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%12d %12d  %s\n' "$raw" "$gz" "${file#"$DIST"/}"
done < <(find "$DIST" -path "$DIST/.stage" -prune -o -type f -print0 | sort -z)

printf '%12d %12d  %s\n' "$total_raw" "$total_gz" "TOTAL"
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
summary="gzip -9 total $total_gz bytes ($(kib "$total_gz") KiB) of budget $BUDGET_BYTES bytes (250 KB)"
if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
  echo "size-budget: FAIL: $summary, over by $((total_gz - BUDGET_BYTES)) bytes" >&2
  exit 1
fi
echo "size-budget: ok: $summary, $((BUDGET_BYTES - total_gz)) bytes to spare"
