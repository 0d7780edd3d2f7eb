#!/usr/bin/env bash
# Builds the app in release mode and serves it on 127.0.0.1 (PORT, default 8080), with the
# reference receiver for submitted packages on RECEIVER_PORT (default 8090; data in receiver-data/).
# ZHICHENG_STABLE=1 builds with stable Rust only (larger; see scripts/build-release.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
source scripts/env.sh
PORT="${PORT:-8080}"
echo "==> Building the app (release)"
scripts/build-release.sh
source scripts/receiver.sh
start_receiver "${RECEIVER_PORT:-8090}" receiver-data dist/config.json "http://127.0.0.1:${PORT}"
trap 'kill $RECEIVER_PID 2>/dev/null || true' EXIT
echo
echo "申报系统已启动 / The app is running at:  http://127.0.0.1:${PORT}/"
echo "申报接收端 / Packages are received at:    ${RECEIVER_URL}  (operator: $CARGO_TARGET/debug/zhicheng-receiver list)"
echo "(Ctrl+C to stop)"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
