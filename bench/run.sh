#!/usr/bin/env bash
# Load benchmark (DESIGN.md §4): warta's page-cache hit and miss paths against nginx serving the
# same article bytes as a static file, in one run. Appends a dated section to bench/BENCHMARKS.md.
#
#   make bench                                   # full run: 100,000 articles, 20 s per wrk run
#   BENCH_ARTICLES=5000 BENCH_DURATION=5 bench/run.sh   # quick run
#
# Other knobs: BENCH_WARMUP (s, default 5), BENCH_ROUNDS (default 1: rounds of warta hit → bare → nginx 1 worker →
# nginx 2 workers, interleaved; the table shows medians, which tames a noisy machine), BENCH_SKIP_BUILD=1 (use the existing release binary),
# BENCH_WARTA_PORT / BENCH_NGINX_PORT (default 18080 / 18081), BENCH_PG=0 (skip the PostgreSQL miss run; its private
# cluster uses BENCH_PG_PORT, default 55434), BENCH_KEEP=1 (keep the temp dir),
# BENCH_OUT (results file, default bench/BENCHMARKS.md), BENCH_BIN (another warta binary, for smoke tests).
#
# Client: wrk -t2 -c32 --latency --timeout 10s (slow misses are measured, not dropped) with `Accept-Encoding: gzip` on both servers, so both send the
# same gzip -9 bytes of the same page (what browsers get). Everything started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${BENCH_DURATION:-20}
ARTICLES=${BENCH_ARTICLES:-100000}
WARMUP=${BENCH_WARMUP:-5}
ROUNDS=${BENCH_ROUNDS:-1}
WARTA_PORT=${BENCH_WARTA_PORT:-18080}
NGINX_PORT=${BENCH_NGINX_PORT:-18081}
OUT=${BENCH_OUT:-$ROOT/bench/BENCHMARKS.md}
SCRATCH=$ROOT/.build-release
BIN=${BENCH_BIN:-$SCRATCH/release/warta}
BARE_BIN=$SCRATCH/release/warta-bench-bare
BARE_PORT=${BENCH_BARE_PORT:-18082}
PG_PORT=${BENCH_PG_PORT:-55434}
WRK=(wrk -t2 -c32 --latency --timeout 10s -H 'Accept-Encoding: gzip')

WORK=$(mktemp -d /tmp/warta-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and must read the static file
WARTA_PID=""
NGINX_PID=""
BARE_PID=""
PG_URL=""
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_pid() {  # stop one process we started, by id
    local pid=$1
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop_pid "$WARTA_PID"
    stop_pid "$NGINX_PID"
    stop_pid "$BARE_PID"
    [ -z "$PG_URL" ] || WARTA_PG_PORT=$PG_PORT WARTA_PG_DIR=$WORK/pg bash "$ROOT/scripts/pg.sh" stop
    if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }
wait_http() {  # URL, seconds
    local deadline=$((SECONDS + $2))
    until curl -sf -o /dev/null --max-time 1 "$1"; do
        [ $SECONDS -lt $deadline ] || { log "no answer from $1"; return 1; }
        sleep 0.05
    done
}

for tool in wrk nginx curl gzip python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make bench installs it)" >&2; exit 1; }
done
for port in "$WARTA_PORT" "$NGINX_PORT" "$BARE_PORT"; do
    port_free "$port" || { echo "bench: port $port is in use" >&2; exit 1; }
done

# --- build -------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building release (scratch path $SCRATCH)"
    for product in warta warta-bench-bare; do
        (cd "$ROOT" && swift build -c release --product "$product" --scratch-path "$SCRATCH") >>"$WORK/build.log" 2>&1 \
            || { tail -30 "$WORK/build.log" >&2; exit 1; }
    done
fi
[ -x "$BIN" ] || { echo "bench: $BIN not found" >&2; exit 1; }

