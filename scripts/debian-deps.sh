#!/usr/bin/env bash
# Debian packages the test suite uses: espeak-ng and sox synthesise test calls, chromium runs the
# browser tests (with a CJK font for Chinese screens), redis-server and postgresql are the real bus and database the tests start.
# Installs only what is missing, so a second run costs nothing.
set -euo pipefail
packages=(espeak-ng sox chromium fonts-wqy-microhei redis-server postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
