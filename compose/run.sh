#!/usr/bin/env bash
# The README's run command (the main job): installs missing system libraries, builds in release mode, starts every
# service under the `kechuang up` supervisor, feeds the seed report and a generated sample data set, shows live
# metric updates, then says what to try next. The system keeps running afterwards; stop it with `kechuang down`
# (the command is printed). Ctrl-C while this script runs stops everything.
#
# Environment: KECHUANG_HOME (default ./.kechuang-demo), KECHUANG_RUN_DIR (default a short /tmp path, because
# ipc:// socket paths are limited to 107 bytes), DEMO_ENTERPRISES (default 300), DEMO_SEED (default 2024),
# DEMO_WATCH_SECONDS (default 20), KEEP_RUNNING=0 to stop everything at the end.
# Needs: a Swift 6 toolchain; libzmq3-dev and libsqlite3-dev are installed by compose/setup.sh when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

bash compose/setup.sh

# KECHUANG_BUILD=debug and KECHUANG_SCRATCH_PATH=<dir> are for developers re-running the demo quickly.
configuration="${KECHUANG_BUILD:-release}"
build_flags=(-c "$configuration")
[ -n "${KECHUANG_SCRATCH_PATH:-}" ] && build_flags+=(--scratch-path "$KECHUANG_SCRATCH_PATH")
echo "==> swift build ${build_flags[*]}" >&2
swift build "${build_flags[@]}"
bin="$(swift build "${build_flags[@]}" --show-bin-path)"
kechuang="$bin/kechuang"

export KECHUANG_HOME="${KECHUANG_HOME:-$root/.kechuang-demo}"
export KECHUANG_RUN_DIR="${KECHUANG_RUN_DIR:-/tmp/kechuang-$(id -u)}"
export KECHUANG_BIN_DIR="$bin"
mkdir -p "$KECHUANG_HOME"
enterprises="${DEMO_ENTERPRISES:-300}"
seed="${DEMO_SEED:-2024}"
watch_seconds="${DEMO_WATCH_SECONDS:-20}"
keep_running="${KEEP_RUNNING:-1}"
ready_file="$KECHUANG_HOME/up.ready"
up_log="$KECHUANG_HOME/up.log"
rm -f "$ready_file"

if "$kechuang" status --request-timeout 1 >/dev/null 2>&1; then
    echo "==> Kechuang is already running (home $KECHUANG_HOME); reusing it" >&2
    up_pid=""
else
    echo "==> starting the services: kechuang up (log $up_log)" >&2
    # setsid: the supervisor survives this script and the terminal; `kechuang down` stops it.
    setsid "$kechuang" up --ready-file "$ready_file" >"$up_log" 2>&1 < /dev/null &
    up_pid=$!
    # Wait for readiness: the supervisor writes the ready file once every service announced readiness.
    for _ in $(seq 1 600); do
        [ -f "$ready_file" ] && break
        if ! kill -0 "$up_pid" 2>/dev/null; then
            echo "kechuang up exited before the services were ready; its log:" >&2
            tail -n 40 "$up_log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if [ ! -f "$ready_file" ]; then
        echo "services not ready after 60 s; see $up_log and $KECHUANG_HOME/logs/" >&2
        exit 1
    fi
fi

watch_pid=""
cleanup() {
    [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null || true
}
stop_all() {
    cleanup
    echo >&2
    echo "==> stopping (kechuang down)" >&2
    "$kechuang" down || true
    exit 130
}
trap stop_all INT TERM
trap cleanup EXIT

"$kechuang" status || true

echo "==> live metric updates (kechuang watch), started before the feed" >&2
# (its one readiness line on stderr is for scripts; keep the terminal for the updates themselves)
"$kechuang" watch --timeout "$((watch_seconds + 60))" 2> >(grep -v '"event":"ready"' >&2) &
watch_pid=$!

report="$(cd "$root/.." && pwd)/shared/fixtures/reports/zhangjiagang-2024.txt"
[ -f "$report" ] || report="$root/docs/examples/zhangjiagang-2024.txt"
sample_dir="$KECHUANG_HOME/sample-data"
"$kechuang" sample-data --enterprises "$enterprises" --seed "$seed" "$sample_dir" >&2

echo "==> kechuang feed $report" >&2
"$kechuang" feed --report-year 2024 "$report" || echo "(some documents were rejected; see above)" >&2
echo "==> kechuang feed $sample_dir" >&2
"$kechuang" feed --progress "$sample_dir" || echo "(some documents were rejected; see above)" >&2

sleep "$watch_seconds"
cleanup
watch_pid=""

echo
"$kechuang" metrics --program tech_loan || true
echo
echo "==> innovation points: the top of one ranking, and one enterprise looked up (一键可查)" >&2
"$kechuang" ranking --scheme innovation-points-2025 --top 5 || true
first="$("$kechuang" ranking --scheme innovation-points-2025 --top 1 --format json 2>/dev/null \
    | sed -n 's/.*"subjectID":"\([^"]*\)".*/\1/p' | head -n 1)"
[ -n "$first" ] && { "$kechuang" subject "$first" || true; }
cat <<TRY

Kechuang 科创 is running (home $KECHUANG_HOME, sockets $KECHUANG_RUN_DIR). Try next:
  export KECHUANG_HOME="$KECHUANG_HOME" KECHUANG_RUN_DIR="$KECHUANG_RUN_DIR"
  $kechuang status                      # each service's status
  $kechuang metrics --period 2024       # current indicator values (当前指标)
  $kechuang watch loan                  # live updates of the 科技贷 family (Ctrl-C to stop)
  $kechuang ranking --top 10            # innovation points ranking per cohort (积分排名)
  $kechuang subject 张家港 / <credit code> # one subject: points, grade, rank, 高企 assessment (一键可查)
  $kechuang explain <credit code>       # why it has those points
  $kechuang extract $report --format table
  $kechuang feed docs/examples/         # feed more documents
  tail -f $KECHUANG_HOME/logs/*.log
  $kechuang down                        # stop everything
TRY

if [ "$keep_running" = "0" ]; then
    "$kechuang" down
fi
