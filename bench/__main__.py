"""`make bench`: speed, queries and weight of the pages under production settings.

Starts gunicorn (2 sync workers) on a fresh PostgreSQL database with the demo content,
loads each page with wrk on loopback (bounded in connections and time) and reads the
workers' CPU time from the kernel; the same for two ceilings (a bare Django view, nginx
serving a static file) and for the pages through Varnish (deploy/varnish/default.vcl),
then publishes a page while wrk loads the main pages through Varnish. Prints a table
and writes reports/bench.json. ``python -m bench --only renders`` measures only the
bare Django ceiling and the uncached renders.
See docs/performance.md for how to read it.
"""

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

from bench.server import (
    REPORTS,
    Gunicorn,
    StaticNginx,
    Varnish,
    environment,
    prepare,
    recreate_database,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PUBLISH_CONNECTIONS = int(os.environ.get("BENCH_PUBLISH_CONNECTIONS", "16"))
# What a browser sends: Varnish keeps pages gzipped and sends them so. The host is the
# demo site's, which the purge requests name.
SITE = ("Host: localhost",)
BROWSER = ("Accept-Encoding: gzip, br", *SITE)
TARGETS = {
    "cpu_ms_uncached": 8.0,
    "queries": 12,
    "cached_ratio": 1.3,  # the site's cached path, × the bare Django view
    "varnish_ratio": 2.0,  # a Varnish hit, × nginx serving a static file
    "html_kb": 40.0,
    "total_kb": 100.0,
}
# Uncached render CPU, × the bare Django view (issue 12).
RENDER_RATIO_TARGETS = {
    "home": 9,
    "about": 16,
    "faq": 16,
    "person": 16,
    "memorial": 30,
}


def load(url, headers=(), script=None, seconds=None, connections=None, until=None):
    """wrk against one URL (or the paths ``script`` asks for), for ``seconds`` or
    until ``until()`` returns; returns requests, req/s, p50/p99 latency (ms), errors
    (non-2xx/3xx answers and socket errors; a request is given 10 s)."""
    seconds = seconds or SECONDS
    command = ["wrk", "-t1", f"-c{connections or CONNECTIONS}", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    if until is None:
        output = subprocess.run(
            [*command, f"-d{seconds}s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    else:  # stopped (SIGINT) once until() returns; wrk then reports as usual
        process = subprocess.Popen(
            [*command, "-d120s", "--latency", url], stdout=subprocess.PIPE, text=True
        )
        try:
            until()
        finally:
            process.send_signal(signal.SIGINT)
            output = process.communicate(timeout=60)[0]

    def number(pattern, convert=float):
        match = re.search(pattern, output)
        return convert(match.group(1)) if match else 0

    def latency(percentile):
        match = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)\b", output)
        if not match:
            return 0.0
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "requests": number(r"(\d+) requests in", int),
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "errors": number(r"Non-2xx or 3xx responses: (\d+)", int)
        + sum(
            int(n)
            for n in re.findall(
                r"(?:connect|read|write|timeout) (\d+)",
                re.search(r"Socket errors:.*", output).group(0)
                if "Socket errors" in output
                else "",
            )
        ),
    }


def measure(server, url, headers=()):
    request = urllib.request.Request(
        server.url + url, headers=dict(h.split(": ", 1) for h in headers)
    )
    for _ in range(20):  # warm up: imports, connections, renditions, caches
        with urllib.request.urlopen(request, timeout=10) as reply:
            reply.read()
            page_cache = reply.headers.get("X-Page-Cache", "")
    before = server.cpu_seconds()
    result = load(server.url + url, headers)
    used = server.cpu_seconds() - before
    result["cpu_ms"] = round(used * 1000 / max(result["requests"], 1), 3)
    # "hit" when the anonymous page cache served it; empty when the page is never
    # cached (the donation form carries a CSRF token).
    result["page_cache"] = page_cache
    return result


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs.get("href"))
        elif attrs.get("src") and (
            tag == "script" or (tag == "img" and attrs.get("loading") != "lazy")
        ):
            self.urls.append(attrs["src"])


def fetch(url):
    """The bytes a browser would transfer for ``url`` (compressed when the server
    compresses) and the decoded body."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        body = reply.read()
        encoding = reply.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        return len(body), gzip.decompress(body)
    if encoding == "br":
        import brotli

        return len(body), brotli.decompress(body)
    return len(body), body


def media_bytes(url):
    """The size of a media file (a picture's rendition), read where the app wrote it:
    in production the web server sends media from that volume, not gunicorn."""
    from django.conf import settings

    path = Path(settings.MEDIA_ROOT) / unquote(url.removeprefix(settings.MEDIA_URL))
    return path.stat().st_size


def weight(server, url):
    """What a browser transfers for the page before it scrolls: the HTML, its
    styles, scripts and icon, and the pictures not loaded lazily (counted apart:
    the targets are for a page without photos)."""
    from django.conf import settings

    html_sent, html = fetch(server.url + url)
    parser = Assets()
    parser.feed(html.decode())
    assets = [a for a in dict.fromkeys(parser.urls) if a and a.startswith("/")]
    pictures = [a for a in assets if a.startswith(settings.MEDIA_URL)]
    asset_bytes = sum(
        fetch(server.url + asset)[0] for asset in assets if asset not in pictures
    )
    picture_bytes = sum(media_bytes(picture) for picture in pictures)
    return {
        "html_kb": round(len(html) / 1024, 1),
        "html_gzip_kb": round(html_sent / 1024, 1),
        "total_kb": round((html_sent + asset_bytes) / 1024, 1),
        "pictures_kb": round(picture_bytes / 1024, 1),
        "requests": 1 + len(assets),
    }


def page_urls():
    """The pages to measure, found in the demo site (both languages)."""
    from django.test import Client
    from wagtail.models import Page

    pages = {}
    for key, slug in [
        ("home", None),
        ("about", "who-we-are"),
        ("faq", "faq"),
        ("memorial", "memorial"),
        ("donate", "donate"),
        ("statements", "statements"),
        ("statement", "how-we-answer-false-claims"),
    ]:
        page = (
            Page.objects.get(depth=2)
            if slug is None
            else Page.objects.get(slug_en=slug)
        ).specific
        for language in ("en", "ar"):
            pages[f"{key} ({language})"] = page.get_translated_url(language)
    client = Client()
    for language in ("en", "ar"):
        memorial = pages[f"memorial ({language})"]
        html = client.get(memorial, secure=True).content.decode()
        links = [
            link
            for link in re.findall(r'href="([^"?#]+)"', html)
            if link.startswith(memorial) and link != memorial and link.endswith("/")
        ]
        if links:
            pages[f"person ({language})"] = links[0]
    return pages


def queries(urls):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, url in urls.items():
        client.get(url, secure=True)  # first view may fill caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(captured)
    return counts


def memorial_import():
    try:
        from memorial import benchmarks
    except ImportError:
        return None
    return benchmarks.import_10000_rows()


def ceilings(workdir, database_url):
    """The two ceilings: a bare Django view (no project middleware) under the same
    gunicorn, and nginx serving the same bytes as a static file."""
    bare = Gunicorn(
        environment(database_url, DJANGO_SETTINGS_MODULE="bench.bare"),
        app="bench.bare:application",
    )
    with bare:
        result = {"bare_django": measure(bare, "/bench/ceiling")}
        with urllib.request.urlopen(bare.url + "/bench/ceiling") as reply:
            body = reply.read()
    with StaticNginx(body) as nginx:
        result["nginx_static"] = measure(nginx, "/bench/ceiling")
        with urllib.request.urlopen(nginx.url + "/bench/ceiling") as reply:
            assert reply.read() == body
    return result, body


class Through:
    """Varnish as ``measure()`` sees a server: its URL and its own CPU time."""

    def __init__(self, varnish):
        self.url = varnish.url
        self.cpu_seconds = varnish.cpu_seconds


def through_varnish(varnish, app, urls):
    """Each cacheable page, and the 30 KB ceiling, from Varnish; the app's work
    during each run (backend fetches, CPU) should be nil."""
    results = {}
    runs = [("ceiling", "/bench/ceiling", SITE), *((n, u, BROWSER) for n, u in urls)]
    for name, url, headers in runs:
        request = urllib.request.Request(
            varnish.url + url, headers=dict(h.split(": ", 1) for h in headers)
        )
        urllib.request.urlopen(request, timeout=30).read()  # into Varnish first
        fetches, app_cpu = varnish.counter(), app.cpu_seconds()
        result = measure(Through(varnish), url, headers)
        result["backend_fetches"] = varnish.counter() - fetches
        result["app_cpu_ms"] = round((app.cpu_seconds() - app_cpu) * 1000, 1)
        results[name] = result
    return results


# Loads Django first, then publishes the FAQ page (every page is purged) when told.
PUBLISH = """
import sys
from wagtail.models import Page
page = Page.objects.get(slug_en="faq").specific
print("ready", flush=True)
sys.stdin.readline()
page.save_revision().publish()
print("published", flush=True)
"""


def publish_under_load(varnish, app, urls, env, workdir):
    """wrk on the home, FAQ and memorial pages in both languages through Varnish;
    a page is published (every page purged) in the middle of the second window."""
    paths = [quote(url, safe="/%?=&") for url in urls]
    script = Path(workdir) / "rotate.lua"
    script.write_text(
        "local paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1], "
        "{['Accept-Encoding'] = 'gzip, br', ['Host'] = 'localhost'})\n"
        "end\n"
    )
    for path in paths:  # every page in Varnish before the first window
        request = urllib.request.Request(
            varnish.url + path, headers=dict(h.split(": ", 1) for h in BROWSER)
        )
        urllib.request.urlopen(request, timeout=30).read()
    window = max(SECONDS, 4)
    results = {}

    def run(phase, publish=False):
        fetches, logged = varnish.counter(), app.requests_served()
        until, timing = None, {}
        if publish:
            shell = subprocess.Popen(
                [sys.executable, "manage.py", "shell", "-c", PUBLISH],
                env={**env, "FRONTEND_CACHE_PURGE_URL": varnish.purge_url},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            while (line := shell.stdout.readline()) and line.strip() != "ready":
                pass  # (the shell first says what it imported)

            def until():
                """One second of load, the publish (and its purge), then as long
                again as the publish took, at least two seconds."""
                time.sleep(1)
                started = time.monotonic()
                shell.stdin.write("go\n")
                shell.stdin.flush()
                assert shell.stdout.readline().strip() == "published"
                timing["publish_s"] = round(time.monotonic() - started, 2)
                time.sleep(max(2, timing["publish_s"]))
                shell.wait(timeout=60)

        result = load(
            varnish.url + paths[0],
            script=script,
            seconds=window,
            connections=PUBLISH_CONNECTIONS,
            until=until,
        )
        result.update(timing)
        if publish:
            result["published"] = shell.returncode == 0
        time.sleep(0.3)
        result["backend_fetches"] = varnish.counter() - fetches
        result["app_requests"] = app.requests_served() - logged
        results[phase] = result

    run("before")
    run("during", publish=True)
    run("after")
    results["pages"] = len(paths)
    results["connections"] = PUBLISH_CONNECTIONS
    return results


def renders_only(urls, query_counts, database_url):
    """``python -m bench --only renders``: the bare Django ceiling and each page
    rendered without the page cache, as ratios to it (a quicker run while working
    on what a render costs)."""
    bare = Gunicorn(
        environment(database_url, DJANGO_SETTINGS_MODULE="bench.bare"),
        app="bench.bare:application",
    )
    with bare:
        ceiling = measure(bare, "/bench/ceiling")["cpu_ms"]
    extra = {"PAGE_CACHE_SECONDS": 0, "REDIS_URL": REDIS_URL}
    print(f"\nbare Django view: {ceiling:.3f} ms CPU/req")
    print(f"{'page':<16}{'CPU ms':>8}{'×bare':>7}{'target':>8}{'SQL':>5}")
    results = {}
    with Gunicorn(environment(database_url, **extra)) as server:
        measure(server, "/bench/ceiling")  # as the full run does first: warms both
        for name, url in urls.items():
            cpu = measure(server, url)["cpu_ms"]
            key = name.split(" (")[0]
            target = RENDER_RATIO_TARGETS.get(key)
            results[name] = round(cpu / ceiling, 2)
            print(
                f"{name:<16}{cpu:>8.2f}{cpu / ceiling:>7.1f}"
                f"{(f'<={target}' if target else ''):>8}{query_counts[name]:>5}"
            )
    missed = [
        name
        for name, ratio in results.items()
        if ratio > RENDER_RATIO_TARGETS.get(name.split(" (")[0], float("inf"))
    ]
    print(f"\nTargets: {'all met' if not missed else 'MISS ' + ', '.join(missed)}")


def main():
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if only not in (None, "renders"):
        raise SystemExit("--only takes: renders")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    for program in ("nginx", "varnishd"):
        if not shutil.which(program):
            raise SystemExit(f"{program} is needed: apt-get install {program}")
    database_url = os.environ["DATABASE_URL"]
    print(f"Preparing the database ({database_url.rsplit('/', 1)[-1]})…", flush=True)
    env = environment(database_url, PAGE_CACHE_SECONDS=0, REDIS_URL=REDIS_URL)
    # A fresh database needs a fresh cache: versions and pages of an earlier run go.
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    if not os.environ.get("BENCH_KEEP_DATABASE"):  # set: the last run's, as it is
        recreate_database(database_url)
        prepare(env)
    os.environ.update(env)
    import django

    django.setup()
    urls = page_urls()
    query_counts = queries(urls)
    if only == "renders":
        return renders_only(urls, query_counts, database_url)
    workdir = tempfile.mkdtemp(prefix="bench-")

    print("Measuring the ceilings…", flush=True)
    results = {"ceiling": {}, "pages": {}}
    results["ceilings"], body = ceilings(workdir, database_url)
    cached_env = {"PAGE_CACHE_SECONDS": 600, "REDIS_URL": REDIS_URL}
    for mode, extra in [
        # As production runs (Redis for the menu cache), with the page cache off.
        ("uncached", {"PAGE_CACHE_SECONDS": 0, "REDIS_URL": REDIS_URL}),
        ("cached", cached_env),
    ]:
        print(f"Measuring {mode}…", flush=True)
        with Gunicorn(environment(database_url, **extra)) as server:
            results["ceiling"][mode] = measure(server, "/bench/ceiling")
            for name, url in urls.items():
                entry = results["pages"].setdefault(name, {"url": url})
                entry[mode] = measure(server, url)
                if mode == "uncached":
                    entry["weight"] = weight(server, url)
                    entry["queries"] = query_counts[name]

    print("Measuring through Varnish…", flush=True)
    # (A CDN TTL longer than the run: every backend fetch counted is a purge's.)
    app_env = environment(database_url, **cached_env, PAGE_CACHE_CDN_SECONDS=600)
    app = Gunicorn(app_env, log=Path(workdir) / "access.log")
    with app, Varnish(Path(workdir) / "varnish", app.port, memory="64m") as varnish:
        cacheable = [
            (name, entry["url"])
            for name, entry in results["pages"].items()
            if entry["cached"]["page_cache"] == "hit"
        ]
        results["varnish"] = through_varnish(varnish, app, cacheable)
        print("Publishing under load…", flush=True)
        main_pages = [
            urls[f"{key} ({language})"]
            for key in ("home", "faq", "memorial")
            for language in ("en", "ar")
        ]
        results["publish_under_load"] = publish_under_load(
            varnish, app, main_pages, app_env, workdir
        )
    shutil.rmtree(workdir, ignore_errors=True)

    bare = results["ceilings"]["bare_django"]["cpu_ms"]
    nginx = results["ceilings"]["nginx_static"]["cpu_ms"]
    for entry in results["pages"].values():
        for mode in ("uncached", "cached"):
            entry[mode]["ratio_bare"] = round(entry[mode]["cpu_ms"] / bare, 2)
            entry[mode]["ratio_nginx"] = round(entry[mode]["cpu_ms"] / nginx, 1)
    for entry in results["varnish"].values():
        entry["ratio_nginx"] = round(entry["cpu_ms"] / nginx, 2)
    results["memorial_import"] = memorial_import()
    results["settings"] = {
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "workers": 2,
        "machine_cores": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    report(results)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "bench.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    print(f"\nWritten: {REPORTS / 'bench.json'}")


def mark(ok):
    return "ok" if ok else "MISS"


def report(results):
    ceilings, site = results["ceilings"], results["ceiling"]["uncached"]
    bare, nginx = ceilings["bare_django"], ceilings["nginx_static"]
    print(
        "\nCeilings (the same 30 KB):\n"
        f"  bare Django view (no project middleware): {bare['cpu_ms']:.3f} ms "
        f"CPU/req, {bare['rps']:.0f} req/s\n"
        f"  nginx, static file:                        {nginx['cpu_ms']:.3f} ms "
        f"CPU/req, {nginx['rps']:.0f} req/s\n"
        f"  (the site's view behind its middleware:    {site['cpu_ms']:.3f} ms "
        f"CPU/req, {site['cpu_ms'] / bare['cpu_ms']:.2f}× bare)"
    )
    header = (
        f"{'page':<16}{'req/s':>7}{'p99':>7}{'CPU ms':>8}{'×bare':>7}{'×nginx':>8}"
        f"{'cached':>8}{'×bare':>7}{'×nginx':>8}{'SQL':>5}{'HTML':>6}{'gzip':>6}"
        f"{'total':>7}{'pics':>6}{'reqs':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, entry in results["pages"].items():
        un, ca, w = entry["uncached"], entry["cached"], entry["weight"]
        print(
            f"{name:<16}{un['rps']:>7.0f}{un['p99_ms']:>7.1f}{un['cpu_ms']:>8.2f}"
            f"{un['ratio_bare']:>7.1f}{un['ratio_nginx']:>8.0f}"
            f"{ca['cpu_ms']:>8.2f}{ca['ratio_bare']:>7.2f}{ca['ratio_nginx']:>8.0f}"
            f"{entry['queries']:>5}{w['html_kb']:>6.1f}{w['html_gzip_kb']:>6.1f}"
            f"{w['total_kb']:>7.1f}{w['pictures_kb']:>6.1f}{w['requests']:>5}"
        )

    print(
        "\nThrough Varnish (hits: varnishd's CPU per request; the app's work "
        "meanwhile):"
    )
    header = (
        f"{'page':<16}{'req/s':>8}{'p99':>7}{'CPU ms':>8}{'×nginx':>8}"
        f"{'app fetches':>13}{'app CPU ms':>12}"
    )
    print(header)
    print("-" * len(header))
    for name, entry in results["varnish"].items():
        label = "ceiling 30 KB" if name == "ceiling" else name
        print(
            f"{label:<16}{entry['rps']:>8.0f}{entry['p99_ms']:>7.2f}"
            f"{entry['cpu_ms']:>8.3f}{entry['ratio_nginx']:>8.2f}"
            f"{entry['backend_fetches']:>13}{entry['app_cpu_ms']:>12.1f}"
        )

    load = results["publish_under_load"]
    print(
        f"\nPublish under load ({load['pages']} pages through Varnish, "
        f"{load['connections']} connections; a publish in the second window):"
    )
    header = (
        f"{'window':<10}{'requests':>10}{'req/s':>8}{'p99 ms':>8}{'errors':>8}"
        f"{'renders':>9}"
    )
    print(header)
    print("-" * len(header))
    for phase in ("before", "during", "after"):
        entry = load[phase]
        print(
            f"{phase:<10}{entry['requests']:>10}{entry['rps']:>8.0f}"
            f"{entry['p99_ms']:>8.2f}{entry['errors']:>8}{entry['backend_fetches']:>9}"
        )

    print("\nTargets:")
    pages = results["pages"]
    hits = [p for p in pages.values() if p["cached"]["page_cache"] == "hit"]
    served = [v for k, v in results["varnish"].items()]
    checks = [
        (
            f"uncached CPU < {TARGETS['cpu_ms_uncached']} ms/req",
            max(p["uncached"]["cpu_ms"] for p in pages.values())
            < TARGETS["cpu_ms_uncached"],
        ),
    ]
    for key, limit in RENDER_RATIO_TARGETS.items():
        ratios = [
            p["uncached"]["ratio_bare"]
            for name, p in pages.items()
            if name.startswith(f"{key} (")
        ]
        if ratios:
            checks.append(
                (
                    f"uncached {key} <= {limit}× bare Django (measured "
                    f"{max(ratios):.1f}×)",
                    max(ratios) <= limit,
                )
            )
    checks += [
        (
            f"SQL queries <= {TARGETS['queries']}",
            max(p["queries"] for p in pages.values()) <= TARGETS["queries"],
        ),
        (
            f"cached CPU < {TARGETS['cached_ratio']}× bare Django (cacheable pages, "
            f"measured {min(p['cached']['ratio_bare'] for p in hits):.2f}–"
            f"{max(p['cached']['ratio_bare'] for p in hits):.2f}×)",
            max(p["cached"]["ratio_bare"] for p in hits) < TARGETS["cached_ratio"],
        ),
        (
            f"Varnish hit CPU <= {TARGETS['varnish_ratio']}× nginx static (measured "
            f"{min(v['ratio_nginx'] for v in served):.2f}–"
            f"{max(v['ratio_nginx'] for v in served):.2f}×)",
            max(v["ratio_nginx"] for v in served) <= TARGETS["varnish_ratio"],
        ),
        (
            "the app does no work for Varnish hits",
            all(v["backend_fetches"] == 0 for v in served),
        ),
        (
            f"publish under load: one render per page at most ({load['pages']})",
            load["during"]["backend_fetches"] <= load["pages"]
            and load["before"]["backend_fetches"] == 0,
        ),
        (
            f"HTML < {TARGETS['html_kb']} KB",
            max(p["weight"]["html_kb"] for p in pages.values()) < TARGETS["html_kb"],
        ),
        (
            f"total compressed < {TARGETS['total_kb']} KB",
            max(p["weight"]["total_kb"] for p in pages.values()) < TARGETS["total_kb"],
        ),
        (
            "no failed requests",
            all(
                p[m]["errors"] == 0
                for p in pages.values()
                for m in ("uncached", "cached")
            )
            and all(v["errors"] == 0 for v in served)
            and all(load[w]["errors"] == 0 for w in ("before", "during", "after")),
        ),
    ]
    for label, ok in checks:
        print(f"  [{mark(ok)}] {label}")
    never = [name for name, p in pages.items() if p["cached"]["page_cache"] != "hit"]
    if never:
        print(f"  Never served from a cache, by design: {', '.join(never)}")
    if results.get("memorial_import"):
        print(f"\nMemorial import: {results['memorial_import']}")
    results["targets_met"] = all(ok for _label, ok in checks)


if __name__ == "__main__":
    sys.exit(main())
