"""A small load client: threads with keep-alive connections, bounded in time, 127.0.0.1 only.

Used by the reliability tests, which need every answer's status and, for some, its body. The
benchmark uses wrk instead (bench/run.py): a Python client would be the bottleneck.
"""

import http.client
import itertools
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench.services import PROXY_HEADERS


@dataclass
class Answer:
    url: str
    status: int  # 0 when no HTTP answer came (connection refused, reset, timeout)
    started: float  # seconds since the run began
    seconds: float
    x_cache: str = ""
    body: bytes = b""
    error: str = ""


@dataclass
class LoadResult:
    answers: list = field(default_factory=list)
    duration: float = 0.0

    def errors(self):
        return [a for a in self.answers if a.status == 0 or a.status >= 500]

    def by_status(self):
        counts = {}
        for answer in self.answers:
            counts[answer.status] = counts.get(answer.status, 0) + 1
        return counts


def _worker(base, urls, deadline, started_at, keep_body, answers, lock, stop, pause):
    host = urlsplit(base)
    conn = None
    for url in urls:
        if time.monotonic() >= deadline or stop.is_set():
            break
        if conn is None:
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        begin = time.monotonic()
        try:
            conn.request("GET", url, headers=PROXY_HEADERS)
            response = conn.getresponse()
            body = response.read()
            answer = Answer(
                url,
                response.status,
                begin - started_at,
                time.monotonic() - begin,
                x_cache=response.getheader("X-Cache", ""),
                body=body if keep_body(url, response.status) else b"",
            )
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as error:
            answer = Answer(url, 0, begin - started_at, time.monotonic() - begin, error=repr(error))
            conn.close()
            conn = None
            time.sleep(0.01)
        # Shared at once, so that a test can wait for enough answers while the load goes on.
        with lock:
            answers.append(answer)
        if pause:
            stop.wait(pause)
    if conn is not None:
        conn.close()


def run_load(
    base,
    urls,
    seconds,
    concurrency,
    keep_body=lambda url, status: status != 200,
    answers=None,
    lock=None,
    stop=None,
    pause=0,
):
    """GETs `urls` round-robin from `concurrency` threads for `seconds` (or until `stop` is set);
    returns every answer.

    `base` may be one address or a list of them (threads are spread over the instances).
    `answers` (a list, guarded by `lock`) receives each answer as it comes. `pause`: seconds
    each thread waits after an answer (a light load beside another one).
    """
    bases = [base] if isinstance(base, str) else list(base)
    started_at = time.monotonic()
    deadline = started_at + seconds
    answers = [] if answers is None else answers
    lock = lock or threading.Lock()
    stop = stop or threading.Event()
    threads = [
        threading.Thread(
            target=_worker,
            args=(
                bases[number % len(bases)],
                itertools.islice(itertools.cycle(urls), number % len(urls), None),
                deadline,
                started_at,
                keep_body,
                answers,
                lock,
                stop,
                pause,
            ),
            daemon=True,
        )
        for number in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    stop.set()
    with lock:
        ordered = sorted(answers, key=lambda a: a.started)
    return LoadResult(ordered, time.monotonic() - started_at)


class BackgroundLoad:
    """run_load in a thread, so a test can stop a service while the load goes on.

    A test waits for enough answers (wait_until) rather than for a number of seconds: a busy
    machine answers fewer requests per second, and the phases simply last longer.
    """

    def __init__(self, *args, **kwargs):
        self.result = None
        self.started = None
        self._answers, self._lock, self._stop = [], threading.Lock(), threading.Event()
        kwargs.update(answers=self._answers, lock=self._lock, stop=self._stop)
        self._thread = threading.Thread(target=self._run, args=args, kwargs=kwargs, daemon=True)

    def _run(self, *args, **kwargs):
        self.result = run_load(*args, **kwargs)

    def __enter__(self):
        self.started = time.monotonic()
        self._thread.start()
        return self

    def elapsed(self):
        return time.monotonic() - self.started

    def answers(self):
        """The answers so far, in the order their requests were sent."""
        with self._lock:
            return sorted(self._answers, key=lambda a: a.started)

    def wait_until(self, condition, timeout=180):
        """Waits until condition(answers so far) holds; TimeoutError after `timeout` seconds (a
        bound for a broken run, far beyond what a slow machine needs)."""
        deadline = time.monotonic() + timeout
        while not condition(self.answers()):
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise TimeoutError(f"The load did not get there: {self.by_status()}")
            time.sleep(0.1)

    def by_status(self):
        return LoadResult(self.answers()).by_status()

    def stop(self):
        self._stop.set()

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