# --- seed --------------------------------------------------------------------------------------
DB=$WORK/warta.sqlite
export WARTA_SQLITE_PATH=$DB WARTA_HOST=127.0.0.1 WARTA_PORT=$WARTA_PORT
unset DATABASE_URL WARTA_PAGE_CACHE_MB WARTA_THREADS
"$BIN" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
log "seeding $ARTICLES articles"
seed_start=$(date +%s.%N)
ARTICLE_PATH=$(python3 "$ROOT/bench/seed.py" "$DB" --articles "$ARTICLES" 2>"$WORK/seed.log" | tail -1)
seed_secs=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
cat "$WORK/seed.log" >&2
# The seed leaves ~1 GB of dirty pages; their write-back would land in the first measured round.
sync
DB_MB=$(( $(stat -c %s "$DB") / 1048576 ))
WARTA_URL="http://127.0.0.1:$WARTA_PORT$ARTICLE_PATH"
NGINX_URL="http://127.0.0.1:$NGINX_PORT$ARTICLE_PATH"

# --- helpers -----------------------------------------------------------------------------------
start_warta() {  # extra env assignments...
    env "$@" "$BIN" serve >>"$WORK/warta.log" 2>&1 &
    WARTA_PID=$!
    wait_http "http://127.0.0.1:$WARTA_PORT/healthz" 60
}
stop_warta() { stop_pid "$WARTA_PID"; WARTA_PID=""; }

rss() {  # "VmRSS / VmHWM" in MiB of a pid
    awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.1f %.1f", r/1024, h/1024}' "/proc/$1/status"
}

metric() {  # value of a warta counter from /metrics (0 when absent)
    curl -s "http://127.0.0.1:$WARTA_PORT/metrics" | awk -v m="$1" '$1 ~ m {v += $2} END {print v + 0}'
}

# wrk's output → "req/s p99_ms errors"; p99 converted from us/ms/s to ms.
parse_wrk() {
    awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                  p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : (unit == "m") ? v * 60000 : v }
        /Non-2xx or 3xx responses:/ { errors += $5 }
        /Socket errors:/ { errors += $4 + $6 + $8 + $10 }
        END { printf "%.0f %.2f %d", rps, p99, errors }' "$1"
}

bench() {  # name url [extra wrk arguments…] → sets RESULT="req/s p99 errors"; raw output in $WORK/wrk-name.txt
    local name=$1 url=$2
    shift 2
    log "warm-up ${WARMUP}s: $name"
    "${WRK[@]}" "$@" -d"${WARMUP}s" "$url" >"$WORK/wrk-$name-warmup.txt"
    log "wrk ${DURATION}s: $name"
    "${WRK[@]}" "$@" -d"${DURATION}s" "$url" >"$WORK/wrk-$name.txt"
    RESULT=$(parse_wrk "$WORK/wrk-$name.txt")
    log "$name: req/s p99(ms) errors = $RESULT"
}

# An editor's session: signed-in staff get the article page rendered for them (never from the page cache).
"$BIN" user create --email bench-editor@example.com --name "Bench Editor" --role editor --password-stdin \
    <<<"bench-editor-password" >"$WORK/user.log" 2>&1 || { cat "$WORK/user.log" >&2; exit 1; }
sign_in() {  # → prints the Cookie header value of a fresh editor session
    local jar=$WORK/cookies.txt token
    rm -f "$jar"
    token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$WARTA_PORT/admin/signin" \
        | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    [ -n "$token" ] || { echo "bench: no CSRF token on the sign-in page" >&2; return 1; }
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$token" \
        --data-urlencode "email=bench-editor@example.com" --data-urlencode "password=bench-editor-password" \
        "http://127.0.0.1:$WARTA_PORT/admin/signin"
    awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}

# --- warta (page cache on): the page, its bytes and weight --------------------------------------------------------------------------
log "starting warta (page cache on, default size)"
start_warta
status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' "$WARTA_URL")
[ "$status" = 200 ] || { echo "bench: $WARTA_URL answered $status" >&2; exit 1; }
curl -s -D "$WORK/headers-warta.txt" -H 'Accept-Encoding: gzip' -o "$WORK/page.warta.gz" "$WARTA_URL"
grep -qi '^content-encoding: gzip' "$WORK/headers-warta.txt" || { echo "bench: warta sent no gzip" >&2; exit 1; }
gzip -dc "$WORK/page.warta.gz" | cmp -s - "$WORK/page.html" \
    || { echo "bench: warta's gzip and plain pages differ" >&2; exit 1; }
