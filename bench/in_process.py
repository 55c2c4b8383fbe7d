"""Milliseconds per uncached view in one process, without a server: to compare two versions of
the code on one database quickly (the benchmark, bench.run, measures the served site).

    DJANGO_SETTINGS_MODULE=socialeconomy.settings.production DATABASE_URL=… \\
    SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 PAGE_CACHE_TIMEOUT=0 \\
        python -m bench.in_process /over-ons/ /ondersteuning/ --views 100 --rounds 5

Each address is viewed a few times to warm up (its fragments are then kept), then `--rounds`
times `--views` views through Django's test client; the best round's mean is printed (the
queries per view are tests/test_query_counts.py's business). Milliseconds on a shared machine
vary between runs: compare two versions in the same minutes, and read ratios.
"""

import argparse
import sys
import time


def measure(paths, views, rounds):
    """(address, ms per view in the best round) for each address."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
    results = []
    for path in paths:
        for _ in range(5):
            status = client.get(path).status_code
            if status != 200:
                sys.exit(f"{path} answered {status}")
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(views):
                client.get(path)
            best = min(best, (time.perf_counter() - started) / views)
        results.append((path, best * 1000))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="addresses, e.g. /over-ons/")
    parser.add_argument("--views", type=int, default=100, help="views per round (100)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, best kept (5)")
    args = parser.parse_args(argv)
    for path, milliseconds in measure(args.paths, args.views, args.rounds):
        print(f"| `{path}` | {milliseconds:.2f} ms |")


if __name__ == "__main__":
    main()
