#!/usr/bin/env bash
# Installs everything and runs every check: build, types, lint, all tests, package checks, bundle
# budgets. The last line is "N passed, N failed" (vitest's own summary is not what CI reads).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh || exit 1
# setup.sh turns errexit on; here every step and the tests report their own failure, and the
# summary line must be printed even when tests fail.
set +e
if ! command -v chromium >/dev/null 2>&1 && [ -x scripts/setup-chromium.sh ]; then bash scripts/setup-chromium.sh; fi

failed_steps=()
step() {
  local name=$1; shift
  echo "::: $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}
step build pnpm build
step typecheck pnpm typecheck
step readme-examples node scripts/check-readme-examples.mjs
step lint pnpm lint
step package-checks pnpm check:pkg
step size pnpm size
step docs pnpm run docs
step edge node scripts/check-edge.mjs
echo "::: tests"
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.vitest.json
tests_rc=$?
[ $tests_rc -eq 0 ] || failed_steps+=("tests")
if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; fi
node -e '
  let r = { numPassedTests: 0, numFailedTests: 0 };
  try { r = require("./.vitest.json"); } catch {}
  const stepsFailed = Number(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + stepsFailed} failed`);
' "$(( ${#failed_steps[@]} - (tests_rc != 0 ? 1 : 0) ))"
[ ${#failed_steps[@]} -eq 0 ]
