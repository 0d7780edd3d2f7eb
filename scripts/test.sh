#!/usr/bin/env bash
# Installs what the tests need and runs every test: formatting and lint first (fast), then native
# (engine, session, receiver, architecture), browser (wasm-bindgen-test in headless Chromium) and
# end-to-end (playwright-core on Debian Chromium) against the release build applicants get.
# ZHICHENG_STABLE=1 runs the end-to-end tests on the --stable build instead (no nightly needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh
# What rust-toolchain.toml names, also when the caller's environment names another toolchain.
export RUSTUP_TOOLCHAIN="$RUST_STABLE"

failed=()
check() { # title, what to do when it fails, command…
  local title="$1" remedy="$2"; shift 2
  echo "==> $title"
  "$@" || failed+=("$title: $remedy")
}
check "Formatting (cargo fmt --all --check)" "run \`cargo fmt --all\` and commit the result" \
  cargo fmt --all --check
# With -D warnings a crate that fails stops the crates that depend on it from being linted, so
# the remedy names the command that lists every warning at once.
check "Lint, native (cargo clippy --workspace --all-targets, warnings are errors)" \
  "fix the warnings printed above (\`cargo clippy --workspace --all-targets\` lists them all)" \
  cargo clippy --quiet --workspace --all-targets -- -D warnings
check "Lint, wasm32 (cargo clippy on zhicheng and zhicheng_browser, warnings are errors)" \
  "fix the warnings printed above (the same command without \`-- -D warnings\` lists them all)" \
  cargo clippy --quiet -p zhicheng -p zhicheng_browser --target wasm32-unknown-unknown --all-targets -- -D warnings
check "Lint, wasm32, the widget's bundle (the same with --features widget,training)" \
  "fix the warnings printed above (the same command without \`-- -D warnings\` lists them all)" \
  cargo clippy --quiet -p zhicheng -p zhicheng_browser --target wasm32-unknown-unknown --features zhicheng/widget,zhicheng/training,zhicheng_browser/widget,zhicheng_browser/training -- -D warnings
if [ "${#failed[@]}" -gt 0 ]; then
  printf '\033[31mTESTS STOPPED before the slow tests:\033[0m\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi

echo "==> Native tests (engine rules, conditions, validation, session, receiver, architecture)"
cargo test --workspace --quiet

echo "==> The receiver on its scaled backend: the protocol's tests on PostgreSQL and an S3 bucket, then the cluster test"
(
  source scripts/scaled.sh
  trap 'stop_s3; stop_postgres' EXIT
  start_postgres && start_s3
  cargo test --quiet -p zhicheng_receiver --test protocol --test export --test instances --test dongguan --test sz_unit --test provincial_packages --test portal_login --test unit_review
)
scripts/cluster.sh

echo "==> The protocol's conformance kit: the reference receiver, the example Python backend, and a backend broken on purpose"
scripts/conformance.sh

echo "==> Browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown -p zhicheng --test browser_form -p zhicheng_browser --test browser_store

echo "==> Release build"
zhicheng_stable && echo "    (ZHICHENG_STABLE: the end-to-end tests run on the stable build, not the one applicants get)"
scripts/build-release.sh

echo "==> End-to-end tests (playwright-core, Debian Chromium)"
# The app and the API from one server, as serve.sh runs them: the receiver with `--app dist`.
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
source scripts/receiver.sh
RECEIVER_DATA="$(mktemp -d)"
start_receiver "$PORT" "$RECEIVER_DATA" dist/config.json "" dist >/dev/null
trap 'kill $RECEIVER_PID 2>/dev/null || true; rm -rf "$RECEIVER_DATA"' EXIT
RECEIVER_URL="$RECEIVER_URL" RECEIVER_DATA="$RECEIVER_DATA" BASE_URL="$RECEIVER_URL" node --test --test-concurrency=1 tests/e2e/
echo "==> All tests passed. Screenshots: test-results/screens/"
