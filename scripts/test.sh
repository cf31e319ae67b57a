#!/usr/bin/env bash
# README command #2: every check, in order, stopping at the first failure.
#   setup -> cargo fmt --check -> clippy (native, then wasm32) -> native tests (+ benches compile)
#   -> browser tests (wasm-bindgen-test in headless Chromium) -> trunk build --release
#   -> size budget -> end-to-end tests (tests/e2e, against dist/ served on 127.0.0.1)
# Prints how long each step took, and `all checks passed` at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/tools.env
. scripts/tools.env

# Tools that setup.sh installs: wasm-opt (npm binaryen) in .tools/, trunk and wasm-bindgen in cargo's bin.
export PATH="$ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$CHROMEDRIVER_BIN}"
export CHROMIUM="${CHROMIUM:-$CHROMIUM_BIN}"
# Trunk must not reach out (no update check, no tool downloads: Trunk.toml sets offline = true).
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# wasm-bindgen-test-runner: give the browser time on a loaded 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

now() { date +%s.%N; }
STEP=""
STEP_START=""
SUMMARY=()
ALL_START="$(now)"

finish_step() {
  local secs
  secs="$(awk -v a="$STEP_START" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
  SUMMARY+=("$(printf '%7ss  %s' "$secs" "$STEP")")
  echo "== done: $STEP (${secs}s)"
}

step() {
  [ -z "$STEP" ] || finish_step
  STEP="$1"
  STEP_START="$(now)"
  echo
  echo "== $STEP"
}

on_exit() {
  local rc=$?
  [ -z "${WEBDRIVER_JSON:-}" ] || rm -f "$WEBDRIVER_JSON"
  if [ "$rc" -ne 0 ]; then
    echo >&2
    printf '%s\n' "${SUMMARY[@]}" >&2
    echo "FAILED at step: $STEP (exit $rc)" >&2
  fi
}
trap on_exit EXIT

step "setup (scripts/setup.sh)"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings (native)"
cargo clippy --all-targets -- -D warnings

# The wasm32 build covers the library and binaries, plus the browser test files: every
# tests/*.rs that says wasm_bindgen_test_configure!(run_in_browser). Native-only test code (unit
# tests using proptest, benches using criterion) depends on native-only dev-dependencies.
BROWSER_TESTS=()
for f in tests/*.rs; do
  if grep -q 'wasm_bindgen_test_configure!(run_in_browser)' "$f"; then
    BROWSER_TESTS+=(--test "$(basename "$f" .rs)")
  fi
done
[ "${#BROWSER_TESTS[@]}" -gt 0 ] || { echo "no browser test files (tests/*.rs with run_in_browser)" >&2; exit 1; }

# The release build's pre-renderer (src/bin/prerender.rs): the web layer compiled natively.
step "cargo clippy --features prerender --profile prerender --lib --bin prerender -- -D warnings"
cargo clippy --features prerender --profile prerender --lib --bin prerender -- -D warnings

step "cargo clippy --target $WASM_TARGET --lib --bins ${BROWSER_TESTS[*]} -- -D warnings"
cargo clippy --target "$WASM_TARGET" --lib --bins "${BROWSER_TESTS[@]}" -- -D warnings

step "cargo test (native: lib, bins, tests, doc tests)"
cargo test

step "cargo test --benches --no-run (benches compile)"
cargo test --benches --no-run

# Chromium's capabilities for wasm-bindgen-test-runner (it adds headless, no-sandbox and
# disable-dev-shm-usage itself; chromedriver gives it a fresh profile).
WEBDRIVER_JSON="$(mktemp --suffix=.json)"
cat >"$WEBDRIVER_JSON" <<JSON
{ "goog:chromeOptions": { "binary": "$CHROMIUM", "args": ["disable-gpu", "disable-quic", "no-first-run",
  "disable-background-networking", "disable-component-update", "disable-sync"] } }
JSON
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$WEBDRIVER_JSON"

step "browser tests: CHROMEDRIVER=$CHROMEDRIVER cargo test --target $WASM_TARGET ${BROWSER_TESTS[*]}"
cargo test --target "$WASM_TARGET" "${BROWSER_TESTS[@]}"

step "trunk build --release"
trunk build --release

step "size budget (scripts/size-budget.sh)"
bash scripts/size-budget.sh

step "end-to-end tests (node tests/e2e/run.mjs against dist/)"
node tests/e2e/run.mjs

finish_step
echo
echo "timings:"
printf '%s\n' "${SUMMARY[@]}"
printf '%7ss  %s\n' "$(awk -v a="$ALL_START" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')" "total"
echo "all checks passed"
