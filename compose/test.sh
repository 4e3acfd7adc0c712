#!/usr/bin/env bash
# The README's test command: installs missing system libraries, builds everything, runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash compose/setup.sh
swift build --build-tests
swift test --skip-build
