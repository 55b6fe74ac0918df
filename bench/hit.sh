#!/usr/bin/env bash
# The page-cache hit path against nginx and the bare-Hummingbird floor, in one run (issue 11, docs/adr/018):
# req/s, p99 and server CPU µs per request (utime + stime from /proc/PID/stat over the measured run, nginx's
# workers summed), for the article page, the home page (both gzip) and a 60 KB page (plain), with Warta at
# WARTA_THREADS=1 and 2 and, for reference, the router-side hit (WARTA_HIT_PATH=router) at 2 threads.
#
#   BENCH_ARTICLES=2000 BENCH_DURATION=5 BENCH_ROUNDS=2 bench/hit.sh
#
# Knobs: BENCH_ARTICLES (default 2000), BENCH_DURATION (s, default 5), BENCH_WARMUP (s, default 2), BENCH_ROUNDS
# (default 2; rounds interleave every server, medians reported), BENCH_SKIP_BUILD=1, BENCH_OUT (default
# bench/BENCHMARKS.md), ports BENCH_WARTA_PORT / BENCH_NGINX_PORT / BENCH_BARE_PORT (18090-18092).
# Client: wrk -t2 -c32 on the same machine. Everything started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-2}
ARTICLES=${BENCH_ARTICLES:-2000}
WARTA_PORT=${BENCH_WARTA_PORT:-18090}
NGINX_PORT=${BENCH_NGINX_PORT:-18091}
BARE_PORT=${BENCH_BARE_PORT:-18092}
OUT=${BENCH_OUT:-$ROOT/bench/BENCHMARKS.md}
SCRATCH=$ROOT/.build-release
BIN=$SCRATCH/release/warta
BARE_BIN=$SCRATCH/release/warta-bench-bare
TICK_US=$((1000000 / $(getconf CLK_TCK)))
WORK=$(mktemp -d /tmp/warta-hit.XXXXXX)
chmod 755 "$WORK"
PIDS=()
log() { printf '[hit %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
stop_pid() {
    [ -n "${1:-}" ] || return 0
    kill -TERM "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() { for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
wait_http() {
    local deadline=$((SECONDS + $2))
    until curl -sf -o /dev/null --max-time 1 "$1"; do
        [ $SECONDS -lt $deadline ] || { log "no answer from $1"; return 1; }
        sleep 0.05
    done
}

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building release"
    for product in warta warta-bench-bare; do
        (cd "$ROOT" && swift build -c release --product "$product" --scratch-path "$SCRATCH") >>"$WORK/build.log" 2>&1 \
            || { tail -30 "$WORK/build.log" >&2; exit 1; }
    done
fi

# --- seed, plus one article with a ~60 KB page ------------------------------------------------------------------
DB=$WORK/warta.sqlite
export WARTA_SQLITE_PATH=$DB WARTA_HOST=127.0.0.1 WARTA_PORT=$WARTA_PORT WARTA_WORKER=0
unset DATABASE_URL WARTA_PAGE_CACHE_MB WARTA_THREADS WARTA_HIT_PATH
"$BIN" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
ARTICLE=$(python3 "$ROOT/bench/seed.py" "$DB" --articles "$ARTICLES" 2>"$WORK/seed.log" | tail -1)
BIG=$(python3 - "$DB" <<'EOF'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
slug, year, month = db.execute(
    "SELECT slug, url_year, url_month FROM articles WHERE slug != 'bench-artikel-utama' LIMIT 1").fetchone()
rng = random.Random(11)
words = [''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(3, 9))) for _ in range(4000)]
paragraphs = [' '.join(rng.choice(words) for _ in range(60)) for _ in range(130)]
db.execute("UPDATE articles SET body_markdown = ?, body_html = ? WHERE slug = ?",
           ('\n\n'.join(paragraphs), ''.join(f'<p>{p}</p>\n' for p in paragraphs), slug))
db.commit()
print(f"/{year:04d}/{month:02d}/{slug}")
EOF
)

# --- the pages as nginx files --------------------------------------------------------------------------------
"$BIN" serve >>"$WORK/warta.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$WARTA_PORT/healthz" 60
WWW=$WORK/www
declare -A FILE=([article]=$ARTICLE [home]=/index.html [big]=$BIG)
declare -A URLPATH=([article]=$ARTICLE [home]=/ [big]=$BIG)
for page in article home big; do
    mkdir -p "$WWW$(dirname "${FILE[$page]}")"
    curl -sf -o "$WWW${FILE[$page]}" "http://127.0.0.1:$WARTA_PORT${URLPATH[$page]}"
    gzip -9 -n -c "$WWW${FILE[$page]}" >"$WWW${FILE[$page]}.gz"
done
stop_pid "${PIDS[-1]}"
chmod -R a+rX "$WWW"
BYTES="article $(stat -c %s "$WWW$ARTICLE") B, home $(stat -c %s "$WWW/index.html") B, 60 KB page $(stat -c %s "$WWW$BIG") B"

