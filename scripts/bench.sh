#!/usr/bin/env bash
# Benchmarks (they print figures; they do not pass or fail): the transfer size of the built app
# (brotli and gzip of wasm + js + css; target: brotli ≤ 450 KB) and the keystroke-to-message latency in headless
# Chromium on a declaration with 200 rows in one repeat group (target: median ≤ 8 ms), and the
# main-thread time of one autosave of that declaration (target: median < 4 ms), and the time to
# build and render 表二 for it (target: < 50 ms); a first visit on a throttled phone link, as
# served (to the pledge ≤ 2.5 s, to the first field ≤ 2.8 s); the packaging throughput (100 MB of attachments
# checked, hashed and stored in the browser) and the reference receiver's accepted packages per
# second on loopback, alone on SQLite and as 1, 2 and 3 instances sharing PostgreSQL and a bucket.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh
if [ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
  echo "==> Installing twiggy $TWIGGY_VERSION (for the breakdown by crate; about 2 minutes)"
  cargo install twiggy --version "=$TWIGGY_VERSION" --locked >/dev/null 2>&1 || echo "  (twiggy could not be installed: no breakdown by crate)"
fi
scripts/build-release.sh >/dev/null

echo "Transfer size (brotli -q 11 where the brotli tool is installed, and gzip -9):"
# The budget is an applicant's first visit: brotli of wasm + js + css, at most 450 KB.
has_brotli=$(command -v brotli >/dev/null && echo 1 || echo 0)
total=0; total_br=0
for f in dist/*.wasm dist/*.js dist/*.css dist/widget/*.wasm dist/widget/*.js dist/widget/*.css; do
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c)
  br=0; [ "$has_brotli" = 1 ] && br=$(brotli -q 11 -c "$f" | wc -c)
  case "$f" in
    # The service worker is fetched three seconds after start-up, the widget's files only by a
    # portal's page: neither is part of an applicant's first visit.
    dist/sw.js) note="(after start-up; not counted)" ;;
    dist/widget/frame.js | dist/widget/zhicheng-frame.js) note="(the widget's iframe mode; not counted)" ;;
    # Screens a first visit does not need (src/ui/on_demand.rs), fetched when first shown.
    dist/split_*.wasm | dist/chunk_*.wasm) note="(loaded on demand; not counted)"; deferred_br=$(( ${deferred_br:-0} + br )) ;;
    dist/widget/split_*.wasm | dist/widget/chunk_*.wasm) note="(the widget's, loaded on demand; not counted)" ;;
    dist/widget/*) note="(the portal widget; not counted)"; widget_br=$(( ${widget_br:-0} + br )) ;;
    *) note=""; total=$((total + gz)); total_br=$((total_br + br)) ;;
  esac
  printf '  %-40s %8d B raw  %8d B gzip  %8d B brotli %s\n' "${f#dist/}" "$raw" "$gz" "$br" "$note"
done
printf '  %-40s %26d B gzip (%d KB)\n' "total" "$total" "$((total / 1024))"
if [ "$has_brotli" = 1 ]; then
  printf '  %-40s %26d B brotli (%d KB; target ≤ 450 KB)\n' "total" "$total_br" "$((total_br / 1024))"
  printf '  %-40s %26d B brotli (the screens loaded on demand, all of them)\n' "deferred" "${deferred_br:-0}"
  printf '  %-40s %26d B brotli (what a portal page, or the training page /training/, loads for the widget)\n' "the widget bundle" "${widget_br:-0}"
else
  echo "  (install the brotli tool, e.g. apt-get install brotli, for the figure the budget is set in)"
fi
echo "The applicant's wasm by crate and kind (twiggy on the release passes with names kept; brotli estimated by share):"
scripts/size-breakdown.sh
echo "Data fetched on demand (not in the budget), gzip -9:"
for f in public/catalog.json public/calendar/cn.json public/forms/*.json public/forms/parts/*.json; do
  printf '  %-40s %8d B raw  %8d B gzip\n' "${f#public/}" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done

# The app as served to applicants (brotli, caching and security headers) and the API, from one
# release receiver; its rate limit is lifted for the throughput figure.
cargo build --quiet --release -p zhicheng_receiver
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
RECEIVER_DATA="$(mktemp -d)"
"$CARGO_TARGET/release/zhicheng-receiver" serve --addr "127.0.0.1:$PORT" --data "$RECEIVER_DATA" --forms public/forms --app dist --rate 100000 --burst 100000 >/dev/null &
receiver=$!
trap 'kill $receiver 2>/dev/null || true; rm -rf "$RECEIVER_DATA"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/v1/capabilities" >/dev/null && break; sleep 0.1; done
BASE_URL="http://127.0.0.1:$PORT/" node tests/bench/keystroke.mjs
BASE_URL="http://127.0.0.1:$PORT/" node tests/bench/autosave.mjs
BASE_URL="http://127.0.0.1:$PORT/" node tests/bench/report.mjs
BASE_URL="http://127.0.0.1:$PORT/" node tests/bench/intake.mjs
BASE_URL="http://127.0.0.1:$PORT/" node tests/bench/coldstart.mjs
RECEIVER_URL="http://127.0.0.1:$PORT/" node tests/bench/receiver.mjs
# Several receiver instances sharing PostgreSQL and an S3 bucket (docs/scaling.md).
scripts/cluster.sh --scaling 20
