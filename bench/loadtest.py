"""`make loadtest`: the public site under bounded load, once healthy and once with
Redis hung.

Starts gunicorn with the production settings on a fresh PostgreSQL database with the
demo content (the same set-up as `make bench`), then runs LOADTEST_CLIENTS concurrent
clients on loopback for LOADTEST_SECONDS. Each client, at random, reads a public page in
English or Arabic (home, about, FAQ, memorial list, a person; half of the time with a
random ``?cb=`` parameter), searches for random words, or starts a donation: GET the
form, POST it with its CSRF token to the test provider, follow the 303 to the
provider's checkout page. Every client stops at the deadline; a request that takes
longer than LOADTEST_TIMEOUT counts as an error.

The second run points REDIS_URL at a socket of our own that accepts connections and
never answers (a Redis that hangs). Before and after each run it reads the real
Redis's memory (INFO used_memory) and the size of the load test's database there.

Verdict: no errors, and no 5xx other than a designed 503 that says when to come back
(``Retry-After``). A 429 from the donation rate limit is a designed answer too. The
exit code is 1 when the verdict fails. Writes reports/loadtest.json.
"""

import http.client
import json
import os
import random
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from html.parser import HTMLParser
from urllib.parse import urlencode, urlparse

from bench.faults import Blackhole
from bench.server import (
    BASE_DIR,
    REPORTS,
    Gunicorn,
    environment,
    prepare,
    recreate_database,
)

