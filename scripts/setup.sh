#!/usr/bin/env bash
# Installs what the repo needs on a machine that has only Node 20 and npm: pnpm (exactly the
# pinned version) and the workspace's dependencies. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION"
fi
# better-sqlite3 compiles from source here; node-gyp must use the local Node headers (no internet).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export CI="${CI:-true}"
pnpm install --frozen-lockfile
