#!/usr/bin/env bash
# Newsletter benchmark (issue 12): a campaign of N recipients sent by `warta worker` to Postfix's smtp-sink, DKIM
# rsa-sha256 (the default) and then ed25519; messages/s and the worker's peak RSS. The floor, in the same run, is
# Postfix's own smtp-source blasting the same sink with as many connections. Then a run with the worker killed by
# SIGKILL halfway and restarted: lost (must be 0) and repeated (at most the batch in flight).
#
#   bench/mail.sh                          # 100,000 recipients, SQLite
#   BENCH_MAIL_RECIPIENTS=20000 bench/mail.sh
#
# Knobs: BENCH_SKIP_BUILD=1, BENCH_BIN (another warta binary), BENCH_SINK_PORT (default 25250), BENCH_OUT (results,
# default bench/BENCHMARKS.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${BENCH_MAIL_RECIPIENTS:-100000}
SINK_PORT=${BENCH_SINK_PORT:-25250}
OUT=${BENCH_OUT:-$ROOT/bench/BENCHMARKS.md}
SCRATCH=$ROOT/.build-release
BIN=${BENCH_BIN:-$SCRATCH/release/warta}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/warta-mail-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

[ -x /usr/sbin/smtp-sink ] || { echo "smtp-sink missing: run scripts/deps.sh --bench" >&2; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ] && [ -z "${BENCH_BIN:-}" ]; then
    swift build -c release --product warta --scratch-path "$SCRATCH" >&2
fi

/usr/sbin/smtp-sink -u nobody 127.0.0.1:$SINK_PORT 1024 & PIDS+=($!)
sleep 0.5

# A fresh database with one campaign body and N queued copies, written straight into the outbox tables.
prepare() {
    local algorithm=$1
    export WARTA_SQLITE_PATH=$WORK/$algorithm.sqlite
    rm -f "$WARTA_SQLITE_PATH"*
    "$BIN" migrate >/dev/null
    "$BIN" dkim generate --selector bench --algorithm "$algorithm" >/dev/null
    "$PY" "$ROOT/bench/mail_seed.py" "$WARTA_SQLITE_PATH" "$N"
}

sent() { "$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM mail_outbox WHERE state='sent'\").fetchone()[0])" "$WARTA_SQLITE_PATH"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_worker() {
    WARTA_SMTP_URL="smtp://127.0.0.1:$SINK_PORT?starttls=off" WARTA_SITE_URL=https://warta.example \
        WARTA_MAIL_FROM="Warta <redaksi@warta.example>" WARTA_LOG_LEVEL=error "$BIN" worker --lease-seconds 10 \
        >/dev/null 2>"$WORK/worker.log" &
    echo $!
}

# Sends everything; prints "seconds peak_rss_mb".
run_until_sent() {
    local pid start now count peak=0 rss
    start=$(date +%s.%N)
    pid=$(start_worker); PIDS+=("$pid")
    while :; do
        rss=$(hwm "$pid"); [ "$rss" -gt "$peak" ] && peak=$rss
        count=$(sent)
        [ "$count" -ge "$N" ] && break
        kill -0 "$pid" 2>/dev/null || { echo "worker died:" >&2; cat "$WORK/worker.log" >&2; exit 1; }
        sleep 0.2
    done
    now=$(date +%s.%N)
    rss=$(hwm "$pid"); [ "$rss" -gt "$peak" ] && peak=$rss
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    echo "$(echo "$now - $start" | bc -l) $peak"
}

floor() {
    local start end
    start=$(date +%s.%N)
    /usr/sbin/smtp-source -s 4 -m "$N" -l 6000 -f redaksi@warta.example -t r@x.example 127.0.0.1:$SINK_PORT
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

declare -A RATE RSS
for algorithm in rsa ed25519; do
    prepare "$algorithm"
    read -r seconds peak < <(run_until_sent)
    RATE[$algorithm]=$(echo "$N / $seconds" | bc)
    RSS[$algorithm]=$peak
    echo "$algorithm: $N messages in $seconds s = ${RATE[$algorithm]}/s, peak RSS $peak MiB" >&2
done
floor_seconds=$(floor)
FLOOR=$(echo "$N / $floor_seconds" | bc)
echo "floor (smtp-source, 4 sessions): $FLOOR/s" >&2

# Killed halfway: SIGKILL once half is sent, then a fresh worker finishes.
prepare rsa
pid=$(start_worker); PIDS+=("$pid")
while [ "$(sent)" -lt $((N / 2)) ]; do sleep 0.1; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
at_kill=$(sent)
read -r _ _ < <(run_until_sent)
read -r lost repeated < <("$PY" -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
lost = db.execute(\"SELECT COUNT(*) FROM mail_outbox WHERE state <> 'sent'\").fetchone()[0]
repeated = db.execute('SELECT COUNT(*) FROM mail_outbox WHERE attempts > 1').fetchone()[0]
print(lost, repeated)" "$WARTA_SQLITE_PATH")
echo "kill -9 at $at_kill sent: lost $lost, repeated at most $repeated" >&2

{
    echo
    echo "## Newsletter: $N recipients to smtp-sink, $(date -u +%Y-%m-%d) at $(git -C "$ROOT" rev-parse --short HEAD)"
    echo
    echo "Command: \`BENCH_MAIL_RECIPIENTS=$N bench/mail.sh\` (SQLite, one \`warta worker\`, 4 SMTP connections, batches of 200)."
    echo
    echo "| run | messages/s | peak RSS | vs floor |"
    echo "|---|---:|---:|---:|"
    echo "| DKIM rsa-sha256 (2048) | ${RATE[rsa]} | ${RSS[rsa]} MiB | $(echo "scale=2; ${RATE[rsa]} / $FLOOR" | bc) |"
    echo "| DKIM ed25519-sha256 | ${RATE[ed25519]} | ${RSS[ed25519]} MiB | $(echo "scale=2; ${RATE[ed25519]} / $FLOOR" | bc) |"
    echo "| floor: Postfix smtp-source, 4 sessions, same sink | $FLOOR | — | 1 |"
    echo
    echo "Killed with SIGKILL at $at_kill of $N sent, then restarted: lost $lost, repeated at most $repeated (rows tried"
    echo "twice; the claimed batch in flight at the kill)."
} >>"$OUT"
