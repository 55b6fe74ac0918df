#!/usr/bin/env python3
"""Cold start: time from exec of `warta serve` until GET /healthz answers 200.

Usage: python3 bench/coldstart.py BINARY PORT [--runs 3] [--log FILE]
The environment (WARTA_SQLITE_PATH, WARTA_PORT, ...) is passed through unchanged, so point it at
an already-migrated database. Each run is stopped with SIGTERM before the next one starts.
Prints the times in milliseconds, best first: "best=123.4 runs=130.2,123.4,140.0".
"""

import argparse
import signal
import socket
import subprocess
import sys
import time


def healthy(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def once(binary, port, log, timeout=30.0):
    if healthy(port):
        sys.exit(f"coldstart.py: something already answers on port {port}")
    started = time.perf_counter()
    proc = subprocess.Popen([binary, "serve"], stdout=log, stderr=log)
    try:
        while True:
            if healthy(port):
                return (time.perf_counter() - started) * 1000
            if proc.poll() is not None:
                sys.exit(f"coldstart.py: warta exited with {proc.returncode} before /healthz answered")
            if time.perf_counter() - started > timeout:
                sys.exit(f"coldstart.py: no answer from /healthz after {timeout:.0f} s")
            time.sleep(0.002)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("port", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--log", default="/dev/null")
    args = parser.parse_args()
    with open(args.log, "ab") as log:
        times = [once(args.binary, args.port, log) for _ in range(args.runs)]
    print(f"best={min(times):.1f} runs={','.join(f'{t:.1f}' for t in times)}")


if __name__ == "__main__":
    main()
