"""Benchmark: requests/s and p50/p99 latency of the production set-up, in one go, into one table.

    make bench                      # = python -m bench.run --items 5000
    .venv/bin/python -m bench.run --seconds 6 --items 5000 [--runs pages,scale,publish,profile]
    .venv/bin/python -m bench.run --profile    # only the profile of an uncached request

Every run serves gunicorn with production settings (DEBUG off, a bench SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1) from throwaway databases filled by bench/fill.py: a SQLite file with the
seed content and 10 items (`--small-items`) for the page runs, a throwaway PostgreSQL cluster
with 10 and with `--items` items for the scale and search runs and the publish. wrk (Debian
package `wrk`) measures each address, then at once the static stylesheet served by the same
gunicorn; a page's throughput is read as a share of that static run's, which holds better than
absolute numbers on a shared, noisy machine.

Runs:
  pages    uncached, cached in Redis and cached in local memory: home, Over ons, an actor page,
           a measure, the finder (also filtered), the calls overview, search
  scale    page cache off, 10 items against --items items (PostgreSQL): the finder, a filtered
           finder, an actor page, the sitemap, search (p50 and p99)
  publish  a page published while wrk loads it (Redis, --items items): throughput in the 10 s
           after the publish (plus 5 s for the publish itself) against steady cached
           throughput (both with the same light poller beside wrk), and whether any request
           sent after the publish committed got the old page
  profile  cProfile of uncached requests to an actor page (SQLite, 10 items)

The table (and the profile) replace their sections in docs/performance.md unless --no-write.
"""

import argparse
import datetime
import http.client
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report
from bench.publish import publish_under_load
from bench.report import Row, verdict
from bench.services import (
    BASE_DIR,
    PROXY_HEADERS,
    PYTHON,
    Gunicorn,
    PostgresServer,
    RedisServer,
    free_port,
    manage,
    production_env,
)

ACTOR_PAGE = "/over-ons/maatwerkbedrijven/"
MEASURE = "/ondersteuning/collectief-maatwerk/"
FILTERED_FINDER = "/ondersteuning/?voor=maatwerkbedrijven&status=open"
SEARCH = "/zoeken/?q=maatwerk"
# (label, address, the share of static the target asks for: uncached, Redis, local memory)
PAGES = [
    ("home", "/", (None, 0.8, 0.9)),
    ("Over ons", "/over-ons/", (0.1, 0.8, 0.9)),
    ("actor page", ACTOR_PAGE, (0.1, 0.8, 0.9)),
    ("measure", MEASURE, (0.1, 0.8, 0.9)),
    ("finder", "/ondersteuning/", (0.1, 0.8, 0.9)),
    ("finder, filtered", FILTERED_FINDER, (None, 0.8, 0.9)),
    ("calls overview", "/oproepen/", (0.1, 0.8, 0.9)),
    ("search", SEARCH, (None, None, None)),
]
CONFIGS = [
    ("off", {"PAGE_CACHE_TIMEOUT": 0}, False),
    ("Redis", {}, True),
    ("local memory", {}, False),
]
SCALE_PAGES = [
    ("finder", "/ondersteuning/"),
    ("finder, filtered", FILTERED_FINDER),
    ("actor page", ACTOR_PAGE),
    ("sitemap", "/sitemap.xml"),
    ("search", SEARCH),
]
SCALE_KEPT = 0.8  # with --items items, at least this share of the throughput with 10
SEARCH_SHARE = 0.03  # search on PostgreSQL with --items items, as a share of static
PUBLISH_KEPT = 0.5  # throughput after a publish, as a share of steady cached throughput
STATIC_WARM_UP = 3  # seconds of static file before the measured static run
AFTER_PUBLISH = 10  # seconds measured after a publish (and the steady run before it)
RUNS = ("pages", "scale", "publish", "profile")


def get(port, path):
    # Generous: after wrk stops, the server may still be working off its queue of slow pages.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    conn.request("GET", path, headers=PROXY_HEADERS)
    response = conn.getresponse()
    body = response.read().decode(errors="replace")
    conn.close()
    return response.status, response.getheader("X-Cache", ""), body


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def parse_wrk(output):
    """requests/s, p50 and p99 in ms, and errors (socket errors and non-2xx/3xx answers)."""
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
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


