#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build Transparence. Sourced by build.sh and test.sh.
# Idempotent: each step checks before it installs.
set -euo pipefail

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ "$APT_UPDATED" -eq 0 ]; then
    echo "==> apt-get update" >&2
    $sudo apt-get update -qq >&2
    APT_UPDATED=1
  fi
  echo "==> apt-get install ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH"
  done
fi
command -v swift >/dev/null 2>&1 || { echo "Swift 6 toolchain not found (expected on PATH or in /opt/swift)." >&2; exit 1; }

apt_install libcmark-dev pkg-config