# Page weight: the gzip response as sent + the stylesheet at gzip -9.
CSS_PATH=$({ grep -o '/assets/site\.[0-9a-zA-Z]*\.css' "$WORK/page.html" || true; } | head -1)
[ -n "$CSS_PATH" ] || { echo "bench: no /assets/site.<hash>.css link in the page" >&2; exit 1; }
curl -sf -D "$WORK/headers-css.txt" -H 'Accept-Encoding: gzip' -o "$WORK/site.css.wire" \
    "http://127.0.0.1:$WARTA_PORT$CSS_PATH"
if grep -qi '^content-encoding: gzip' "$WORK/headers-css.txt"; then
    CSS_WIRE_NOTE="served gzip"; gzip -dc "$WORK/site.css.wire" >"$WORK/site.css"
else
    CSS_WIRE_NOTE="served uncompressed"; cp "$WORK/site.css.wire" "$WORK/site.css"
fi
HTML_BYTES=$(stat -c %s "$WORK/page.html")
HTML_GZ=$(stat -c %s "$WORK/page.warta.gz")
CSS_BYTES=$(stat -c %s "$WORK/site.css")
CSS_GZ=$(gzip -9 -c "$WORK/site.css" | wc -c)
CSS_WIRE=$(stat -c %s "$WORK/site.css.wire")
# Executable scripts only: the schema.org JSON-LD block is data, not JavaScript.
SCRIPTS=$({ grep -oi '<script[^>]*>' "$WORK/page.html" || true; } | { grep -vic 'application/ld+json' || true; })
FONTS=$({ cat "$WORK/page.html" "$WORK/site.css" | grep -oi '@font-face\|\.woff2\?' || true; } | wc -l)

# --- nginx, same bytes as a static file --------------------------------------------------------
WWW=$WORK/www
mkdir -p "$WWW$(dirname "$ARTICLE_PATH")"
cp "$WORK/page.html" "$WWW$ARTICLE_PATH"
gzip -9 -n -c "$WORK/page.html" >"$WWW$ARTICLE_PATH.gz"
NGINX_GZ=$(stat -c %s "$WWW$ARTICLE_PATH.gz")
chmod -R a+rX "$WWW"
mkdir -p "$WORK/nginx-tmp"
run_nginx() {  # workers
    cat >"$WORK/nginx.conf" <<EOF
worker_processes $1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx-tmp;
    default_type "text/html; charset=utf-8";
    gzip_static on;
    gzip_vary on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WWW;
        location / { add_header Cache-Control "public, max-age=60"; }
    }
}
EOF
    nginx -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
    NGINX_PID=$!
    wait_http "$NGINX_URL" 10
    curl -s -H 'Accept-Encoding: gzip' -D "$WORK/headers-nginx.txt" -o "$WORK/page.nginx.gz" "$NGINX_URL"
    cmp -s "$WORK/page.nginx.gz" "$WWW$ARTICLE_PATH.gz" || { echo "bench: nginx is not sending the .gz" >&2; exit 1; }
    bench "nginx-$1w$2" "$NGINX_URL"
    stop_pid "$NGINX_PID"; NGINX_PID=""
}

run_bare() {  # Hummingbird alone, answering with the same gzip bytes from a bare responder
    "$BARE_BIN" "$BARE_PORT" "$WWW$ARTICLE_PATH.gz" >>"$WORK/bare.log" 2>&1 &
    BARE_PID=$!
    wait_http "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH" 30
    curl -s -o "$WORK/page.bare.gz" "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH"
    cmp -s "$WORK/page.bare.gz" "$WWW$ARTICLE_PATH.gz" || { echo "bench: the bare server sends other bytes" >&2; exit 1; }
    bench "bare$1" "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH"
    stop_pid "$BARE_PID"; BARE_PID=""
}

# --- the comparison: warta (hit) and nginx, same page, one after the other ---------------------
# warta stays up (idle while nginx runs); nginx is started for each of its runs.
HIT_RUNS=(); N1_RUNS=(); N2_RUNS=(); BARE_RUNS=()
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
hits_before=$(metric page_cache_hits)
for round in $(seq 1 "$ROUNDS"); do
    suffix=""; [ "$ROUNDS" = 1 ] || suffix="-r$round"
    bench "warta-hit$suffix" "$WARTA_URL"; HIT_RUNS+=("$RESULT")
    [ "$round" = "$ROUNDS" ] && read -r HIT_RSS HIT_HWM <<<"$(rss "$WARTA_PID")"
    run_bare "$suffix"; BARE_RUNS+=("$RESULT")
    run_nginx 1 "$suffix"; N1_RUNS+=("$RESULT")
    run_nginx 2 "$suffix"; N2_RUNS+=("$RESULT")
