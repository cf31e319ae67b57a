#!/usr/bin/env bash
# Fuzzing at scale: feeds each decoder that reads outside text (the address, a plan file, the
# saved-plans storage entry, the paste box) generated and mutated inputs, 1,000,000 per target by
# default, in an optimised build, and fails on the first panic, input over its target's time bound
# or broken invariant. The targets are tests/fuzz.rs (its notes say what they feed and check);
# `cargo test` runs the same targets on 1,500 inputs each.
#
# Prints, per target: cases run (generated and mutated), time, the slowest input's time and size,
# the largest input, the most messages one input gave, and the random seed. A failing input is
# printed and saved under target/tmp/fuzz-failures/, with the command that replays it. The run's
# output is also written to target/fuzz.log.
#
# Usage: bash scripts/fuzz.sh [CASES [TARGET...]]
#   CASES   inputs per target (default 1000000)
#   TARGET  address, plan, saved, paste (default: all four, two at a time)
# Environment: FUZZ_SEED=<n> repeats a run's inputs (the seed each target printed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CASES="${1:-1000000}"
shift || true
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(address plan saved paste cohort)

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$TARGET_DIR"
LOG="$TARGET_DIR/fuzz.log"

echo "fuzz: ${CASES} cases per target: ${TARGETS[*]} (log: $LOG)"
START="$(date +%s)"
set +e
FUZZ_CASES="$CASES" cargo test --release --test fuzz -- --exact "${TARGETS[@]}" --nocapture --test-threads=2 2>&1 | tee "$LOG"
STATUS="${PIPESTATUS[0]}"
set -e
echo
echo "summary ($(($(date +%s) - START)) s in all, build included):"
grep -E '^fuzz [a-z]+:' "$LOG" || true
if [ "$STATUS" -ne 0 ]; then
  echo "fuzz: FAILED (see above; the failing input is saved under $TARGET_DIR/tmp/fuzz-failures/)" >&2
  exit "$STATUS"
fi
echo "fuzz: all targets passed"
