#!/usr/bin/env bash
# Builds the example site into public/ (installs what is missing first).
# Extra arguments go to `transparence build`, e.g. `scripts/build.sh --entity seqens --output dist/seqens`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# Both binaries: `transparence serve` runs `transparence-serve`, found beside it.
swift build -c release >&2
exec .build/release/transparence build "$@"
