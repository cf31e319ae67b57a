#!/usr/bin/env bash
# Lighthouse performance figures of the release build, on the home page and a planner page
# (600/1136/1, the largest qualification): performance score, FCP, LCP, TBT, TTI, CLS, one line per
# page. Mobile form factor with simulated throttling (Lighthouse's defaults), in Debian's Chromium,
# against dist/ served on 127.0.0.1 with its precompressed .br/.gz copies (scripts/serve-dist.mjs).
#
# Not part of scripts/test.sh or CI: the figures move from run to run, more so on a busy machine.
# Builds nothing: run `trunk build --release` (or bash scripts/test.sh) first.
# Installs npm lighthouse into .tools/lighthouse/ on first use (bash scripts/setup.sh lighthouse).
#
# Usage: bash scripts/lighthouse.sh            LIGHTHOUSE_RUNS=3 bash scripts/lighthouse.sh (medians)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/tools.env
. scripts/tools.env
DIST="${DIST_DIR:-$ROOT/dist}"

if [ ! -f "$DIST/index.html" ]; then
  echo "lighthouse: $DIST/index.html not found: run 'trunk build --release' first (this script builds nothing)." >&2
  exit 1
fi
if ! find "$DIST" -name '*.br' -print -quit | grep -q .; then
  echo "lighthouse: warning: no precompressed .br/.gz copies in $DIST (not a release build?): files go uncompressed." >&2
fi

bash scripts/setup.sh lighthouse
export CHROME_PATH="$CHROMIUM_BIN"
export DIST_DIR="$DIST"
exec node scripts/lighthouse.mjs
