#!/usr/bin/env bash
# Installs the system libraries Kechuang builds against when they are missing (Debian/Ubuntu).
# Sourced by compose/run.sh and compose/test.sh; safe to run on its own.
# With --test (compose/test.sh, hence CI) it also installs what the tests and benchmarks drive from outside:
# Debian's headless `chromium` (WebBrowserTests; skipped when it is missing) and `wrk` (kechuang-benchmarks web).
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists libzmq 2>/dev/null || need+=(libzmq3-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
# pdftotext converts PDF reports (kechuang-ingest convert-document --format pdf).
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ "${1:-}" = "--test" ]; then
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    # a CJK font, or the screenshots show boxes for every Chinese character
    fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-zenhei)
    command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi
if [ "${#need[@]}" -gt 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
# pyzmq runs the Python example subscriber in docs/examples (its test reports clearly if it is missing).
if ! python3 -c 'import zmq' >/dev/null 2>&1; then
    python3 -m pip install --quiet pyzmq >/dev/null 2>&1 || echo "setup: pyzmq could not be installed" >&2
fi