def wrk(port, path, args, seconds=None):
    command = ["wrk", "--latency", "-t", str(args.threads), "-c", str(args.connections)]
    command += ["-d", f"{seconds or args.seconds}s", "--timeout", "10s"]
    command += ["-H", "X-Forwarded-Proto: https"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True
    ).stdout
    return parse_wrk(output)


def stylesheet_url(port):
    """The hashed stylesheet address pages link to: what browsers really fetch."""
    body = get(port, "/")[2]
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', body).group(1)


def measure(port, path, args, row):
    """Fills `row` with the page's numbers and the static file's, each the best of args.rounds
    runs made alternately (page, static file, page, …). Returns the row, or None when the
    address does not answer 200.

    The share of static compares runs made seconds apart, so a neighbour's load weighs on both
    alike; and the best of several, because this machine's server has two speeds: for stretches
    of 10 to 20 seconds it serves everything about three times slower (docs/performance.md). One
    run each compared a page in one speed with the static file in the other."""
    if get(port, path)[0] != 200:
        print(f"  {row.page} does not answer 200: skipped", file=sys.stderr)
        return None
    for _ in range(8):  # warm every worker: the cached runs measure hits, not misses
        row.x_cache = get(port, path)[1] or "-"
    print(f"  {row.run}, {row.items} items: {row.page} and the static file", file=sys.stderr)
    stylesheet = stylesheet_url(port)
    best_page = best_static = None
    for _ in range(args.rounds):
        page = wrk(port, path, args)
        row.errors += page["errors"]
        if best_page is None or page["rps"] > best_page["rps"]:
            best_page = page
        # Unmeasured: right after a run of slow pages the same server serves the static file
        # at a fraction of its speed for a few seconds (measured: 1,157, then 1,671, then 3,126
        # requests/s in three 4-second runs after the uncached home page).
        wrk(port, stylesheet, args, seconds=STATIC_WARM_UP)
        static = wrk(port, stylesheet, args)
        row.errors += static["errors"]
        if best_static is None or static["rps"] > best_static["rps"]:
            best_static = static
    row.rps, row.p50, row.p99 = best_page["rps"], best_page["p50"], best_page["p99"]
    row.static_rps = best_static["rps"]
    if not best_page["requests"]:
        row.p50 = row.p99 = None
        row.notes.append(
            f"{row.page} with {row.items:,} items ({row.cache}): not one request finished within "
            f"the {args.seconds} s of the run (wrk's timeout is 10 s)."
        )
    return row


