# Sourced by serve.sh, dev.sh and test.sh: builds the reference receiver, starts it in the
# background on 127.0.0.1:$1 with its data in $2, waits until it answers, and points the built app
# at it by writing $3 (default dist/config.json; an empty $3 writes nothing). $4 is the origin of
# the page that calls it (the app is served from another port, so the receiver must allow it by
# CORS; it allows no origin unless told). $5, when given, is the built app's folder, served by
# the receiver on the same origin as the API (then no CORS is needed). Sets RECEIVER_PID and
# RECEIVER_URL.
start_receiver() {
  local port="$1" data="$2" config="${3-dist/config.json}" origin="${4-}" app="${5-}"
  echo "==> Building the reference receiver"
  cargo build --quiet -p zhicheng_receiver
  mkdir -p "$data"
  local allow=()
  [ -z "$origin" ] || allow=(--allow-origin "$origin")
  # The app's own pages may frame it (the mock portal's iframe mode, public/embed/frame.html).
  [ -z "$app" ] || allow+=(--app "$app" --frame-ancestors "'self'")
  "${CARGO_TARGET_DIR:-target}/debug/zhicheng-receiver" serve --addr "127.0.0.1:$port" --data "$data" --forms public/forms ${allow[@]+"${allow[@]}"} &
  RECEIVER_PID=$!
  RECEIVER_URL="http://127.0.0.1:$port/"
  for _ in $(seq 100); do curl -fs "${RECEIVER_URL}v1/capabilities" >/dev/null && break; sleep 0.1; done
  curl -fs "${RECEIVER_URL}v1/capabilities" >/dev/null || { echo "the receiver did not start" >&2; return 1; }
  [ -z "$config" ] || printf '{\n  "submit_endpoint": "%s"\n}\n' "$RECEIVER_URL" >"$config"
}
