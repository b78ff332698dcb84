#!/usr/bin/env bash
# Installs everything, builds the packages and runs the Node quick start against an embedded dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
pnpm build >/dev/null
pnpm --filter @janua/example-node-quickstart start
