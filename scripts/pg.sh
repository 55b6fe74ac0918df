#!/usr/bin/env bash
# A private PostgreSQL cluster for the test suite: run as the postgres user (initdb refuses root),
# own data dir, port and socket dir, so it never touches a system cluster.
#   scripts/pg.sh start   prints the DATABASE URL on stdout
#   scripts/pg.sh stop
set -euo pipefail
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_PORT=${WARTA_PG_PORT:-55432}
PG_DIR=${WARTA_PG_DIR:-/tmp/warta-pg-$PG_PORT}
as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
start)
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server not found (apt-get install postgresql)" >&2; exit 1; }
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast >/dev/null 2>&1 || true; fi
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    ;;
stop)
    [ -d "$PG_DIR/data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    ;;
*)
    echo "usage: $0 start|stop" >&2; exit 64 ;;
esac
