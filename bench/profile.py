"""A profile of uncached requests, for docs/performance.md: where one page view spends its time.

    DJANGO_SETTINGS_MODULE=… DATABASE_URL=… python -m bench.profile /over-ons/maatwerkbedrijven/

Runs in a process of its own with the production settings (page cache off): a few requests to
warm up, then `--requests` requests through Django's test client under cProfile (the standard
library's; profiling slows Python down about twofold, so read shares, not milliseconds). Prints
Markdown: the functions with the most cumulative time, then those with the most own time, as
shares of the total, with calls per request.
"""

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WHOLE_REQUEST = 0.9  # a function with this share of the time or more wraps the whole request


def where(filename, line, function):
    """A short name: 'django/template/base.py:1000 render' or 'support/finder.py:80 …'."""
    path = filename
    for prefix in ("site-packages/", str(BASE_DIR) + "/", "lib/python3.11/"):
        if prefix in path:
            path = path.split(prefix, 1)[1]
            break
    if path.startswith("~") or path.startswith("<"):
        # Built-ins; "<function X at 0x…>" without its address, which changes every run.
        return re.sub(r" at 0x[0-9a-f]+", "", function)
    return f"{path}:{line} {function}"


def profile(path, requests):
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
    for _ in range(3):
        status = client.get(path).status_code
        if status != 200:
            sys.exit(f"{path} answered {status}")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    elapsed = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)

    def lines(sort, count):
        rows = []
        entries = sorted(stats.stats.items(), key=lambda item: item[1][sort], reverse=True)
        # The layers every request passes through whole (test client, handler, middleware
        # chain) say nothing: left out.
        entries = [entry for entry in entries if entry[1][3] / total < WHOLE_REQUEST]
        for key, (_calls, ncalls, own, cumulative, _callers) in entries[:count]:
            rows.append(
                f"| {cumulative / total:.0%} | {own / total:.0%} | "
                f"{ncalls / requests:,.0f} | `{where(*key)}` |"
            )
        return rows

    header = [
        "| cumulative | own | calls per request | function |",
        "| ---: | ---: | ---: | --- |",
    ]
    return "\n".join(
        [
            f"`{path}`, {requests} requests, {elapsed / requests * 1000:.0f} ms each under the "
            f"profiler, {stats.total_calls / requests:,.0f} function calls each.",
            "",
            "Most cumulative time (a function and everything it calls; the layers that wrap the"
            " whole request, from the test client through the middleware, left out):",
            "",
            *header,
            *lines(3, 25),
            "",
            "Most own time (in the function itself):",
            "",
            *header,
            *lines(2, 15),
        ]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    print(profile(args.path, args.requests))


if __name__ == "__main__":
    main()
