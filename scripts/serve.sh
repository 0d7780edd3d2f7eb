#!/usr/bin/env bash
# Builds the app in release mode and serves it on 127.0.0.1 (PORT, default 8080) from the
# reference receiver, which also receives the submitted packages there (data in receiver-data/).
# ZHICHENG_STABLE=1 builds with stable Rust only (larger; see scripts/build-release.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
source scripts/env.sh
PORT="${PORT:-8080}"
echo "==> Building the app (release)"
scripts/build-release.sh
source scripts/receiver.sh
# One server for the app and the API (no CORS): the receiver with `--app dist`, which sends the
# precompressed files, caching and security headers a portal would.
start_receiver "$PORT" receiver-data dist/config.json "" dist
trap 'kill $RECEIVER_PID 2>/dev/null || true' EXIT
echo
echo "申报系统已启动 / The app is running at:  ${RECEIVER_URL}"
echo "门户嵌入示例 / The widget in a mock portal:  ${RECEIVER_URL}embed/  (iframe: ${RECEIVER_URL}embed/frame.html)"
echo "演示与培训 / Training mode (README, \"Running a training session\"):  ${RECEIVER_URL}training/"
echo "申报接收端在同一地址 / Packages are received at the same address (${RECEIVER_URL}v1/; operator: $CARGO_TARGET/debug/zhicheng-receiver list)"
echo "(Ctrl+C to stop)"
wait "$RECEIVER_PID"