class Sites:
    """The throwaway databases, each migrated, seeded and filled once, and the servers."""

    def __init__(self, workdir, args):
        self.workdir = workdir
        self.args = args
        self.postgres = None
        self.redis = None
        self.redis_databases = 0
        self.urls = {}

    def redis_url(self):
        if not self.redis:
            self.redis = RedisServer(free_port(56379, 56389))
            self.redis.start()
        return self.redis.url

    def env(self, url, redis=False, **extra):
        """A server's environment; with Redis, a database of its own in the throwaway Redis, so
        that no run is served pages another run (another database) stored."""
        redis_url = None
        if redis:
            self.redis_databases += 1
            redis_url = self.redis_url().removesuffix("/0") + f"/{self.redis_databases}"
        return production_env(url, redis_url, self.workdir / "media", **extra)

    def database(self, kind, items):
        """The address of a database of `kind` ("SQLite", "PostgreSQL") with the seed content
        and `items` items; the seed is migrated once per kind and copied."""
        if (kind, items) in self.urls:
            return self.urls[kind, items]
        seed = self.seed(kind)
        name = f"items{items}"
        if kind == "SQLite":
            path = self.workdir / f"{name}.sqlite3"
            shutil.copyfile(seed.removeprefix("sqlite:///"), path)
            url = f"sqlite:///{path}"
        else:
            self.postgres.psql("postgres", f'CREATE DATABASE "{name}" TEMPLATE "seed"')
            url = self.postgres.url(name)
        filled = subprocess.run(
            [PYTHON, "-m", "bench.fill", "--items", str(items)],
            cwd=BASE_DIR,
            env=self.env(url),
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"  {kind}, {items} items: {filled.stderr.strip()}", file=sys.stderr)
        self.urls[kind, items] = url
        return url

    def seed(self, kind):
        if (kind, "seed") in self.urls:
            return self.urls[kind, "seed"]
        print(f"Preparing the {kind} seed database ...", file=sys.stderr)
        if kind == "SQLite":
            url = f"sqlite:///{self.workdir / 'seed.sqlite3'}"
        else:
            self.postgres = PostgresServer(free_port(55432, 55440))
            self.postgres.start()
            self.postgres.create_database("seed")
            url = self.postgres.url("seed")
        env = self.env(url)
        manage(env, "migrate", "--no-input")
        manage(env, "load_initial_data")
        if not self.urls:
            manage(env, "collectstatic", "--no-input")
        self.urls[kind, "seed"] = url
        return url

    def serve(self, env):
        return Gunicorn(
            free_port(8401, 8499),
            env,
            self.args.workers,
            self.args.gunicorn_threads,
            self.workdir,
        ).start()

    def close(self):
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.destroy()


def run_pages(sites, args):
    rows = []
    database = args.pages_database
    url = sites.database(database, args.small_items)
    for cache, extra, with_redis in CONFIGS:
        server = sites.serve(sites.env(url, with_redis, **extra))
        try:
            for label, path, targets in PAGES:
                target = targets[[name for name, _, _ in CONFIGS].index(cache)]
                row = Row("pages", f"{label} `{path}`", args.small_items, database, cache)
                if measure(server.port, path, args, row) and target and row.share is not None:
                    row.result = verdict(row.share, target)
                rows.append(row)
        finally:
            server.stop()
            time.sleep(1)
    return rows


def run_scale(sites, args):
    measured = {}
    for items in (args.small_items, args.items):
        url = sites.database("PostgreSQL", items)
        server = sites.serve(sites.env(url, PAGE_CACHE_TIMEOUT=0))
        try:
            for label, path in SCALE_PAGES:
                row = Row("scale", f"{label} `{path}`", items, "PostgreSQL", "off")
                measured[label, items] = measure(server.port, path, args, row) or row
                if label == "sitemap" and "<sitemapindex" in get(server.port, path)[2]:
                    # The index is cheap; a crawler fetches its sections too: the largest.
                    path = largest_sitemap_section(server.port, path)
                    row = Row("scale", f"sitemap section `{path}`", items, "PostgreSQL", "off")
                    measured["sitemap section", items] = measure(server.port, path, args, row)
        finally:
            server.stop()
            time.sleep(1)
    rows = []
    for (label, items), row in measured.items():
        if row is None:
            continue
        small = measured.get((label, args.small_items))
        if items == args.items and small and small.share and row.share is not None:
            row.result = f"kept {verdict(row.share / small.share, SCALE_KEPT)}"
            if label == "search":
                row.result += f"; share of static {verdict(row.share, SEARCH_SHARE)}"
        rows.append(row)
    return sorted(rows, key=lambda row: (row.page, row.items))


def largest_sitemap_section(port, index_path):
    """The address (path) of the index's section with the most addresses."""
    sizes = {}
    for location in re.findall(r"<loc>([^<]+)</loc>", get(port, index_path)[2]):
        path = re.sub(r"^https?://[^/]+", "", location).replace("&amp;", "&")
        sizes[path] = get(port, path)[2].count("<url>")
    return max(sizes, key=sizes.get)


