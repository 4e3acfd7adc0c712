#!/usr/bin/env bash
# The README's test command: installs missing system libraries (and chromium, wrk for the browser tests and
# benchmarks), builds everything, runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash compose/setup.sh --test
swift build --build-tests
swift test --skip-build
