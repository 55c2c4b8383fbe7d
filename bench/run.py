"""Benchmark: requests/s and p50/p99 latency of the production set-up, cached and uncached.

    make bench                      # or: .venv/bin/python -m bench.run [--seconds 10] [...]

Starts a throwaway PostgreSQL cluster and Redis (or uses --database-url), loads the seed
content, and runs gunicorn with production settings (DEBUG off, a bench SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1) three times: page cache off, page cache in Redis, page cache in local
memory. For each it measures with wrk (Debian package `wrk`) the home page, Over ons, an actor
page and search (when /zoeken/ exists), each followed at once by the static stylesheet served
by the same gunicorn, and prints each page's throughput as a share of that static run's: on a
shared, noisy machine that ratio holds better than absolute numbers. Target: cached pages at
least 50 % of static. X-Cache is what the last request before the run was answered with.
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.services import (
    PROXY_HEADERS,
    Gunicorn,
    PostgresServer,
    RedisServer,
    free_port,
    prepare_site,
    production_env,
)

PAGES = [
    ("home", "/"),
    ("Over ons", "/over-ons/"),
    ("actor page", "/over-ons/maatwerkbedrijven/"),
    ("finder", "/ondersteuning/"),
    ("finder, filtered", "/ondersteuning/?voor=maatwerkbedrijven&status=open"),
    ("measure", "/ondersteuning/collectief-maatwerk/"),
    ("search", "/zoeken/?q=maatwerk"),
]
CONFIGS = [
    ("uncached", {"PAGE_CACHE_TIMEOUT": 0}, False),
    ("cached, Redis", {}, True),
    ("cached, local memory", {}, False),
]


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=PROXY_HEADERS)
    response = conn.getresponse()
    body = response.read().decode(errors="replace")
    conn.close()
    return response.status, response.getheader("X-Cache", ""), body


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(port, path, seconds, connections, threads):
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        value, unit = re.match(r"([\d.]+)(\w+)", latency[percentile]).groups()
        result[f"p{percentile}"] = to_ms(value, unit)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["errors"] = sum(map(int, errors.groups())) if errors else 0
    result["errors"] += int(non_2xx.group(1)) if non_2xx else 0
    return result


def stylesheet_url(port):
    """The hashed stylesheet address pages link to: what browsers really fetch."""
    body = get(port, "/")[2]
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', body).group(1)


def measure_config(name, port, args):
    """Each page, then the static file straight after it: the share of static compares two runs
    made seconds apart, so a neighbour's load on the machine weighs on both alike."""
    static = stylesheet_url(port)
    rows = []
    for label, path in PAGES:
        if get(port, path)[0] != 200:
            print(f"  {label} ({path}) does not answer 200: skipped", file=sys.stderr)
            rows.append((name, label, path, None, None))
            continue
        for _ in range(8):  # warm every worker: the cached runs measure hits, not misses
            x_cache = get(port, path)[1] or "-"
        print(f"  {name}: {label} and the static file ...", file=sys.stderr)
        page = wrk(port, path, args.seconds, args.connections, args.threads)
        page["x_cache"] = x_cache
        paired = wrk(port, static, args.seconds, args.connections, args.threads)
        paired["x_cache"] = "-"
        rows.append((name, label, path, page, paired))
    return rows


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="per measurement (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--gunicorn-threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument(
        "--database-url", help="an existing PostgreSQL database (default: a throwaway cluster)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    postgres = redis = None
    workdir = Path(tempfile.mkdtemp(prefix="socialeconomy-bench-"))
    try:
        database_url = args.database_url
        if not database_url:
            postgres = PostgresServer(free_port(55432, 55440))
            postgres.start()
            postgres.create_database("socialeconomy")
            database_url = postgres.url("socialeconomy")
        redis = RedisServer(free_port(56379, 56389))
        redis.start()
        print(f"Preparing the site on {database_url} ...", file=sys.stderr)
        prepare_site(production_env(database_url, media_root=workdir / "media"))

        rows = []
        for name, extra, with_redis in CONFIGS:
            env = production_env(
                database_url, redis.url if with_redis else None, workdir / "media", **extra
            )
            server = Gunicorn(
                free_port(8401, 8499), env, args.workers, args.gunicorn_threads, workdir
            ).start()
            try:
                rows.extend(measure_config(name, server.port, args))
            finally:
                server.stop()
                time.sleep(1)
    finally:
        if redis:
            redis.stop()
        if postgres:
            postgres.destroy()
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.seconds}s; gunicorn gthread "
        f"{args.workers} workers x {args.gunicorn_threads} threads; {os.cpu_count()} CPUs\n"
    )
    print(
        "| configuration | address | X-Cache | requests/s | p50 ms | p99 ms | errors "
        "| share of static |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, label, path, page, static in rows:
        if page is None:
            print(f"| {name} | {label} `{path}` | | skipped: not on this branch | | | | |")
            continue
        share = page["rps"] / static["rps"] * 100
        for what, result, cell in (
            (f"{label} `{path}`", page, f"{share:.0f} %"),
            ("static file, right after", static, ""),
        ):
            print(
                f"| {name} | {what} | {result['x_cache']} | {result['rps']:.0f} | "
                f"{result['p50']:.1f} | {result['p99']:.1f} | {result['errors']} | {cell} |"
            )


if __name__ == "__main__":
    main()