done
hits_during=$(( $(metric page_cache_hits) - hits_before ))

# --- warta, signed in: the same page rendered for an editor (session read, no page cache) -------
SESSION_COOKIE=$(sign_in)
curl -s -D "$WORK/headers-signed-in.txt" -o /dev/null -H "Cookie: $SESSION_COOKIE" "$WARTA_URL"
grep -qi '^cache-control: private' "$WORK/headers-signed-in.txt" \
    || { echo "bench: the signed-in page is not personal (session cookie not taken?)" >&2; exit 1; }
bench warta-signed-in "$WARTA_URL" -H "Cookie: $SESSION_COOKIE"; SIGNED=$RESULT
stop_warta

# Median over rounds of each column (req/s, p99, errors summed).
summarize() {
    printf '%s\n' "$@" | awk '{ r[NR] = $1; p[NR] = $2; e += $3 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        END { printf "%.0f %.2f %d", median(r, NR), median(p, NR), e }'
}
HIT=$(summarize "${HIT_RUNS[@]}")
NGINX1=$(summarize "${N1_RUNS[@]}")
NGINX2=$(summarize "${N2_RUNS[@]}")
BARE=$(summarize "${BARE_RUNS[@]}")
runs_note() { local out="" x; for x in "$@"; do out+="${out:+, }${x%% *}"; done; echo "$out"; }

