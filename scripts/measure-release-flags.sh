#!/usr/bin/env bash
# Measures what each size flag of scripts/build-release.sh saves: builds the release bundle with
# every flag, once without each named flag (ZHICHENG_RELEASE_WITHOUT), and with --stable; checks
# that each bundle starts in headless Chromium (a flag that breaks the app does not pay); prints
# brotli -q 11 and gzip -9 of dist's wasm + js + css and the difference to the full build.
# Slow: one release build per variant, several minutes each on 2 cores. Needs `brotli`
# (apt-get install brotli). Bundles are kept under $CARGO_TARGET/release-flags/<variant>/.
#   scripts/measure-release-flags.sh [variant …]
#   variants: all optimize_for_size immediate-abort fmt-debug build-std stable
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v brotli >/dev/null || { echo "brotli is not installed: apt-get install brotli" >&2; exit 1; }

variants=("$@")
[ "${#variants[@]}" -gt 0 ] || variants=(all optimize_for_size immediate-abort fmt-debug build-std stable)
out="$CARGO_TARGET/release-flags"
mkdir -p "$out"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT

for v in "${variants[@]}"; do
  dist="$out/$v"
  rm -rf "$dist"
  echo "==> $v"
  case "$v" in
    all) scripts/build-release.sh --dist "$dist" ;;
    stable) scripts/build-release.sh --stable --dist "$dist" ;;
    *) ZHICHENG_RELEASE_WITHOUT="$v" scripts/build-release.sh --dist "$dist" ;;
  esac >"$out/$v.log" 2>&1 || { echo "build failed, see $out/$v.log" >&2; exit 1; }
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
  node scripts/smoke.mjs "http://127.0.0.1:$port/"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done

sizes() { # dist -> "wasm_br wasm_gz total_br total_gz"
  local wb=0 wg=0 tb=0 tg=0 f b g
  for f in "$1"/*.wasm "$1"/*.js "$1"/*.css; do
    b=$(brotli -q 11 -c "$f" | wc -c); g=$(gzip -9 -c "$f" | wc -c)
    tb=$((tb + b)); tg=$((tg + g))
    case "$f" in *.wasm) wb=$b; wg=$g ;; esac
  done
  echo "$wb $wg $tb $tg"
}
echo
echo "Release bundle, wasm + js + css (bytes; the difference is against 'all'; + means that flag saves it):"
printf '  %-30s %10s %10s %10s %10s\n' "variant" "brotli" "gzip" "Δ brotli" "Δ gzip"
base_b=0 base_g=0
[ -d "$out/all" ] && read -r _ _ base_b base_g < <(sizes "$out/all")
for v in "${variants[@]}"; do
  read -r _ _ b g < <(sizes "$out/$v")
  label="without $v"; [ "$v" = all ] && label="all flags"; [ "$v" = stable ] && label="--stable"
  printf '  %-30s %10d %10d %+10d %+10d\n' "$label" "$b" "$g" "$((b - base_b))" "$((g - base_g))"
done
