# Shared environment for the scripts: local tools first on PATH, Trunk quiet and offline.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# The pinned nightly that builds the size-optimised release bundle (scripts/build-release.sh).
export SIZE_TOOLCHAIN="nightly-2026-05-20"
