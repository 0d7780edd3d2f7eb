#!/usr/bin/env bash
# The protocol's conformance kit (protocol/conformance/check.mjs) against three backends, each
# freshly started on a free loopback port with an empty data folder: the reference receiver (every
# check must pass, once as it is and once behind a portal's login), the example Python backend (every check but the form's rules, which it leaves
# to a real backend: --skip answer-rules), and the example deliberately broken to answer a
# repeated package id with a new receipt, which must fail the kit naming §2.3 and §3.
# Run by scripts/test.sh; alone: scripts/conformance.sh (after scripts/setup.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/scaled.sh  # free_port
PYTHON="${EXAMPLE_PYTHON:-$CARGO_TARGET/example-venv/bin/python}"
WORK="$(mktemp -d /tmp/zhicheng-conformance.XXXXXX)"
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

# Waits until the backend at $1 answers its preflight.
wait_for() {
  for _ in $(seq 100); do curl -fs "${1}v1/capabilities" >/dev/null && return 0; sleep 0.1; done
  echo "the backend at $1 did not start" >&2; return 1
}

cargo build --quiet -p zhicheng_receiver
port="$(free_port)"
"$CARGO_TARGET/debug/zhicheng-receiver" serve --addr "127.0.0.1:$port" --data "$WORK/reference" --forms public/forms >/dev/null &
PIDS+=($!)
wait_for "http://127.0.0.1:$port/"
echo "--- the reference receiver"
node protocol/conformance/check.mjs --endpoint "http://127.0.0.1:$port/"

# The reference receiver behind a portal's login (§2.0.1), with a token the portal would sign.
port="$(free_port)"
head -c 48 /dev/urandom | base64 >"$WORK/portal.key"
"$CARGO_TARGET/debug/zhicheng-receiver" serve --addr "127.0.0.1:$port" --data "$WORK/portal" --forms public/forms \
  --portal-secret-file "$WORK/portal.key" >/dev/null &
PIDS+=($!)
wait_for "http://127.0.0.1:$port/"
token="$(node -e '
  const { createHmac } = require("node:crypto");
  const key = require("node:fs").readFileSync(process.argv[1], "utf8").trim();
  const part = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "conformance-user", exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  console.log(`${body}.${createHmac("sha256", key).update(body).digest("base64url")}`);' "$WORK/portal.key")"
echo "--- the reference receiver behind a portal's login"
node protocol/conformance/check.mjs --endpoint "http://127.0.0.1:$port/" --header "Authorization: Bearer $token"

port="$(free_port)"
"$PYTHON" examples/python-backend/app.py --port "$port" --data "$WORK/python" >"$WORK/python.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$port/"
echo "--- the example Python backend (examples/python-backend)"
node protocol/conformance/check.mjs --endpoint "http://127.0.0.1:$port/" --skip answer-rules

port="$(free_port)"
ZHICHENG_EXAMPLE_BREAK=new-receipt-on-repeat "$PYTHON" examples/python-backend/app.py --port "$port" --data "$WORK/broken" >"$WORK/broken.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$port/"
echo "--- the example broken on purpose (a repeated package id answered with a new receipt): must fail"
if node protocol/conformance/check.mjs --endpoint "http://127.0.0.1:$port/" --skip answer-rules >"$WORK/broken.out"; then
  cat "$WORK/broken.out"; echo "the kit passed a backend that issues a second receipt" >&2; exit 1
fi
grep -A1 'FAIL' "$WORK/broken.out"
grep -q 'FAIL  §2.3 §3' "$WORK/broken.out" || { echo "the kit's failure does not name §2.3 §3" >&2; exit 1; }
echo "conformance: the reference receiver and the example pass; the broken example fails at §2.3 §3"
