#!/usr/bin/env bash
# Debian packages the test suite uses: espeak-ng and sox synthesise test calls, chromium runs the
# browser tests (with a CJK font for Chinese screens), redis-server and postgresql are the real bus and database the tests start.
# Installs only what is missing, so a second run costs nothing. Run it as root (a fresh container has
# no sudo) or as a user with sudo: it asks for root only to install, and only when it is not root.
set -euo pipefail
packages=(espeak-ng sox chromium fonts-wqy-microhei redis-server postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "scripts/debian-deps.sh: installing ${missing[*]} needs root: run this script as root, or install sudo" >&2
    exit 1
  fi
  as_root=(sudo)
fi
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
