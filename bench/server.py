"""A production-like site for measurements: fresh PostgreSQL database, demo content,
collected static files, gunicorn with the production settings on loopback."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
REPORTS = BASE_DIR / "reports"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="whitehelmets.settings.production",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        DONATIONS_PROVIDER="test",
        DONATIONS_ALLOW_TEST_PROVIDER="true",
        BENCHMARK_CEILING_VIEW="true",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def recreate_database(database_url):
    """Drop and create the benchmark database (never the one `make run` uses)."""
    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    if not name.endswith("_bench"):
        raise SystemExit(f"Refusing to recreate {name!r}: its name must end in _bench")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args, quiet=True):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "update_translation_fields")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")


class Gunicorn:
    """gunicorn with N sync workers; exposes the workers' pids for CPU accounting."""

    def __init__(self, env, workers=2, app="whitehelmets.wsgi:application", log=None):
        self.env = env
        self.workers = workers
        self.app = app
        self.log = log  # a file that gets one access-log line per request served
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                self.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                *(["--access-logfile", str(self.log)] if self.log else []),
            ],
            cwd=BASE_DIR,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as reply:
                    if reply.status == 200 and len(self.worker_pids()) == self.workers:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def requests_served(self, exclude="/healthz"):
        """Requests in the access log (``log``), but the start-up health checks."""
        try:
            lines = Path(self.log).read_text().splitlines()
        except OSError:
            return 0
        return sum(1 for line in lines if f" {exclude} " not in line)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self):
        """User + system CPU time of the workers, from the kernel's accounting."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks


class Varnish:
    """varnishd with the compose stack's VCL (deploy/varnish/default.vcl), its backend
    pointed at ``backend_port`` on loopback; a traffic listener (``url``) and the purge
    listener (``purge_url``), as in docker-compose.yml."""

    VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
    # Its parameters (http_gzip_support, the shared memory log's mask), as compose
    # starts it.
    START = BASE_DIR / "deploy" / "varnish" / "start.cli"

    def __init__(self, workdir, backend_port, memory="32m", extra=()):
        self.workdir = Path(workdir)
        self.extra = list(extra)
        self.backend_port = backend_port
        self.memory = memory
        self.port, self.purge_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.purge_url = f"http://127.0.0.1:{self.purge_port}"
        self.process = None

    def __enter__(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        vcl = self.VCL.read_text()
        assert '.host = "balancer";' in vcl and '.port = "8000";' in vcl
        vcl = vcl.replace('.host = "balancer";', '.host = "127.0.0.1";').replace(
            '.port = "8000";', f'.port = "{self.backend_port}";'
        )
        (self.workdir / "default.vcl").write_text(vcl)
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",  # no separate user: it reads the files of whoever runs it
                "-n",
                str(self.workdir / "state"),
                "-f",
                str(self.workdir / "default.vcl"),
                "-a",
                f"http=127.0.0.1:{self.port},HTTP",
                "-a",
                f"purge=127.0.0.1:{self.purge_port},HTTP",
                "-s",
                f"malloc,{self.memory}",
                "-I",
                str(self.START),
                *self.extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        error = self.process.stderr.read().decode() if self.process.poll() else ""
        self.__exit__()
        raise RuntimeError(f"varnishd did not start: {error}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def pids(self):
        """The manager and its cache process (every thread is counted in each)."""
        return [self.process.pid, *children(self.process.pid)]

    def cpu_seconds(self):
        return process_cpu_seconds(self.pids())

    def counter(self, name="MAIN.backend_req"):
        """One of varnishstat's counters (MAIN.backend_req: fetches from the app)."""
        output = subprocess.run(
            ["varnishstat", "-n", str(self.workdir / "state"), "-1", "-f", name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return int(output[1]) if len(output) > 1 else 0

    def forget_everything(self):
        subprocess.run(
            ["varnishadm", "-n", str(self.workdir / "state"), "ban", "req.url ~ ."],
            capture_output=True,
            check=True,
        )


class StaticNginx:
    """nginx serving ``body`` as a static file on loopback: the web server's ceiling."""

    def __init__(self, body, workers=2):
        # Its own directory, readable by nginx's workers (which may run as "nobody").
        self.workdir = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.body = body
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        root = self.workdir / "root" / "bench"
        root.mkdir(parents=True, exist_ok=True)
        (root / "ceiling").write_bytes(self.body)
        for path in (self.workdir, self.workdir / "root", root, root / "ceiling"):
            path.chmod(0o755)
        (self.workdir / "nginx.conf").write_text(
            f"daemon off;\nworker_processes {self.workers};\n"
            f"pid {self.workdir}/nginx.pid;\nerror_log stderr error;\n"
            "events { worker_connections 1024; }\n"
            "http {\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n"
            f"  default_type text/html;\n  client_body_temp_path {self.workdir};\n"
            f"  server {{\n    listen 127.0.0.1:{self.port};\n"
            f"    root {self.workdir}/root;\n  }}\n}}\n"
        )
        self.process = subprocess.Popen(
            ["nginx", "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")]
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/bench/ceiling", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("nginx did not start")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def cpu_seconds(self):
        return process_cpu_seconds([self.process.pid, *children(self.process.pid)])


def children(pid):
    try:
        return [
            int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def process_cpu_seconds(pids):
    """User + system CPU time of ``pids`` (all their threads), from the kernel."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks
