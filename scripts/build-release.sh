#!/usr/bin/env bash
# Builds the release bundle into dist/, as small as the toolchain can make it.
# The bundle has a 250 KB gzip budget (issue #2). Stable Rust links the standard library's panic
# and formatting machinery into every wasm module; a pinned nightly rebuilds the standard library
# without it (the technique the Leptos book recommends for binary size): panics abort at once,
# without a message, and `{:?}` output is empty. Native and browser tests still run on stable,
# where panics keep their messages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export RUSTUP_TOOLCHAIN="$RUST_SIZE_NIGHTLY"
export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
# RUSTFLAGS replaces the target rustflags of .cargo/config.toml, so the cfg is repeated here.
export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
exec trunk build --release "$@"
