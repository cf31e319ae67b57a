#!/usr/bin/env bash
# README command #1: install what is missing, then build and serve the app at
# http://127.0.0.1:8080/ (release build, rebuilt on change). PORT=9000 bash scripts/serve.sh
# serves on another port. Stop with Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# Tools that setup.sh installed: wasm-opt (npm binaryen) in .tools/, trunk and wasm-bindgen in cargo's bin.
export PATH="$ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must not reach out (no update check, no tool downloads: Trunk.toml sets offline = true).
export TRUNK_SKIP_VERSION_CHECK=true

PORT="${PORT:-8080}"
echo "serve: http://127.0.0.1:$PORT/"
exec trunk serve --release --address 127.0.0.1 --port "$PORT" --disable-address-lookup
