#!/usr/bin/env bash
# Installs what the app (and, with `test`, the tests) need, from the package registries only, at
# the versions in scripts/versions.env. Every step is skipped when the tool is already there at
# the right version, so on a machine that has everything this only checks.
#   scripts/setup.sh app    Rust (stable and the size nightly), wasm-bindgen-cli, Trunk, wasm-split-cli,
#                           npm wasm-opt
#   scripts/setup.sh test   the above, plus Chromium, chromedriver, CJK fonts, poppler, brotli, playwright-core,
#                           PostgreSQL and s3s-fs (the receiver's scaled backend)
# With ZHICHENG_STABLE=1 the nightly is neither installed nor checked (see scripts/build-release.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-app}"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mSET-UP FAILED: %s\033[0m\n' "$*" >&2; exit 1; }

command -v rustup >/dev/null || fail "rustup is not installed; install Rust with rustup first (https://rustup.rs)."
command -v npm >/dev/null || fail "npm is not installed; install Node.js 20 or later first."
source scripts/env.sh
scripts/check-versions.sh >/dev/null || fail "the pinned versions disagree (listed above); fix the file named there."

# rust-toolchain.toml selects this stable toolchain in this folder.
has_toolchain() { # toolchain, components… (the wasm32 target is always needed)
  local toolchain="$1" component; shift
  rustup run "$toolchain" rustc --version >/dev/null 2>&1 || return 1
  rustup target list --toolchain "$toolchain" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || return 1
  for component in "$@"; do
    rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q "^$component" || return 1
  done
}
if ! has_toolchain "$RUST_STABLE" rustfmt clippy; then
  step "Installing Rust $RUST_STABLE with rustfmt, clippy and the wasm32 target"
  rustup toolchain install "$RUST_STABLE" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown \
    || fail "could not install Rust $RUST_STABLE with rustup."
fi

# The release bundle is built with a pinned nightly that rebuilds the standard library
# (scripts/build-release.sh); it needs the library's source and the wasm32 target.
if ! zhicheng_stable && ! has_toolchain "$RUST_SIZE_NIGHTLY" rust-src; then
  step "Installing Rust $RUST_SIZE_NIGHTLY with rust-src (for the size-optimised release build, about 30 s)"
  rustup toolchain install "$RUST_SIZE_NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || fail "could not install Rust $RUST_SIZE_NIGHTLY with rustup (ZHICHENG_STABLE=1 builds without it)."
fi

# The wasm-bindgen CLI must be exactly the library version in Cargo.lock (checked above).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2–3 minutes)"
  # Not --locked: its lock file pins a webpki-roots version the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" \
    || fail "could not install wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io."
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  step "Installing Trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked || fail "could not install Trunk $TRUNK_VERSION from crates.io."
fi

# wasm-split-cli has no --version; cargo's list of installed crates says which one is there.
if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "Installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes)"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --locked --features build-binary \
    || fail "could not install wasm-split-cli $WASM_SPLIT_VERSION from crates.io."
fi

# npm packages: wasm-opt (binaryen, pure wasm) for builds; playwright-core for end-to-end tests.
npm_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [ "$(npm_version binaryen)" != "$BINARYEN_VERSION" ] || [ "$(npm_version playwright-core)" != "$PLAYWRIGHT_CORE_VERSION" ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (binaryen $BINARYEN_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION)"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed; check that the npm registry is reachable."
fi

step "Fetching Rust crates"
cargo fetch --quiet || fail "cargo fetch failed; check that crates.io is reachable."
cargo fetch --quiet --target wasm32-unknown-unknown || fail "cargo fetch (wasm32) failed."
# The release build runs offline, so the crates the standard library depends on are fetched too.
if ! zhicheng_stable; then
  cargo "+$RUST_SIZE_NIGHTLY" fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown \
    || fail "cargo fetch of the standard library's crates failed."
fi

if [ "$profile" = "test" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  # The benchmark's first-visit figure is brotli -q 11 of each file, by the brotli tool.
  command -v brotli >/dev/null || missing+=(brotli)
  # Not `grep -q`: it would stop reading early, and pipefail would count the SIGPIPE as "missing".
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || fail "apt-get update failed."
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "could not install ${missing[*]} with apt-get."
  fi
  # Debian's chromium and chromium-driver are not pinned (scripts/versions.env says why), but
  # chromedriver refuses a browser of another major version.
  chromium_major="$(chromium --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)"
  driver_major="$(chromedriver --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)"
  [ -n "$chromium_major" ] && [ "$chromium_major" = "$driver_major" ] \
    || fail "chromium ($chromium_major) and chromedriver ($driver_major) major versions differ; reinstall both with apt-get."
fi
if [ "$profile" = "test" ] && [ "$(s3s-fs --version 2>/dev/null | awk '{print $2}')" != "$S3S_FS_VERSION" ]; then
  step "Installing s3s-fs $S3S_FS_VERSION, an S3 server for the scaled backend's tests (about 2 minutes)"
  cargo install s3s-fs --version "=$S3S_FS_VERSION" --locked --features binary \
    || fail "could not install s3s-fs $S3S_FS_VERSION from crates.io."
fi
# The example Python backend (examples/python-backend) in a virtual environment of its own,
# with the versions its requirements.txt pins, for the conformance kit and an end-to-end test.
if [ "$profile" = "test" ]; then
  venv="$CARGO_TARGET/example-venv"
  if ! "$venv/bin/pip" freeze 2>/dev/null | sort | cmp -s - <(sort examples/python-backend/requirements.txt); then
    step "Installing the example Python backend's packages (Flask) into $venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed; install Python 3.9 or later with venv."
    "$venv/bin/pip" install --quiet -r examples/python-backend/requirements.txt || fail "pip could not install examples/python-backend/requirements.txt from PyPI."
  fi
fi
step "Set-up complete ($profile)"