def run_publish(sites, args):
    url = sites.database("PostgreSQL", args.items)
    env = sites.env(url, redis=True)
    server = sites.serve(env)
    try:
        for _ in range(8):
            get(server.port, MEASURE)
        outcome = publish_under_load(
            server.url,
            env,
            MEASURE,
            "/home" + MEASURE,
            lambda path, seconds: wrk(server.port, path, args, seconds),
            AFTER_PUBLISH,
        )
        static = wrk(server.port, stylesheet_url(server.port), args)
    finally:
        server.stop()
    steady, after = outcome["steady"], outcome["after"]
    rows = []
    after_label = f"the {outcome['after_seconds']} s from the publish on"
    for label, result in (("steady, cached", steady), (after_label, after)):
        row = Row("publish", f"measure `{MEASURE}`, {label}", args.items, "PostgreSQL", "Redis")
        row.rps, row.p50, row.p99 = result["rps"], result["p50"], result["p99"]
        row.errors, row.static_rps = result["errors"], static["rps"]
        row.x_cache = "hit"
        rows.append(row)
    rows[1].result = (
        f"kept {verdict(after['rps'] / steady['rps'], PUBLISH_KEPT)}; "
        f"{outcome['stale']} of {outcome['answers']} answers sent after the commit stale"
    )
    rows[1].notes.append(
        f"Publish under load: the publish took {outcome['publish_seconds'] * 1000:.0f} ms; a "
        f"poller beside wrk sent {outcome['answers']} requests after it committed, "
        f"{outcome['stale']} got the old page; {outcome['errors']} poller answers were not 200."
    )
    return rows


def run_profile(sites, args):
    url = sites.database(args.pages_database, args.small_items)
    result = subprocess.run(
        [PYTHON, "-m", "bench.profile", ACTOR_PAGE, "--requests", "30"],
        cwd=BASE_DIR,
        env=sites.env(url, PAGE_CACHE_TIMEOUT=0),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="per measurement (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--gunicorn-threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of each page and the static file, best kept (3)"
    )
    parser.add_argument("--items", type=int, default=5000, help="the large site (5000)")
    parser.add_argument("--small-items", type=int, default=10, help="the small site (10)")
    parser.add_argument(
        "--pages-database",
        choices=("SQLite", "PostgreSQL"),
        default="SQLite",
        help="the database of the page and profile runs (SQLite)",
    )
    parser.add_argument(
        "--runs", default=",".join(RUNS), help=f"which runs, comma-separated ({','.join(RUNS)})"
    )
    parser.add_argument("--profile", action="store_true", help="only the profile (--runs profile)")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave docs/performance.md alone"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    args.runs = ["profile"] if args.profile else args.runs.split(",")
    unknown = set(args.runs) - set(RUNS)
    if unknown:
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    return args


def main(argv=None):
    args = parse_args(argv)
    if not shutil.which("wrk") and args.runs != ["profile"]:
        sys.exit("wrk is missing: apt-get install wrk")
    started_at = datetime.datetime.now(datetime.UTC)
    machine = report.machine()  # its load average before the benchmark's own servers start
    workdir = Path(tempfile.mkdtemp(prefix="socialeconomy-bench-"))
    sites = Sites(workdir, args)
    rows, profile = [], None
    try:
        for name, run in (("pages", run_pages), ("scale", run_scale), ("publish", run_publish)):
            if name in args.runs:
                rows += run(sites, args)
        if "profile" in args.runs:
            profile = run_profile(sites, args)
    finally:
        sites.close()
        shutil.rmtree(workdir, ignore_errors=True)

    settings_line = (
        f"`python -m bench.run {' '.join(sys.argv[1:] if argv is None else argv)}`: wrk "
        f"-t{args.threads} -c{args.connections} -d{args.seconds}s, the best of {args.rounds} "
        "runs of each page and of the static file, alternately; gunicorn gthread "
        f"{args.workers} workers × {args.gunicorn_threads} threads; PostgreSQL 15 and Redis "
        "throwaway servers on the same machine."
    )
    if rows:
        results = report.table(rows, settings_line, started_at, machine)
        print(f"\n{results}\n")
        if not args.no_write:
            report.write_section("results", results)
    if profile:
        print(f"\n{profile}\n")
        if not args.no_write:
            report.write_section("profile", profile)


if __name__ == "__main__":
    main()
