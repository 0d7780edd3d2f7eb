# Shared environment for the scripts (sourced from the repository root): the pinned versions,
# local tools first on PATH, Trunk quiet and offline.
source scripts/versions.env
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# Where cargo puts its builds (the receiver's binary is run from there).
CARGO_TARGET="${CARGO_TARGET_DIR:-target}"
# ZHICHENG_STABLE=1 (or `scripts/build-release.sh --stable`): build the release bundle with the
# pinned stable Rust only, for a machine whose nightly is broken; see scripts/build-release.sh.
zhicheng_stable() { case "${ZHICHENG_STABLE:-}" in "" | 0 | false | no) return 1 ;; *) return 0 ;; esac; }
