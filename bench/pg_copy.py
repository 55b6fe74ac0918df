#!/usr/bin/env python3
"""Copies the seeded benchmark articles from the SQLite file into a migrated PostgreSQL database, so the same
page can be measured on both engines (bench/run.sh). Uses psql's COPY FROM STDIN in text format; SQLite keeps
times as seconds since 1970 (REAL), PostgreSQL as timestamptz.

    python3 bench/pg_copy.py warta.sqlite postgres://postgres@127.0.0.1:55434/postgres
"""

import datetime
import sqlite3
import subprocess
import sys

TABLES = ["categories", "tags", "articles", "article_tags"]
TIMES = {"published_at", "created_at", "updated_at", "listed_at"}


def text_field(value, is_time):
    if value is None:
        return "\\N"
    if is_time:
        moment = datetime.datetime.fromtimestamp(float(value), tz=datetime.timezone.utc)
        return moment.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_table(con, url, table):
    columns = [row[1] for row in con.execute(f'PRAGMA table_info("{table}")')]
    quoted = ", ".join(f'"{c}"' for c in columns)
    psql = subprocess.Popen(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", f"\\copy {table} ({quoted}) FROM STDIN"],
        stdin=subprocess.PIPE, text=True, encoding="utf-8",
    )
    count = 0
    for row in con.execute(f"SELECT {quoted} FROM \"{table}\""):
        fields = (text_field(v, c in TIMES) for c, v in zip(columns, row))
        psql.stdin.write("\t".join(fields) + "\n")
        count += 1
    psql.stdin.close()
    if psql.wait() != 0:
        sys.exit(f"pg_copy: copying {table} failed")
    return count


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    con = sqlite3.connect(sys.argv[1])
    counts = [f"{table} {copy_table(con, sys.argv[2], table)}" for table in TABLES]
    subprocess.run(["psql", "-q", sys.argv[2], "-c", "ANALYZE"], check=True)
    print("copied " + ", ".join(counts))


if __name__ == "__main__":
    main()