# --- one measurement: wrk against a URL, CPU of the given pids -------------------------------------------------
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $total; }
measure() {  # name page pids... → appends "name page req/s p99ms cpu_us" to $WORK/results
    local name=$1 page=$2; shift 2
    local port=$WARTA_PORT coding=gzip
    case $name in nginx*) port=$NGINX_PORT ;; bare*) port=$BARE_PORT ;; esac
    [ "$page" = big ] && coding=identity
    local url="http://127.0.0.1:$port${URLPATH[$page]}"
    wrk -t2 -c32 -d"${WARMUP}s" -H "Accept-Encoding: $coding" "$url" >/dev/null
    local before; before=$(cpu_ticks "$@")
    wrk -t2 -c32 -d"${DURATION}s" --latency -H "Accept-Encoding: $coding" "$url" >"$WORK/wrk.txt"
    local after; after=$(cpu_ticks "$@")
    awk -v n="$name" -v p="$page" -v ticks=$((after - before)) -v tick="$TICK_US" '
        /requests in/ { requests = $1 }
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                  p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        /Non-2xx|Socket errors/ { errors = 1 }
        END { printf "%s %s %.0f %.2f %.2f %d\n", n, p, rps, p99, ticks * tick / requests, errors }' "$WORK/wrk.txt" \
        | tee -a "$WORK/results" >&2
}
nginx_pids() { pgrep -P "$1" | tr '\n' ' '; }
run_nginx() {  # workers
    cat >"$WORK/nginx.conf" <<EOF
worker_processes $1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx-tmp;
    default_type "text/html; charset=utf-8";
    gzip_static on; gzip_vary on;
    server { listen 127.0.0.1:$NGINX_PORT; root $WWW; location / { add_header Cache-Control "public, max-age=60"; } }
}
EOF
    mkdir -p "$WORK/nginx-tmp"
    nginx -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
    local pid=$!
    PIDS+=("$pid")
    wait_http "http://127.0.0.1:$NGINX_PORT/" 10
    for page in article home big; do measure "nginx-${1}w" "$page" $(nginx_pids "$pid"); done
    stop_pid "$pid"
}
run_warta() {  # name env...
    local name=$1; shift
    env "$@" "$BIN" serve >>"$WORK/warta.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait_http "http://127.0.0.1:$WARTA_PORT/healthz" 60
    for page in article home big; do
        curl -sf -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$WARTA_PORT${URLPATH[$page]}"
        measure "$name" "$page" "$pid"
    done
    stop_pid "$pid"
}
run_bare() {  # the framework floor: Hummingbird's responder returning one prebuilt response (article, gzip)
    "$BARE_BIN" "$BARE_PORT" "$WWW$ARTICLE.gz" >>"$WORK/bare.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait_http "http://127.0.0.1:$BARE_PORT/" 30
    measure bare article "$pid"
    stop_pid "$pid"
}

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
    log "round $round"
    run_warta warta-t1 WARTA_THREADS=1
    run_warta warta-t2 WARTA_THREADS=2
    run_warta router-t2 WARTA_THREADS=2 WARTA_HIT_PATH=router
    run_bare
    run_nginx 1
    run_nginx 2
done

# --- report: medians over rounds, ratios from this run -------------------------------------------------------
python3 - "$WORK/results" "$OUT" "$ROUNDS" "$DURATION" "$ARTICLES" "$LOAD" "$BYTES" \
    "$(cd "$ROOT" && git rev-parse --short HEAD)" <<'EOF'
import statistics, sys, time
path, out, rounds, duration, articles, load, sizes, rev = sys.argv[1:9]
rows = {}
for line in open(path):
    name, page, rps, p99, cpu, errors = line.split()
    rows.setdefault((name, page), []).append((float(rps), float(p99), float(cpu), int(errors)))
med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) + (sum(r[3] for r in v),) for k, v in rows.items()}
names = [("warta-t1", "Warta hit in the channel, 1 thread"), ("warta-t2", "Warta hit in the channel, 2 threads"),
         ("router-t2", "Warta hit on the router path, 2 threads"), ("bare", "Hummingbird 2 bare responder (floor)"),
         ("nginx-1w", "nginx, 1 worker"), ("nginx-2w", "nginx, 2 workers")]
lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — page-cache hit path (bench/hit.sh)\n",
         f"- Command: `BENCH_ARTICLES={articles} BENCH_DURATION={duration} BENCH_ROUNDS={rounds} bench/hit.sh` "
         f"at {rev}; medians of {rounds} interleaved rounds; load average before: {load}",
         f"- Pages: {sizes}; article and home sent gzip (`Accept-Encoding: gzip`), the 60 KB page plain",
         "- Client: `wrk -t2 -c32 --latency` on the same 2 shared cores; CPU = utime+stime of the server "
         "process(es) over the run / requests\n",
         "| server | page | req/s | p99 ms | CPU µs/req | req/s vs nginx 1w | CPU vs nginx 1w | vs bare |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
for page in ("article", "home", "big"):
    base = med.get(("nginx-1w", page))
    bare = med.get(("bare", "article"))
    for key, label in names:
        m = med.get((key, page))
        if not m:
            continue
        ratio = f"{m[0] / base[0]:.2f}" if base else "—"
        cpu = f"{m[2] / base[2]:.2f}" if base and base[2] else "—"
        vs_bare = f"{m[0] / bare[0]:.2f}" if bare and page == "article" else "—"
        errors = f" ({m[3]} runs with errors)" if m[3] else ""
        lines.append(f"| {label} | {'60 KB' if page == 'big' else page} | {m[0]:.0f}{errors} | {m[1]:.2f} | "
                     f"{m[2]:.1f} | {ratio} | {cpu} | {vs_bare} |")
open(out, "a").write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