# --- cold start on the migrated, seeded database -----------------------------------------------
log "cold start (best of 3)"
COLD=$(python3 "$ROOT/bench/coldstart.py" "$BIN" "$WARTA_PORT" --runs 3 --log "$WORK/warta.log")
COLD_BEST=${COLD#best=}; COLD_BEST=${COLD_BEST%% *}; COLD_RUNS=${COLD##*runs=}

# --- warta, cache miss, next to the stack's floor for a miss ----------------------------------
run_floor() {  # round-suffix [--no-gzip]: the bare server reading the article's row per request (bench/bare/MissFloor)
    "$BARE_BIN" --miss "$BARE_PORT" "$DB" "$(basename "$ARTICLE_PATH")" "$WORK/page.html" ${2:-} >>"$WORK/bare.log" 2>&1 &
    BARE_PID=$!
    wait_http "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH" 30
    curl -s -o "$WORK/page.floor.gz" "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH"
    gzip -dc "$WORK/page.floor.gz" | cmp -s - "$WORK/page.html" \
        || { echo "bench: the miss floor sends another page" >&2; exit 1; }
    bench "floor${2:-}$1" "http://127.0.0.1:$BARE_PORT$ARTICLE_PATH"
    stop_pid "$BARE_PID"; BARE_PID=""
}
log "starting warta (WARTA_PAGE_CACHE_MB=0)"
start_warta WARTA_PAGE_CACHE_MB=0
MISS_RUNS=(); FLOOR_RUNS=(); FLOOR_PLAIN_RUNS=()
routed_during=0
for round in $(seq 1 "$ROUNDS"); do
    suffix=""; [ "$ROUNDS" = 1 ] || suffix="-r$round"
    routed_before=$(metric http_requests)
    bench "warta-miss$suffix" "$WARTA_URL"; MISS_RUNS+=("$RESULT")
    routed_during=$(( routed_during + $(metric http_requests) - routed_before ))
    [ "$round" = "$ROUNDS" ] && read -r MISS_RSS MISS_HWM <<<"$(rss "$WARTA_PID")"
    run_floor "$suffix"; FLOOR_RUNS+=("$RESULT")
    run_floor "$suffix" --no-gzip; FLOOR_PLAIN_RUNS+=("$RESULT")
done
MISS=$(summarize "${MISS_RUNS[@]}")
FLOOR=$(summarize "${FLOOR_RUNS[@]}")
FLOOR_PLAIN=$(summarize "${FLOOR_PLAIN_RUNS[@]}")
stop_warta

# --- warta, cache miss, on PostgreSQL: the same articles copied over, PostgreSQL on the same cores ----------------
PG_MISS="0 0.00 0"; PG_NOTE="skipped (BENCH_PG=0 or no PostgreSQL server installed)"
if [ "${BENCH_PG:-1}" = 1 ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "starting a private PostgreSQL on port $PG_PORT and copying the articles"
    PG_URL=$(WARTA_PG_PORT=$PG_PORT WARTA_PG_DIR=$WORK/pg bash "$ROOT/scripts/pg.sh" start)
    DATABASE_URL=$PG_URL "$BIN" migrate >>"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
    PG_COPIED=$(python3 "$ROOT/bench/pg_copy.py" "$DB" "$PG_URL")
    start_warta DATABASE_URL="$PG_URL" WARTA_PAGE_CACHE_MB=0
    curl -s -o "$WORK/page.pg.html" "$WARTA_URL"
    cmp -s "$WORK/page.pg.html" "$WORK/page.html" || { echo "bench: the page on PostgreSQL differs" >&2; exit 1; }
    PG_RUNS=()
    for round in $(seq 1 "$ROUNDS"); do
        suffix=""; [ "$ROUNDS" = 1 ] || suffix="-r$round"
        bench "pg-warta-miss$suffix" "$WARTA_URL"; PG_RUNS+=("$RESULT")
    done
    PG_MISS=$(summarize "${PG_RUNS[@]}")
    PG_NOTE="$PG_COPIED; PostgreSQL $(psql -tA "$PG_URL" -c 'SHOW server_version' | cut -d' ' -f1), fsync off (a test cluster), req/s per round $(runs_note "${PG_RUNS[@]}")"
    stop_warta
fi

# --- report ------------------------------------------------------------------------------------
read -r HIT_RPS HIT_P99 HIT_ERR <<<"$HIT"
read -r MISS_RPS MISS_P99 MISS_ERR <<<"$MISS"
read -r SIGNED_RPS SIGNED_P99 SIGNED_ERR <<<"$SIGNED"
read -r N1_RPS N1_P99 N1_ERR <<<"$NGINX1"
read -r N2_RPS N2_P99 N2_ERR <<<"$NGINX2"
read -r BARE_RPS BARE_P99 BARE_ERR <<<"$BARE"
read -r FLOOR_RPS FLOOR_P99 FLOOR_ERR <<<"$FLOOR"
read -r PG_RPS PG_P99 PG_ERR <<<"$PG_MISS"
read -r FLOOR_PLAIN_RPS FLOOR_PLAIN_P99 FLOOR_PLAIN_ERR <<<"$FLOOR_PLAIN"
requests() { cat "$WORK"/wrk-$1*.txt | awk '/requests in/ { n += $1 } END { print n + 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
atleast() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 >= b + 0) ? "PASS" : "FAIL" }'; }
atmost() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0) ? "PASS" : "FAIL" }'; }
H1=$(ratio "$HIT_RPS" "$N1_RPS"); H2=$(ratio "$HIT_RPS" "$N2_RPS")
M1=$(ratio "$MISS_RPS" "$N1_RPS"); M2=$(ratio "$MISS_RPS" "$N2_RPS")
S1=$(ratio "$SIGNED_RPS" "$N1_RPS"); S2=$(ratio "$SIGNED_RPS" "$N2_RPS")
HIT_P99_OK=$(atmost "$HIT_P99" 10)
verdict() {  # ratio floor p99-verdict errors → PASS, or FAIL with the reasons
    local why=()
    [ "$(atleast "$1" "$2")" = PASS ] || why+=("ratio")
    [ "$3" = PASS ] || why+=("p99")
    [ "$4" = 0 ] || why+=("$4 errors")
    if [ ${#why[@]} -eq 0 ]; then echo PASS; else local IFS=,; echo "FAIL (${why[*]})"; fi
}
PAGE_GZ=$((HTML_GZ + CSS_GZ))
PAGE_OK=$(atmost "$PAGE_GZ" 15360)
[ "$SCRIPTS$FONTS" = 00 ] || PAGE_OK="FAIL (script or font found)"
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
rev=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(cd "$ROOT" && git status --porcelain -- Sources Package.swift Package.resolved 2>/dev/null | grep -q . && echo " + uncommitted changes" || true)
nginx_version=$(nginx -v 2>&1 | sed 's/.*nginx\///')
swift_version=$(swift --version 2>/dev/null | head -1 | sed 's/ (.*//')
command_line="BENCH_ARTICLES=$ARTICLES BENCH_DURATION=$DURATION bench/run.sh"
[ "$ARTICLES" = 100000 ] && [ "$DURATION" = 20 ] && command_line="make bench  # scripts/deps.sh --bench && bench/run.sh"
[ "$ROUNDS" = 1 ] || command_line="BENCH_ROUNDS=$ROUNDS $command_line"
[ "$WARMUP" = 5 ] || command_line="BENCH_WARMUP=$WARMUP $command_line"

[ -f "$OUT" ] || cat >"$OUT" <<'EOF'
# Warta load benchmarks

Written by `bench/run.sh` (`make bench`); every run appends a dated section, newest last.
Targets (DESIGN.md §4): cache hit ≥ 0.7× nginx static req/s with p99 ≤ 10 ms; cache miss ≥ 0.25×
nginx; article page ≤ 15 KB (15,360 bytes) gzipped HTML + CSS, no required JS or web fonts;
cold start ≤ 1 s; resident memory ≤ 150 MB (MiB) under load.

How: one SQLite database seeded by `bench/seed.py`; warta (release build) and nginx serve the
same article page on loopback, one after the other; wrk runs on the same machine, so client and
server share the cores. The hit run uses the default page cache, the miss run
`WARTA_PAGE_CACHE_MB=0` (every request routes, queries SQLite, builds the related list and the page).
EOF

{
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — $ARTICLES articles, wrk ${DURATION} s"
    echo
    echo "- Command: \`$command_line\`"
    echo "- Machine: $(nproc) shared cores ($cpu), $mem RAM, $(uname -sr); noisy neighbours, numbers vary run to run (load average before the runs: $LOAD_BEFORE)"
    echo "- Software: warta $rev$dirty (release, WARTA_THREADS default = $(nproc)), nginx $nginx_version, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $swift_version"
    echo "- Client: \`wrk -t2 -c32 -d${DURATION}s --latency --timeout 10s -H 'Accept-Encoding: gzip' $ARTICLE_PATH\` after a ${WARMUP} s warm-up of the same"
    echo "- Bytes: both servers send gzip of the same ${HTML_BYTES}-byte page: warta its prebuilt level-9 gzip (${HTML_GZ} B), nginx \`gzip_static\` of \`gzip -9\` (${NGINX_GZ} B); nginx: access_log off, sendfile on, keepalive_requests 1000000"
    echo "- Seed: $ARTICLES articles, $DB_MB MB SQLite file, $seed_secs s (\`bench/seed.py\`)"
    if [ "$ROUNDS" != 1 ]; then
        echo "- Rounds: $ROUNDS, interleaved (warta hit → bare Hummingbird → nginx 1w → nginx 2w; then warta miss → miss floor → miss floor without gzip); medians below. req/s per round: warta hit $(runs_note "${HIT_RUNS[@]}"); bare $(runs_note "${BARE_RUNS[@]}"); nginx 1w $(runs_note "${N1_RUNS[@]}"); nginx 2w $(runs_note "${N2_RUNS[@]}"); warta miss $(runs_note "${MISS_RUNS[@]}"); miss floor $(runs_note "${FLOOR_RUNS[@]}"); miss floor without gzip $(runs_note "${FLOOR_PLAIN_RUNS[@]}")"
    fi
    echo
    echo "| server | mode | req/s | p99 | vs nginx 1w | vs nginx 2w | target | vs 1w | vs 2w |"
    echo "|---|---|---:|---:|---:|---:|---|---|---|"
    echo "| nginx | static, 1 worker | $N1_RPS | ${N1_P99} ms | 1.00 | $(ratio "$N1_RPS" "$N2_RPS") | — | | |"
    echo "| nginx | static, 2 workers | $N2_RPS | ${N2_P99} ms | $(ratio "$N2_RPS" "$N1_RPS") | 1.00 | — | | |"
    echo "| Hummingbird 2 alone | bare responder, same gzip bytes (\`bench/bare\`) | $BARE_RPS | ${BARE_P99} ms | $(ratio "$BARE_RPS" "$N1_RPS") | $(ratio "$BARE_RPS" "$N2_RPS") | — (framework floor; warta hit = $(ratio "$HIT_RPS" "$BARE_RPS")× of it) | | |"
    echo "| warta | page cache hit | $HIT_RPS | ${HIT_P99} ms | $H1 | $H2 | ≥ 0.7×, p99 ≤ 10 ms | $(verdict "$H1" 0.7 "$HIT_P99_OK" "$HIT_ERR") | $(verdict "$H2" 0.7 "$HIT_P99_OK" "$HIT_ERR") |"
    echo "| Hummingbird 2 + FluentKit SQLite | miss floor: row read by slug + gzip level 1 of the same page, no rendering (\`bench/bare\` --miss) | $FLOOR_RPS | ${FLOOR_P99} ms | $(ratio "$FLOOR_RPS" "$N1_RPS") | $(ratio "$FLOOR_RPS" "$N2_RPS") | — (stack floor for a miss; warta miss = $(ratio "$MISS_RPS" "$FLOOR_RPS")× of it) | | |"
    echo "| Hummingbird 2 + FluentKit SQLite | miss floor without the gzip (row read, prebuilt gzip sent) | $FLOOR_PLAIN_RPS | ${FLOOR_PLAIN_P99} ms | $(ratio "$FLOOR_PLAIN_RPS" "$N1_RPS") | $(ratio "$FLOOR_PLAIN_RPS" "$N2_RPS") | — | | |"
    echo "| warta | miss (\`WARTA_PAGE_CACHE_MB=0\`) | $MISS_RPS | ${MISS_P99} ms | $M1 | $M2 | ≥ 0.25× | $(verdict "$M1" 0.25 PASS "$MISS_ERR") | $(verdict "$M2" 0.25 PASS "$MISS_ERR") |"
    echo "| warta | miss on PostgreSQL (\`DATABASE_URL\`, same articles, cache off) | $PG_RPS | ${PG_P99} ms | $(ratio "$PG_RPS" "$N1_RPS") | $(ratio "$PG_RPS" "$N2_RPS") | ≥ 0.25× | $(verdict "$(ratio "$PG_RPS" "$N1_RPS")" 0.25 PASS "$PG_ERR") | $(verdict "$(ratio "$PG_RPS" "$N2_RPS")" 0.25 PASS "$PG_ERR") |"
    echo "| warta | signed-in editor, same page (session read + render) | $SIGNED_RPS | ${SIGNED_P99} ms | $S1 | $S2 | ≥ 0.25× | $(verdict "$S1" 0.25 PASS "$SIGNED_ERR") | $(verdict "$S2" 0.25 PASS "$SIGNED_ERR") |"
    echo
    echo "PostgreSQL run: $PG_NOTE."
    echo
    echo "| measure | value | target | result |"
    echo "|---|---|---|---|"
    echo "| cold start (\`warta serve\` exec → /healthz 200, migrated ${ARTICLES}-article db) | best ${COLD_BEST} ms (runs ${COLD_RUNS//,/, } ms) | ≤ 1 s | $(atmost "$COLD_BEST" 1000) |"
    echo "| resident memory after hit run | VmRSS ${HIT_RSS} MiB, VmHWM ${HIT_HWM} MiB | ≤ 150 MB | $(atmost "$HIT_HWM" 150) |"
    echo "| resident memory after miss run | VmRSS ${MISS_RSS} MiB, VmHWM ${MISS_HWM} MiB | ≤ 150 MB | $(atmost "$MISS_HWM" 150) |"
    echo "| article page, gzipped | HTML ${HTML_GZ} B (${HTML_BYTES} B plain) + CSS ${CSS_GZ} B at gzip -9 (${CSS_BYTES} B plain, $CSS_WIRE_NOTE: ${CSS_WIRE} B) = ${PAGE_GZ} B | ≤ 15 KB | $PAGE_OK |"
    echo "| script tags / web fonts on the page | $SCRIPTS / $FONTS | none required | $([ "$SCRIPTS$FONTS" = 00 ] && echo PASS || echo CHECK) |"
    echo
    echo "Checks: warm-up + run sent $(requests warta-hit) requests in the hit run, /metrics counted $hits_during page-cache hits; the miss run sent $(requests warta-miss), /metrics counted $routed_during routed requests. Non-2xx/socket errors: hit $HIT_ERR, miss $MISS_ERR, signed in $SIGNED_ERR, bare $BARE_ERR, miss floor $FLOOR_ERR / $FLOOR_PLAIN_ERR, PostgreSQL miss $PG_ERR, nginx $N1_ERR / $N2_ERR."
} >>"$OUT"
log "wrote $OUT"
tail -n 25 "$OUT"
