#!/usr/bin/env bash
# The edit loop for contributors: `trunk serve` (a debug build with the pinned stable Rust, rebuilt
# and reloaded in the browser on every save) beside the reference receiver, as scripts/serve.sh
# starts it. Prints both URLs; Ctrl+C stops both. PORT (default 8080) and RECEIVER_PORT (default
# 8090) change the ports. The debug bundle goes to $CARGO_TARGET/dev-dist, so dist/ keeps the
# release build. Panics keep their messages here; the bundle applicants get is
# scripts/build-release.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHICHENG_STABLE=1 scripts/setup.sh app # the edit loop needs no nightly
source scripts/env.sh
export RUSTUP_TOOLCHAIN="$RUST_STABLE"
PORT="${PORT:-8080}"
RECEIVER_PORT="${RECEIVER_PORT:-8090}"

source scripts/receiver.sh
# Trunk copies public/config.json into what it serves, and rewrites it on every build, so the
# receiver's address reaches the app as `?submit=` (which the app reads before config.json).
start_receiver "$RECEIVER_PORT" receiver-data "" "http://127.0.0.1:$PORT"
app_url="http://127.0.0.1:$PORT/?submit=$RECEIVER_URL"

trunk_pid=""
stop() {
  trap - EXIT INT TERM
  [ -z "$trunk_pid" ] || kill "$trunk_pid" 2>/dev/null || true
  kill "$RECEIVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'echo; echo "Stopping trunk serve and the receiver."; stop; exit 130' INT TERM

echo "==> Starting trunk serve (debug build; the first one takes a few minutes)"
trunk serve --port "$PORT" --dist "$CARGO_TARGET/dev-dist" &
trunk_pid=$!
until curl -fs "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q '\.wasm'; do
  kill -0 "$trunk_pid" 2>/dev/null || { echo "trunk serve stopped; see its messages above" >&2; exit 1; }
  sleep 1
done
echo
echo "开发模式 / The app (debug build, reloads on save):  $app_url"
echo "申报接收端 / Packages are received at:             ${RECEIVER_URL}  (operator: $CARGO_TARGET/debug/zhicheng-receiver list)"
echo "(Ctrl+C to stop both)"
wait "$trunk_pid"