SECONDS = float(os.environ.get("LOADTEST_SECONDS", "20"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "16"))
TIMEOUT = float(os.environ.get("LOADTEST_TIMEOUT", "10"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/14")
# What each client does, by weight.
MIX = {"page": 70, "search": 20, "donation": 10}
WORDS = ["aleppo", "idlib", "volunteer", "rescue", "دفاع", "مدني", "memorial", "faq"]


# The server ------------------------------------------------------------------------


class Server(Gunicorn):
    """bench's gunicorn, ready as soon as it answers HTTP at all: with a broken
    dependency ``/healthz`` is meant to answer 503, and that is part of what we test."""

    def __init__(self, env, workers, log):
        super().__init__(env, workers=workers)
        self.log = log

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "whitehelmets.wsgi:application"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
            + ["--timeout", "30", "--log-level", "warning"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=10):
                    pass
            except urllib.error.HTTPError:
                pass  # it answers: that is enough
            except OSError:
                time.sleep(0.3)
                continue
            if len(self.worker_pids()) == self.workers:
                return self
        self.__exit__()
        raise RuntimeError("gunicorn did not start")


# Redis figures ---------------------------------------------------------------------


def redis_figures(url):
    """used_memory of the whole server, keys and bytes of the load test's database."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    keys = client.dbsize()
    used = 0
    for number, key in enumerate(client.scan_iter(count=1000)):
        if number >= 200_000:
            break
        used += client.memory_usage(key, samples=0) or 0
    return {
        "used_memory": client.info("memory")["used_memory"],
        "dbsize": keys,
        "db_bytes": used,
    }


def healthz(url):
    """What the load balancer's check says at the end of the run (reported only)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=TIMEOUT) as reply:
            status, body = reply.status, reply.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        status, body = type(error).__name__, b""
    return {
        "status": status,
        "seconds": round(time.monotonic() - started, 2),
        "body": body.decode("utf-8", "replace")[:200].strip(),
    }


# The clients -----------------------------------------------------------------------


class FormInputs(HTMLParser):
    """The fields of the first POST form: what a browser would send as it stands."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self._inside = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "form"
            and not self._done
            and attrs.get("method", "").lower() == "post"
        ):
            self._inside = True
            self.action = attrs.get("action") or ""
        elif tag == "input" and self._inside and attrs.get("name"):
            kind = attrs.get("type", "text")
            name = attrs["name"]
            if kind in ("radio", "checkbox"):
                if "checked" in attrs or name not in self.fields:
                    self.fields[name] = attrs.get("value", "on")
            elif kind != "submit":
                self.fields[name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._inside:
            self._inside = False
            self._done = True


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.errors = defaultdict(Counter)

    def add(self, group, status, seconds, error=None):
        with self.lock:
            self.statuses[group][status] += 1
            if seconds is not None:
                self.latencies[group].append(seconds)
            if error:
                self.errors[group][error] += 1


def random_words():
    letters = string.ascii_lowercase + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    word = "".join(random.choices(letters, k=random.randint(2, 9)))
    return " ".join(random.sample(WORDS, random.randint(0, 2)) + [word])


class Client(threading.Thread):
    """One visitor with one keep-alive connection and a cookie jar."""

    def __init__(self, number, port, pages, donate, deadline, results):
        super().__init__(daemon=True)
        self.port = port
        self.pages = pages
        self.donate = donate
        self.deadline = deadline
        self.results = results
        self.cookies = {}
        self.connection = None
        self.random = random.Random(number)

    def request(self, group, method, path, body=None, headers=None, expect=(200,)):
        """One request; returns (status, headers, body) or None on failure."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=TIMEOUT
                )
            self.connection.request(method, path, body=body, headers=headers)
            reply = self.connection.getresponse()
            content = reply.read()
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            self.connection = None
            kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
            # A failure counts in the latencies too: a timeout is a 10 s wait.
            self.results.add(group, kind, time.monotonic() - started, error=kind)
            return None
        seconds = time.monotonic() - started
        if reply.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        for value in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        status = reply.status
        error = None
        if status == 503 and reply.getheader("Retry-After"):
            pass  # designed: "come back later"
        elif status == 429 and group in ("donation post", "checkout"):
            pass  # designed: the checkout limit (its challenge page says so)
        elif status not in expect:
            error = f"HTTP {status}"
        self.results.add(group, status, seconds, error=error)
        return status, reply, content

    def visit_page(self):
        group, path = self.random.choice(self.pages)
        if self.random.random() < 0.5:
            path += "?" + urlencode({"cb": self.random.randrange(10**9)})
        self.request(group, "GET", path)

    def search(self):
        language = self.random.choice(("en", "ar"))
        query = {"q": random_words()}
        if self.random.random() < 0.3:
            query["cb"] = self.random.randrange(10**9)
        self.request("search", "GET", f"/{language}/search/?{urlencode(query)}")

    def donation(self):
        # Each gift is a donor of their own: a browser of their own (no cookies yet)
        # at an address of their own, as the fair limits count them.
        self.cookies = {}
        path = self.random.choice(self.donate)
        answer = self.request("donation form", "GET", path)
        if not answer or answer[0] != 200:
            return
        form = FormInputs()
        form.feed(answer[2].decode("utf-8", "replace"))
        if "csrfmiddlewaretoken" not in form.fields:
            self.results.add("donation form", "no CSRF token", None, "no CSRF token")
            return
        # A donor's own address, as nginx (the one trusted proxy) passes it on.
        donor = ".".join(str(self.random.randrange(1, 255)) for _ in range(3))
        answer = self.request(
            "donation post",
            "POST",
            form.action or path,
            body=urlencode(form.fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": f"10.{donor}",
            },
            expect=(303,),
        )
        if answer and answer[0] == 303:
            location = urlparse(answer[1].getheader("Location", ""))
            self.request("checkout", "GET", location.path or "/")

    def run(self):
        actions = [self.visit_page, self.search, self.donation]
        while time.monotonic() < self.deadline:
            self.random.choices(actions, weights=list(MIX.values()))[0]()
        if self.connection:
            self.connection.close()


def load(port, urls):
    pages = [
        (name.split(" ")[0], url)
        for name, url in urls.items()
        if not name.startswith("donate")
    ]
    donate = [url for name, url in urls.items() if name.startswith("donate")]
    results = Results()
    deadline = time.monotonic() + SECONDS
    started = time.monotonic()
    cpu = time.process_time()
    clients = [
        Client(number, port, pages, donate, deadline, results)
        for number in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=SECONDS + TIMEOUT * 4 + 30)
    results.client_cpu = time.process_time() - cpu
    return results, time.monotonic() - started


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(results, elapsed):
    groups = {}
    for group in sorted(results.statuses):
        latencies = results.latencies[group]
        groups[group] = {
            "requests": sum(results.statuses[group].values()),
            "errors": sum(results.errors[group].values()),
            "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
            "statuses": {
                str(k): v for k, v in sorted(results.statuses[group].items(), key=str)
            },
            "error_kinds": dict(results.errors[group]),
        }
    statuses = Counter()
    for counter in results.statuses.values():
        statuses.update({str(k): v for k, v in counter.items()})
    total = sum(g["requests"] for g in groups.values())
    return {
        "requests": total,
        "errors": sum(g["errors"] for g in groups.values()),
        "seconds": round(elapsed, 1),
        "rps": round(total / max(elapsed, 1e-9), 1),
        # What the load itself costs (it shares the machine with the server).
        "client_cpu_ms_per_request": round(
            results.client_cpu * 1000 / max(total, 1), 2
        ),
        "statuses": dict(sorted(statuses.items())),
        "groups": groups,
    }


def run(name, database_url, cache_url, urls):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # only the load test's own database
    env = environment(database_url, REDIS_URL=cache_url, CLIENT_IP_TRUSTED_PROXIES=1)
    print(f"\n== {name}: {CLIENTS} clients for {SECONDS:g} s", flush=True)
    REPORTS.mkdir(exist_ok=True)
    log_path = REPORTS / f"loadtest-{name.replace(' ', '-')}.log"
    with open(log_path, "w") as log, Server(env, WORKERS, log) as server:
        before = redis_figures(REDIS_URL)
        results, elapsed = load(server.port, urls)
        health = healthz(server.url)
        after = redis_figures(REDIS_URL)
    outcome = summary(results, elapsed)
    outcome["redis_before"], outcome["redis_after"] = before, after
    outcome["healthz"] = health
    with open(log_path, errors="replace") as log:
        outcome["server_log_lines"] = sum(1 for _line in log)
    outcome["server_log"] = str(log_path)
    # A 503 without Retry-After is already counted as an error.
    undesigned = [s for s in outcome["statuses"] if s.startswith("5") and s != "503"]
    outcome["verdict"] = outcome["errors"] == 0 and not undesigned
    report(name, outcome)
    return outcome


def report(name, outcome):
    header = (
        f"{'group':<16}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}  statuses"
    )
    print(header)
    print("-" * len(header))
    for group, entry in outcome["groups"].items():
        statuses = " ".join(f"{k}:{v}" for k, v in entry["statuses"].items())
        print(
            f"{group:<16}{entry['requests']:>9}{entry['errors']:>8}"
            f"{entry['p50_ms']:>9.1f}{entry['p99_ms']:>9.1f}  {statuses}"
        )
    print(
        f"{'all':<16}{outcome['requests']:>9}{outcome['errors']:>8}"
        f"{'':>18}  {outcome['rps']} req/s over {outcome['seconds']} s "
        f"(clients' CPU {outcome['client_cpu_ms_per_request']} ms/request)"
    )
    before, after = outcome["redis_before"], outcome["redis_after"]
    print(
        "Redis: used_memory "
        f"{before['used_memory'] / 2**20:.1f} MB -> "
        f"{after['used_memory'] / 2**20:.1f} MB; "
        f"load-test database {before['dbsize']} -> {after['dbsize']} keys, "
        f"{before['db_bytes'] / 2**20:.1f} -> {after['db_bytes'] / 2**20:.1f} MB"
    )
    health = outcome["healthz"]
    print(f"/healthz after the run: {health['status']} in {health['seconds']} s")
    print(f"Server log: {outcome['server_log_lines']} lines in {outcome['server_log']}")
    verdict = "PASS" if outcome["verdict"] else "FAIL"
    print(
        f"Verdict ({name}): {verdict}: {outcome['errors']} errors; "
        f"statuses {outcome['statuses']}"
    )


def main():
    database_url = os.environ["DATABASE_URL"]
    print(
        f"Preparing a fresh database ({database_url.rsplit('/', 1)[-1]})…", flush=True
    )
    recreate_database(database_url)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = environment(database_url, REDIS_URL=REDIS_URL)
    prepare(env)
    os.environ.update(env)
    import django

    django.setup()
    from bench.__main__ import page_urls

    urls = page_urls()
    database = urlparse(REDIS_URL).path.lstrip("/") or "0"
    outcomes = {"healthy": run("healthy", database_url, REDIS_URL, urls)}
    with Blackhole() as blackhole:
        hung = f"redis://127.0.0.1:{blackhole.port}/{database}"
        outcomes["redis hung"] = run("redis hung", database_url, hung, urls)
        outcomes["redis hung"]["blackhole_connections"] = blackhole.accepted
    outcomes["settings"] = {
        "clients": CLIENTS,
        "seconds": SECONDS,
        "timeout": TIMEOUT,
        "workers": WORKERS,
        "mix": MIX,
        "machine_cores": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "loadtest.json").write_text(
        json.dumps(outcomes, indent=2, ensure_ascii=False)
    )
    print(f"\nWritten: {REPORTS / 'loadtest.json'}")
    passed = all(outcomes[name]["verdict"] for name in ("healthy", "redis hung"))
    print(
        "Load test: PASS (both runs)"
        if passed
        else "Load test: FAIL (see the verdict of each run)"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
