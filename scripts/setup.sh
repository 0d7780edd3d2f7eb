#!/usr/bin/env bash
# Installs what the app (and, with `test`, the tests) need, from the package registries only.
# Every step is skipped when the tool is already there at the right version.
#   scripts/setup.sh app    Rust wasm target, wasm-bindgen-cli, Trunk, npm wasm-opt
#   scripts/setup.sh test   the above, plus Chromium, chromedriver, CJK fonts, poppler, playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-app}"
TRUNK_VERSION="0.21.14"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mSET-UP FAILED: %s\033[0m\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is not installed; install Rust with rustup first."
command -v npm >/dev/null || fail "npm is not installed; install Node.js 20 or later first."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32 target (rustup target add wasm32-unknown-unknown)."
fi

# The release bundle is built with a pinned nightly that rebuilds the standard library
# (scripts/build-release.sh); it needs the library's source and the wasm32 target.
source scripts/env.sh
if ! rustup run "$SIZE_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
   || ! rustup component list --toolchain "$SIZE_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src' \
   || ! rustup target list --toolchain "$SIZE_TOOLCHAIN" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "Installing Rust $SIZE_TOOLCHAIN with rust-src (for the size-optimised release build, about 30 s)"
  rustup toolchain install "$SIZE_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || fail "could not install Rust $SIZE_TOOLCHAIN with rustup."
fi

# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
if [ ! -f Cargo.lock ]; then cargo generate-lockfile || fail "could not resolve Cargo dependencies."; fi
wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
[ -n "$wbg_version" ] || fail "could not find the wasm-bindgen version in Cargo.lock."
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  step "Installing wasm-bindgen-cli $wbg_version (about 2–3 minutes)"
  # Not --locked: its lock file pins a webpki-roots version the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$wbg_version" || fail "could not install wasm-bindgen-cli $wbg_version from crates.io."
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  step "Installing Trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked || fail "could not install Trunk $TRUNK_VERSION from crates.io."
fi

# npm packages: wasm-opt (binaryen, pure wasm) for builds; playwright-core for end-to-end tests.
if ! node -e "require.resolve('binaryen/package.json'); require.resolve('playwright-core/package.json')" >/dev/null 2>&1 \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed; check that the npm registry is reachable."
fi

step "Fetching Rust crates"
cargo fetch --quiet || fail "cargo fetch failed; check that crates.io is reachable."
cargo fetch --quiet --target wasm32-unknown-unknown || fail "cargo fetch (wasm32) failed."
# The release build runs offline, so the crates the standard library depends on are fetched too.
cargo "+$SIZE_TOOLCHAIN" fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown \
  || fail "cargo fetch of the standard library's crates failed."

if [ "$profile" = "test" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  # Not `grep -q`: it would stop reading early, and pipefail would count the SIGPIPE as "missing".
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || fail "apt-get update failed."
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "could not install ${missing[*]} with apt-get."
  fi
  [ "$(chromium --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)" = "$(chromedriver --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)" ] \
    || fail "chromium and chromedriver major versions differ; reinstall both with apt-get."
fi
step "Set-up complete ($profile)"
