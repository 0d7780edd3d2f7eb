#!/usr/bin/env bash
# What the applicant's WebAssembly is made of, by crate and kind (issue #21): the module the last
# release build compiled (kept by scripts/build-release.sh as target/size/app.wasm) is put through
# wasm-bindgen and the release's wasm-opt passes again with its names kept, measured with twiggy,
# and each group's share of the code is turned into an estimate of its brotli bytes (its share of
# the shipped wasm's brotli size). Figures to compare one build with the next, not exact costs.
# When the module has split points (scripts/split-wasm.mjs), only the main module a first visit
# loads is measured: the chunks loaded on demand are cut off first, as the release build does.
#   scripts/size-breakdown.sh [shipped.wasm]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

app="$CARGO_TARGET/size/app.wasm"
shipped="${1:-$(ls dist/zhicheng-*_bg.wasm 2>/dev/null | head -1)}"
if [ ! -f "$app" ] || [ -z "$shipped" ] || ! command -v twiggy >/dev/null; then
  echo "  (no breakdown: needs scripts/build-release.sh's target/size/app.wasm, dist's wasm and twiggy, which scripts/setup.sh test installs)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if grep -qa __wasm_split_placeholder__ "$app"; then
  wasm-split-cli "$app" "$work/split" --out-name app >/dev/null
  wasm-bindgen --target web --keep-lld-exports --out-dir "$work" "$work/split/app.wasm"
else
  wasm-bindgen --target web --out-dir "$work" "$app"
fi
# The passes of index.html's data-wasm-opt, with -g so that the names stay.
node_modules/.bin/wasm-opt -O1 --flatten --rereloop -Oz -Oz -g "$work/app_bg.wasm" -o "$work/named.wasm"
twiggy top -n 100000000 --format csv "$work/named.wasm" >"$work/top.csv"
brotli_bytes="$(brotli -q 11 -c "$shipped" | wc -c)"

python3 - "$work/top.csv" "$brotli_bytes" <<'PY'
"""Groups twiggy's items: data, serde, BTreeMap and sort code first (they cut across crates), then
the crate that owns the item (core/alloc generics apart), with Leptos' and wasm-bindgen's crates
each as one."""
import csv, re, sys

LEPTOS = {"leptos", "leptos_macro", "leptos_dom", "leptos_config", "reactive_graph", "reactive_stores", "tachys",
          "any_spawner", "throw_error", "or_poisoned", "hydration_context", "server_fn", "next_tuple", "oco_ref",
          "send_wrapper", "slotmap", "guardian", "futures_util", "futures_channel", "futures_executor", "futures_core",
          "pin_project_lite", "rustc_hash", "either_of", "paste", "typed_builder", "erased"}
GLUE = {"wasm_bindgen", "js_sys", "web_sys", "wasm_bindgen_futures", "serde_wasm_bindgen", "gloo_utils", "gloo_timers"}
OURS = {"zhicheng": "ui (zhicheng)", "zhicheng_engine": "engine", "zhicheng_session": "session",
        "zhicheng_browser": "browser"}

def group(name):
    plain = re.sub(r"\[[0-9a-f]+\]", "", name)
    if plain.startswith("data segment") or plain.startswith("data["):
        return "strings and data"
    if "serde" in plain:
        return "serde (derived and runtime)"
    if "collections::btree" in plain:
        return "BTreeMap code"
    if "slice::sort" in plain:
        return "sorts"
    if plain.endswith(" shim") or "externref" in plain:
        return "wasm-bindgen, js-sys, web-sys"
    # `<f64 as core::fmt::Display>::fmt`, `<_ as tachys::…>`: a primitive's (or an erased
    # type's) impl belongs to the trait's crate; `<str>::replace` to core.
    primitive = re.match(r"<&?(?:mut )?\[?[a-z0-9_]+\]?(?: as ([A-Za-z_][A-Za-z0-9_]*)::|>::)", plain)
    first = primitive or re.match(r"[<&*\s(\[]*(?:dyn |mut |const )?([A-Za-z_][A-Za-z0-9_]*)::", plain)
    crate = (first.group(1) or "core") if first else ""
    if crate in ("core", "alloc", "std"):
        return "core/alloc generics"
    if crate in OURS:
        return OURS[crate]
    if crate in LEPTOS:
        return "Leptos (runtime and views)"
    if crate in GLUE:
        return "wasm-bindgen, js-sys, web-sys"
    return crate or "unnamed (tables, imports, other)"

sizes = {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        name, size = row["Name"], int(row["ShallowSize"] or 0)
        # Names and the producers' notes are not shipped.
        if name.startswith('"function names"') or name.startswith("custom section") or "subsection" in name:
            continue
        sizes[group(name)] = sizes.get(group(name), 0) + size
total = sum(sizes.values())
brotli = int(sys.argv[2])
print(f"  {'group':<36} {'raw (named build)':>18} {'share':>7} {'≈ brotli':>10}")
for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:20]:
    print(f"  {name:<36} {size:>16} B {100 * size / total:>6.1f}% {size / total * brotli / 1024:>8.1f} KB")
rest = sorted(sizes.values(), reverse=True)[20:]
if rest:
    print(f"  {'(the rest)':<36} {sum(rest):>16} B {100 * sum(rest) / total:>6.1f}% {sum(rest) / total * brotli / 1024:>8.1f} KB")
PY
