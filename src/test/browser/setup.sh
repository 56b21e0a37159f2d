#!/usr/bin/env bash
# Installs what the browser tests need when missing: Debian's Chromium and playwright-core (npm ci).
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f node_modules/playwright-core/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
