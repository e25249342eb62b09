#!/usr/bin/env bash
# Runs every test: Swift unit and end-to-end tests, then the checks of the generated example site
# with real tools (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "==> swift test"
swift test 2>&1 | tee .build/swift-test.log | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Write|Linking)' || { tail -50 .build/swift-test.log; exit 1; }
grep -qE "Test run with [0-9]+ tests? .*passed|Executed [0-9]+ tests?, with 0 failures" .build/swift-test.log
