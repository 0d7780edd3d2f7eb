#!/usr/bin/env bash
# Builds the app in release mode and serves it on 127.0.0.1 (PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
source scripts/env.sh
PORT="${PORT:-8080}"
echo "==> Building the app (release)"
scripts/build-release.sh
echo
echo "申报系统已启动 / The app is running at:  http://127.0.0.1:${PORT}/"
echo "(Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
