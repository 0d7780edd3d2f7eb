#!/usr/bin/env bash
# Installs what the tests need and runs every test: native (engine, architecture), browser
# (wasm-bindgen-test in headless Chromium) and end-to-end (playwright-core on Debian Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

echo "==> Native tests (engine rules, conditions, validation, architecture)"
cargo test --workspace --quiet

echo "==> Browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test browser_form --test browser_store

echo "==> Release build"
scripts/build-release.sh

echo "==> End-to-end tests (playwright-core, Debian Chromium)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server=$!
source scripts/receiver.sh
RECEIVER_DATA="$(mktemp -d)"
start_receiver "$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" "$RECEIVER_DATA" >/dev/null
trap 'kill $server $RECEIVER_PID 2>/dev/null || true; rm -rf "$RECEIVER_DATA"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
RECEIVER_URL="$RECEIVER_URL" RECEIVER_DATA="$RECEIVER_DATA" BASE_URL="http://127.0.0.1:$PORT/" node --test --test-concurrency=1 tests/e2e/
echo "==> All tests passed. Screenshots: test-results/screens/"
