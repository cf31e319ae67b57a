#!/usr/bin/env bash
# Installs what building and testing Pathway Planner needs, and only what is missing:
#   - the wasm32-unknown-unknown Rust target (and rustfmt, clippy)
#   - trunk ($TRUNK_VERSION from scripts/tools.env)
#   - wasm-bindgen-cli at the exact version of the wasm-bindgen crate in Cargo.lock
#     (brings wasm-bindgen-test-runner)
#   - wasm-opt from the npm package binaryen ($BINARYEN_VERSION) and terser ($TERSER_VERSION) into .tools/
#   - Debian's chromium and chromium-driver
#   - the npm packages of the end-to-end suite (npm ci in tests/e2e)
# Idempotent, and fast when everything is present: every step checks a version first.
# Exits non-zero with a message naming what to install when something can't be installed.
#
# `bash scripts/setup.sh lighthouse` (run by scripts/lighthouse.sh) does only this instead:
#   - npm lighthouse ($LIGHTHOUSE_VERSION) into .tools/lighthouse/, checking Node.js and Chromium.
#     It is large (about 190 MB), so the default setup, and so CI, leaves it out.
#
# Usage: bash scripts/setup.sh [lighthouse]   (then see scripts/tools.env for where things are)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/tools.env
. "$ROOT/scripts/tools.env"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
TOOLS_DIR="$ROOT/.tools"
export PATH="$TOOLS_DIR/node_modules/.bin:$CARGO_BIN:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" = 0 ]; }

need_node() {
  { have node && have npm; } || die "node and npm (Node.js >= $NODE_MIN_MAJOR) are needed: install Node.js $NODE_MIN_MAJOR or newer."
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$node_major" -ge "$NODE_MIN_MAJOR" ] || die "Node.js >= $NODE_MIN_MAJOR is needed (found $(node --version))."
}

# --- lighthouse only (bash scripts/setup.sh lighthouse) ----------------------------------------
if [ "${1:-}" = lighthouse ]; then
  need_node
  [ -x "$CHROMIUM_BIN" ] || die "$CHROMIUM_BIN is missing: run 'bash scripts/setup.sh' first."
  LH_DIR="$TOOLS_DIR/lighthouse"
  lh_found="$(node -p "try { require('$LH_DIR/node_modules/lighthouse/package.json').version } catch { '' }")"
  if [ "$lh_found" != "$LIGHTHOUSE_VERSION" ]; then
    say "installing npm lighthouse@$LIGHTHOUSE_VERSION into .tools/lighthouse/ (found: ${lh_found:-none}); about 190 MB"
    mkdir -p "$LH_DIR"
    # Its own folder: the install of binaryen and terser into .tools/ removes what it was not given.
    # No install scripts (none is needed; nothing may download a browser).
    npm install --prefix "$LH_DIR" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
      "lighthouse@$LIGHTHOUSE_VERSION" \
      || die "could not install lighthouse: run 'npm install --prefix .tools/lighthouse lighthouse@$LIGHTHOUSE_VERSION'."
  fi
  say "ok: lighthouse $LIGHTHOUSE_VERSION, $("$CHROMIUM_BIN" --version 2>/dev/null | head -1), node $(node --version)"
  exit 0
fi
[ -z "${1:-}" ] || die "unknown argument '$1' (usage: bash scripts/setup.sh [lighthouse])"

# The version of the wasm-bindgen crate that Cargo.lock pins: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# --- Rust toolchain pieces ---------------------------------------------------------------------
have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs), then rerun."
if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "adding Rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET" || die "could not add the Rust target: run 'rustup target add $WASM_TARGET'."
fi
for component in rustfmt clippy; do
  sub=${component/rustfmt/fmt}
  if ! cargo "$sub" --version >/dev/null 2>&1; then
    say "adding rustup component $component"
    rustup component add "$component" || die "could not add rustup component $component: run 'rustup component add $component'."
  fi
done

# --- trunk -------------------------------------------------------------------------------------
trunk_found="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$trunk_found" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (found: ${trunk_found:-none}); this compiles it and takes about 10 minutes"
  cargo install trunk --version "=$TRUNK_VERSION" --locked \
    || die "could not install trunk: run 'cargo install trunk --version =$TRUNK_VERSION --locked'."
fi

# --- wasm-bindgen-cli --------------------------------------------------------------------------
WB_VERSION="$(wasm_bindgen_version)"
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock (run 'cargo generate-lockfile'?)."
wb_found="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
runner_found="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$wb_found" != "$WB_VERSION" ] || [ "$runner_found" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION, the version in Cargo.lock (found: ${wb_found:-none}); takes a few minutes"
  # Not --locked: the CLI's own lock file does not build with current rustc for some versions.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force \
    || die "could not install wasm-bindgen-cli: run 'cargo install wasm-bindgen-cli --version =$WB_VERSION'."
fi

# --- Node.js -----------------------------------------------------------------------------------
need_node

# --- wasm-opt (npm binaryen) and terser into .tools/ -------------------------------------------
# One npm call for both: an install with --no-save removes packages it was not given.
npm_version() { node -p "try { require('$TOOLS_DIR/node_modules/$1/package.json').version } catch { '' }"; }
binaryen_found="$(npm_version binaryen)"
terser_found="$(npm_version terser)"
if [ "$binaryen_found" != "$BINARYEN_VERSION" ] || [ "$terser_found" != "$TERSER_VERSION" ] \
  || ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1; then
  say "installing npm binaryen@$BINARYEN_VERSION (wasm-opt) and terser@$TERSER_VERSION into .tools/ (found: ${binaryen_found:-none}, ${terser_found:-none})"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" "terser@$TERSER_VERSION" \
    || die "could not install build tools: run 'npm install --prefix .tools binaryen@$BINARYEN_VERSION terser@$TERSER_VERSION'."
  "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version >/dev/null || die "wasm-opt from npm binaryen does not run."
fi

# --- Chromium and ChromeDriver (Debian packages) -----------------------------------------------
if [ ! -x "$CHROMIUM_BIN" ] || [ ! -x "$CHROMEDRIVER_BIN" ]; then
  if is_root && have apt-get; then
    say "installing Debian packages: $CHROMIUM_PACKAGES"
    # shellcheck disable=SC2086
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $CHROMIUM_PACKAGES >/dev/null; } \
      || die "apt-get could not install $CHROMIUM_PACKAGES."
  else
    die "Chromium and ChromeDriver are missing ($CHROMIUM_BIN, $CHROMEDRIVER_BIN): as root, run 'apt-get update && apt-get install -y $CHROMIUM_PACKAGES', then rerun."
  fi
fi
[ -x "$CHROMIUM_BIN" ] || die "$CHROMIUM_BIN is missing after install."
[ -x "$CHROMEDRIVER_BIN" ] || die "$CHROMEDRIVER_BIN is missing after install."

# --- npm packages of the end-to-end suite ------------------------------------------------------
E2E="$ROOT/tests/e2e"
# npm writes node_modules/.package-lock.json at every install: it stamps when node_modules was made.
if [ ! -f "$E2E/node_modules/.package-lock.json" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
  say "installing the e2e suite's npm packages (npm ci in tests/e2e)"
  (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed in tests/e2e."
  touch "$E2E/node_modules/.package-lock.json"
fi

say "ok: trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, wasm-opt $BINARYEN_VERSION (npm binaryen), terser $TERSER_VERSION, $("$CHROMIUM_BIN" --version 2>/dev/null | head -1), node $(node --version)"
