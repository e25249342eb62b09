#!/usr/bin/env bash
# Runs every test (CI runs exactly this through .ci/run):
#   1. the Swift unit and end-to-end tests (swift test);
#   2. the checks of the generated example site with real, independent tools:
#      axe-core in headless Chromium, the Nu HTML Checker, links and sitemaps, screenshots
#      (Tests/e2e/check_site.py), calendar downloads parsed by icalendar, feedparser, csv and
#      jsonschema (check_calendar.py), indicator downloads (check_indicators.py).
# Installs what a fresh Debian machine lacks (apt and PyPI only).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# Tools the Swift tests use (skipped there when absent): LibreOffice and openpyxl write .xlsx
# workbooks, check-jsonschema checks the schemas of schemas/ against the build.
apt_install libreoffice-calc-nogui python3-pip
python3 -m pip install -q openpyxl check-jsonschema >&2 2>/dev/null \
  || python3 -m pip install -q --break-system-packages openpyxl check-jsonschema >&2
echo "==> check-jsonschema: example content against schemas/" >&2
python3 schemas/check_content.py content >&2

echo "==> swift test" >&2
mkdir -p .build
set +e
# Bounded: a test that hangs fails the run in 40 minutes (CI allows 90), naming what never ended.
timeout --kill-after=30s 40m swift test 2>&1 | tee .build/swift-test.log | grep -avE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Write|Linking|Planning|Building|Generating)'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "swift test stopped after 40 minutes; tests started and never ended:" >&2
  grep -aoE '(Test|Suite) [A-Za-z0-9_]+(\(\))? (started|passed|failed)' .build/swift-test.log \
    | awk '{k=$1" "$2} $3=="started"{s[k]=1} $3!="started"{delete s[k]} END{for(k in s) print "  " k}' | sort >&2
fi
[ "$status" -eq 0 ] || { echo "swift test failed" >&2; exit "$status"; }

scripts/e2e.sh
