#!/usr/bin/env bash
# The browser suite (playwright-core driving Debian's Chromium, axe-core on every page) against
# an already-built danvan binary. Installs what is missing: Chromium with apt-get, the npm
# packages with `npm ci`. Ends with the line "e2e: N passed, N failed"; exits non-zero on failure.
#
#   CARGO_TARGET_DIR=/root/.cache/danvan-target cargo build -p danvan && bash e2e/run.sh
#
# DANVAN_BIN overrides the binary (default $CARGO_TARGET_DIR/debug/danvan); CHROMIUM_BIN the
# browser (default /usr/bin/chromium). Screenshots and the server log go to e2e/artifacts/.
set -uo pipefail

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/danvan-target}"
export DANVAN_BIN="${DANVAN_BIN:-$CARGO_TARGET_DIR/debug/danvan}"
# A relative path means one from where the script was called.
case "$DANVAN_BIN" in /*) ;; *) DANVAN_BIN="$PWD/$DANVAN_BIN" ;; esac
cd "$(dirname "$0")"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
# playwright-core never downloads a browser; say so for any tool that might.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

fail_early() {
  echo "e2e: $1" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
}

command -v node >/dev/null && command -v npm >/dev/null || fail_early "needs Node.js 20+ and npm on PATH"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  fail_early "needs Node.js 20+ (found $(node --version))"

if [ ! -x "$CHROMIUM_BIN" ]; then
  echo "== e2e: installing chromium"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
    fail_early "could not install chromium"
fi
"$CHROMIUM_BIN" --version 2>/dev/null || fail_early "$CHROMIUM_BIN does not run"
# Debian's fonts-liberation lacks Vietnamese letters; its successor has them (and the printed
# slips ask for Liberation Serif).
if [ ! -d /usr/share/fonts/truetype/liberation2 ]; then
  echo "== e2e: installing fonts-liberation2"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation2 >/dev/null; } ||
    fail_early "could not install fonts-liberation2"
fi

if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/package.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== e2e: npm ci"
  npm ci --no-audit --no-fund || fail_early "npm ci failed"
fi

[ -x "$DANVAN_BIN" ] || fail_early "$DANVAN_BIN is missing: build it first (cargo build -p danvan)"

rm -rf artifacts
mkdir -p artifacts
tap=$(mktemp)
start=$(date +%s)
# One test file, one server, tests in order (the workflow test uses the petition the form test
# recorded). spec to the console for people, TAP to a file for the count.
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  tests/
status=$?
passed=$(awk '/^# pass [0-9]+$/ { n = $3 } END { print n + 0 }' "$tap")
failed=$(awk '/^# (fail|cancelled) [0-9]+$/ { n += $3 } END { print n + 0 }' "$tap")
rm -f "$tap"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # node itself failed (a crash, a hook that threw before any test ran)
fi
echo "e2e: screenshots in e2e/artifacts/ ($(ls artifacts/*.png 2>/dev/null | wc -l) files), $(( $(date +%s) - start )) s"
echo "e2e: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
