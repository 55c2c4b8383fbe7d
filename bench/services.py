"""Real servers on 127.0.0.1 for the benchmark and the reliability tests.

A throwaway PostgreSQL cluster, a throwaway Redis and gunicorn running the production WSGI
application with production settings, each on its own port, each stopped by its owner.
PostgreSQL refuses to run as root (CI runs as root), so its commands then run as the
`postgres` system user.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# The header a TLS-terminating proxy adds; production settings redirect plain http without it.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def missing_tools():
    """The programs these servers need that this machine lacks, by name."""
    tools = {"initdb": PG_BIN / "initdb", "pg_ctl": PG_BIN / "pg_ctl", "gunicorn": GUNICORN}
    missing = [name for name, path in tools.items() if not Path(path).exists()]
    missing += [
        name for name in ("redis-server", "pg_dump", "pg_restore", "psql") if not shutil.which(name)
    ]
    return missing


def port_is_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_port(first, last):
    for port in range(first, last + 1):
        if port_is_free(port):
            return port
    raise RuntimeError(f"No free port between {first} and {last}.")


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {timeout} s.")


def _as_postgres_user(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """A PostgreSQL cluster of its own in a temporary folder, trusted on 127.0.0.1 only."""

    def __init__(self, port):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="socialeconomy-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            [PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        )

    def _run(self, command):
        subprocess.run(
            _as_postgres_user([str(part) for part in command]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            [PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start"]
        )

    def stop(self, mode="fast"):
        """mode "immediate" is a crash: no checkpoint, connections cut at once."""
        self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"])

    def is_running(self):
        return not port_is_free(self.port)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, database, sql):
        result = subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                self.url(database),
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def create_database(self, name):
        self.psql("postgres", f'CREATE DATABASE "{name}"')

    def destroy(self):
        if self.is_running():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """A Redis that keeps nothing on disk, like the one production uses as a cache."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: not port_is_free(self.port), 10, "Redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def production_env(database_url, redis_url=None, media_root=None, **extra):
    """The environment of a production process, with a throwaway secret and local host names."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="socialeconomy.settings.production",
        SECRET_KEY="bench-and-reliability-tests-only-" + "x" * 32,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if media_root:
        env["MEDIA_ROOT"] = str(media_root)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=check,
        capture_output=True,
        text=True,
    )


def prepare_site(env):
    """Schema, seed content and collected static files, as a release step would."""
    manage(env, "migrate", "--no-input")
    manage(env, "load_initial_data")
    manage(env, "collectstatic", "--no-input")


class Gunicorn:
    """`gunicorn socialeconomy.wsgi` as production runs it (gunicorn.conf.py, which gunicorn
    reads from the project folder), bound to 127.0.0.1:port."""

    def __init__(self, port, env, workers=2, threads=4, log_dir=None):
        self.port = port
        self.env = env
        self.workers = workers
        self.threads = threads
        self.log = (
            Path(log_dir or tempfile.mkdtemp(prefix="socialeconomy-gunicorn-"))
            / f"gunicorn-{port}.log"
        )
        self.process = None

    def start(self):
        self.log_file = open(self.log, "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "socialeconomy.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread",
                "--keep-alive",
                "5",
                "--graceful-timeout",
                "5",
                # Measurements without worker recycling or an access log in the way.
                "--max-requests",
                "0",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        wait_for(self._answers, 30, f"gunicorn on port {self.port}")
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {self.log}:\n{self.log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/static/css/main.css", headers=PROXY_HEADERS)
            return conn.getresponse().status == 200
        except OSError:
            return False

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log_file.close()
        self.process = None

    def log_text(self):
        return self.log.read_text(errors="replace")
