#!/usr/bin/env bash
# Checks that the files which must repeat a version from scripts/versions.env (because a tool
# reads it there) still agree with it: rust-toolchain.toml, Cargo.lock, Trunk.toml, package.json
# and package-lock.json, and the README's table of toolchains. Reads files only; run by
# scripts/setup.sh before it installs anything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env

problems=()
disagree() { problems+=("$1: $2 (scripts/versions.env says $3)"); }

channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
[ "$channel" = "$RUST_STABLE" ] || disagree rust-toolchain.toml "channel = \"$channel\"" "RUST_STABLE=$RUST_STABLE"

# Every wasm-bindgen in the lock file (one, unless two crates want different ones).
locked="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print }' Cargo.lock | sort -u | paste -sd' ')"
[ "$locked" = "$WASM_BINDGEN_VERSION" ] \
  || disagree Cargo.lock "wasm-bindgen $locked (the CLI must be the same version)" "WASM_BINDGEN_VERSION=$WASM_BINDGEN_VERSION"

# wasm-split-cli reads the split points that Leptos' wasm_split_helpers writes: same minor version.
helpers="$(awk '/^name = "wasm_split_helpers"$/ { getline; gsub(/^version = "|"$/, ""); print }' Cargo.lock | sort -u | paste -sd' ')"
[ "${helpers%.*}" = "${WASM_SPLIT_VERSION%.*}" ] \
  || disagree Cargo.lock "wasm_split_helpers $helpers (wasm-split-cli must be of the same minor version)" "WASM_SPLIT_VERSION=$WASM_SPLIT_VERSION"

wasm_opt="$(sed -n 's/^wasm_opt *= *"\(.*\)"/\1/p' Trunk.toml)"
[ "$wasm_opt" = "version_${BINARYEN_VERSION%%.*}" ] \
  || disagree Trunk.toml "wasm_opt = \"$wasm_opt\", expected \"version_${BINARYEN_VERSION%%.*}\"" "BINARYEN_VERSION=$BINARYEN_VERSION"
if grep -q '^wasm_bindgen *=' Trunk.toml; then
  problems+=("Trunk.toml: names a wasm_bindgen version; leave it out, Trunk reads Cargo.lock's")
fi

npm_versions() { # package -> "package.json version|package-lock.json version"
  node -e '
    const name = process.argv[1];
    const pkg = require("./package.json"), lock = require("./package-lock.json");
    const dev = (pkg.devDependencies || {})[name] || "missing";
    const locked = (lock.packages[`node_modules/${name}`] || {}).version || "missing";
    console.log(`${dev}|${locked}`);' "$1"
}
for pair in "binaryen BINARYEN_VERSION" "playwright-core PLAYWRIGHT_CORE_VERSION" "terser TERSER_VERSION"; do
  set -- $pair
  want="${!2}"
  IFS='|' read -r declared locked <<<"$(npm_versions "$1")"
  [ "$declared" = "$want" ] || disagree package.json "$1 \"$declared\"" "$2=$want"
  [ "$locked" = "$want" ] || disagree package-lock.json "$1 $locked (run npm install after changing package.json)" "$2=$want"
done

# The README's table of toolchains names them for newcomers.
toolchains="$(sed -n '/^### Toolchains at a glance/,/^Where every version lives/p' README.md)"
for v in "RUST_STABLE=$RUST_STABLE" "RUST_SIZE_NIGHTLY=$RUST_SIZE_NIGHTLY"; do
  grep -qF -- "${v#*=}" <<<"$toolchains" || problems+=("README.md: \"Toolchains at a glance\" does not name ${v#*=} (scripts/versions.env says $v)")
done

if [ "${#problems[@]}" -gt 0 ]; then
  printf '\033[31mVERSIONS DISAGREE:\033[0m\n' >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "Versions agree with scripts/versions.env."
