#!/usr/bin/env bash
# Builds the release bundle into dist/ and the portal widget's bundle into dist/widget/ (the app
# with the `widget` feature, widget/index.html; docs/embedding.md). Extra arguments go to
# `trunk build`, e.g. --dist DIR (the widget then goes to DIR/widget).
#
#   scripts/build-release.sh            the bundle applicants get: as small as the toolchain can
#                                       make it, with the pinned nightly (RUST_SIZE_NIGHTLY)
#   scripts/build-release.sh --stable   the pinned stable Rust only (RUST_STABLE): no nightly, no
#                                       rebuilt standard library; for a machine whose nightly is
#                                       broken. Same as ZHICHENG_STABLE=1. Larger (see below).
#
# Every applicant downloads the bundle, so the default rebuilds the standard library with the
# release profile and without its panic and formatting machinery (the technique the Leptos book
# recommends for binary size): panics abort at once, without a message, and `{:?}` prints nothing.
# Native tests, browser tests and `trunk serve` stay on stable, with full panic messages.
#
# The size flags, all of them here (`--cfg erase_components` is in .cargo/config.toml, for every
# wasm build). What each saves: the growth of brotli -q 11 / gzip -9 of dist's wasm + js + css
# when only that flag is left out (scripts/measure-release-flags.sh, 2026-12-01; the bundle with
# all of them: 415.7 KB brotli / 538.2 KB gzip):
#   name               flag                                        saves (brotli / gzip)
#   build-std          -Zbuild-std=std,panic_abort                 34.9 KB / 49.0 KB *
#   optimize_for_size  -Zbuild-std-features=optimize_for_size       9.6 KB / 15.3 KB
#   immediate-abort    -Zunstable-options -Cpanic=immediate-abort  16.2 KB / 21.5 KB
#   fmt-debug          -Zfmt-debug=none                             3.3 KB /  4.0 KB
#   all of the above, against `--stable`                           40.9 KB / 58.2 KB
#   erase_components   --cfg erase_components (.cargo/config.toml) 44.8 KB / 58.6 KB **
# *  without build-std, optimize_for_size and immediate-abort go too (they need it).
# ** measured by hand (RUSTFLAGS replacing the config's flags); the stable build has it too.
#   split              --cfg zhicheng_split -Clink-args=--emit-relocs: the screens a first visit
#                      does not need as chunks loaded on demand (README, "What keeps the bundle
#                      small"); 109 KB brotli off the first visit (2026-12-03)
# Dropped: -Zlocation-detail=none (0.1 KB brotli, and 0.1 KB *larger* gzip, once immediate-abort
# removes panic messages; it only paid without immediate-abort). KB = 1024 bytes.
# ZHICHENG_RELEASE_WITHOUT="name …" leaves named flags out; the measuring script uses it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

trunk_args=()
dist=dist
previous=
for arg in "$@"; do
  case "$arg" in
    --stable) export ZHICHENG_STABLE=1 ;;
    *) trunk_args+=("$arg") ;;
  esac
  [ "$previous" != --dist ] || dist="$arg"
  case "$arg" in --dist=*) dist="${arg#--dist=}" ;; esac
  previous="$arg"
done

# The standalone app first (its build replaces the whole of $dist), then the widget beside it.
build_both() {
  trunk build --release ${trunk_args[@]+"${trunk_args[@]}"}
  # The app's module as compiled, with its names, for scripts/size-breakdown.sh (the widget's
  # build next overwrites cargo's copy).
  mkdir -p "$CARGO_TARGET/size"
  cp "$CARGO_TARGET/wasm32-unknown-unknown/release/zhicheng.wasm" "$CARGO_TARGET/size/app.wasm"
  echo "==> The portal widget's bundle, into $dist/widget"
  trunk build widget/index.html --release --dist "$dist/widget"
}

# The screens a first visit does not need become chunks loaded on demand (src/ui/on_demand.rs):
# the cfg turns their functions into split points, and the relocations let wasm-split-cli cut the
# module there (scripts/split-wasm.mjs, from the post-build hook).
split_flags=(--cfg zhicheng_split -Clink-args=--emit-relocs)

# RUSTFLAGS would replace the rustflags of .cargo/config.toml (and so drop erase_components);
# the flags below are added to them instead, through cargo's per-target variable.
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_UNSTABLE_BUILD_STD CARGO_UNSTABLE_BUILD_STD_FEATURES

if zhicheng_stable; then
  echo "==> Release build with stable Rust $RUST_STABLE (--stable: larger, panics keep their messages)"
  export RUSTUP_TOOLCHAIN="$RUST_STABLE"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${split_flags[*]}"
  build_both
  exit
fi

export RUSTUP_TOOLCHAIN="$RUST_SIZE_NIGHTLY"
without=" ${ZHICHENG_RELEASE_WITHOUT:-} "
wanted() { [[ "$without" != *" $1 "* ]]; }
flags=(-Zunstable-options)
wanted split && flags+=("${split_flags[@]}")
if wanted build-std; then
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  wanted optimize_for_size && export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
  wanted immediate-abort && flags+=(-Cpanic=immediate-abort)
fi
wanted fmt-debug && flags+=(-Zfmt-debug=none)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${flags[*]}"
echo "==> Release build with $RUST_SIZE_NIGHTLY: std rebuilt (${CARGO_UNSTABLE_BUILD_STD:-no}, features ${CARGO_UNSTABLE_BUILD_STD_FEATURES:-default}), ${flags[*]}"
build_both
