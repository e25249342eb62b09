#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build Transparence. Sourced by build.sh and test.sh.
# Idempotent: each step checks before it installs.
set -euo pipefail

APT_UPDATED=0
# Another apt-get or dpkg (unattended-upgrades, a parallel set-up) may hold the package manager's
# locks on a fresh machine. DPkg::Lock::Timeout makes apt-get wait for the dpkg locks; apt 2.6 has
# no such wait for the lists lock of `apt-get update`, so apt_get also retries a run that failed
# only because a lock was taken, until APT_LOCK_WAIT seconds have passed.
APT_LOCK_WAIT="${APT_LOCK_WAIT:-600}"
apt_get() {
  local sudo="" log status started=$SECONDS
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log="$(mktemp)"
  while :; do
    status=0
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" >&2 2>"$log" || status=$?
    cat "$log" >&2
    if [ "$status" -ne 0 ] && grep -qE 'Could not get lock|Unable to lock' "$log" \
       && [ $((SECONDS - started)) -lt "$APT_LOCK_WAIT" ]; then
      echo "==> apt-get $1: a package manager lock is held by another process, retrying in 5 s" >&2
      sleep 5
      continue
    fi
    rm -f "$log"
    return "$status"
  done
}
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$APT_UPDATED" -eq 0 ]; then
    echo "==> apt-get update" >&2
    apt_get update -qq
    APT_UPDATED=1
  fi
  echo "==> apt-get install ${missing[*]}" >&2
  apt_get install -y -qq "${missing[@]}"
}

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH"
  done
fi
command -v swift >/dev/null 2>&1 || { echo "Swift 6 toolchain not found (expected on PATH or in /opt/swift)." >&2; exit 1; }

apt_install libcmark-dev pkg-config
