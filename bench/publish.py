"""A publish under load: does the page cache stampede, and does anyone get the old page after it?

While wrk loads a cached page, an editor's publish (a new revision of that page, published in a
separate Django process, as the admin would) changes its text to a unique marker. The bench
reports wrk's throughput in the seconds after the publish against steady cached throughput,
and a poller beside wrk checks every answer: a request sent after the publish committed must
get the marker. Timestamps are `time.monotonic()`, one clock for every process on Linux.
"""

import subprocess
import threading
import time
import uuid

from bench.load import BackgroundLoad
from bench.services import BASE_DIR, PYTHON

# Seconds a publish may take (a revision, the signals, the search index): the measurement
# after it starts with it and lasts this much longer.
PUBLISH_ALLOWANCE = 5

# The poller's threads and the seconds each waits between its requests: a request every few
# milliseconds sees each moment after the commit, and leaves the machine to wrk.
POLLER_THREADS = 2
POLLER_PAUSE = 0.005

# Run in its own process: loads the page, waits for the word, then publishes and tells when it
# started and when publish() returned (committed, on_commit callbacks done).
PUBLISHER = """
import sys, time, django
django.setup()
from wagtail.models import Page
page = Page.objects.get(url_path=sys.argv[1]).specific
page.summary = sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
page.save_revision().publish()
print(started, time.monotonic(), flush=True)
"""


class Publisher:
    """A Django process, started beforehand, that publishes `page_url_path` with `summary` when
    told to (its start-up is not part of what is measured)."""

    def __init__(self, env, page_url_path, summary):
        self.process = subprocess.Popen(
            [PYTHON, "-c", PUBLISHER, page_url_path, summary],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("The publishing process did not start; see its output above.")

    def publish(self):
        """Publishes now; returns (monotonic start, monotonic moment publish() returned)."""
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        started, committed = map(float, self.process.stdout.readline().split())
        self.process.wait(30)
        return started, committed


def publish_under_load(base_url, env, path, page_url_path, wrk, seconds):
    """Steady cached throughput of `path`, then the same while the page is published.

    `wrk(path, seconds)` runs one wrk measurement and returns its result dict. The second one
    starts with the publish and lasts `seconds` plus PUBLISH_ALLOWANCE, so that it covers
    `seconds` after the commit too on a busy machine. Returns a dict: steady and after (wrk
    results), publish_seconds, answers (the poller's answers after the commit), stale (those
    without the new text), errors (non-200 answers of the poller).
    """
    # Steady throughput with the same poller beside wrk as after the publish: what the two
    # differ by is the publish, not the poller's share of the machine.
    with BackgroundLoad(base_url, [path], seconds, POLLER_THREADS, pause=POLLER_PAUSE):
        steady = wrk(path, seconds)
    marker = f"Gewijzigd onder belasting {uuid.uuid4().hex[:12]}."
    publisher = Publisher(env, page_url_path, marker)
    result = {}
    # The poller keeps every body: each answer after the commit must show the new text.
    with BackgroundLoad(
        base_url,
        [path],
        seconds + PUBLISH_ALLOWANCE,
        POLLER_THREADS,
        keep_body=lambda url, status: True,
        pause=POLLER_PAUSE,
    ) as poller:
        measuring = threading.Thread(
            target=lambda: result.update(after=wrk(path, seconds + PUBLISH_ALLOWANCE))
        )
        measuring.start()
        time.sleep(0.1)
        started, committed = publisher.publish()
        measuring.join()
    after_commit = [
        answer for answer in poller.answers() if poller.started + answer.started > committed
    ]
    return {
        "steady": steady,
        "after": result["after"],
        "publish_seconds": committed - started,
        "after_seconds": seconds + PUBLISH_ALLOWANCE,
        "answers": len(after_commit),
        "stale": sum(
            1
            for answer in after_commit
            if answer.status == 200 and marker.encode() not in answer.body
        ),
        "errors": sum(1 for answer in poller.answers() if answer.status != 200),
    }
