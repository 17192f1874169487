"""`make bench`: speed, queries and weight of the pages under production settings.

Starts gunicorn (2 sync workers) on a fresh PostgreSQL database with the demo content,
loads each page with wrk on loopback (bounded in connections and time) and reads the
workers' CPU time from the kernel. Prints a table and writes reports/bench.json.
See docs/performance.md for how to read it.
"""

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser

from bench.server import REPORTS, Gunicorn, environment, prepare, recreate_database

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
TARGETS = {
    "cpu_ms_uncached": 8.0,
    "queries": 12,
    "cached_ratio": 2.0,
    "html_kb": 40.0,
    "total_kb": 100.0,
}


def load(url):
    """wrk against one URL; returns requests, req/s, p50/p99 latency (ms), errors."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout

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
        "errors": number(r"Non-2xx or 3xx responses: (\d+)", int),
    }


def measure(server, url):
    for _ in range(20):  # warm up: imports, connections, renditions, caches
        with urllib.request.urlopen(server.url + url, timeout=10) as reply:
            reply.read()
            page_cache = reply.headers.get("X-Page-Cache", "")
    before = server.cpu_seconds()
    result = load(server.url + url)
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


def weight(server, url):
    html_sent, html = fetch(server.url + url)
    parser = Assets()
    parser.feed(html.decode())
    assets = [a for a in dict.fromkeys(parser.urls) if a and a.startswith("/")]
    asset_bytes = sum(fetch(server.url + asset)[0] for asset in assets)
    return {
        "html_kb": round(len(html) / 1024, 1),
        "html_gzip_kb": round(html_sent / 1024, 1),
        "total_kb": round((html_sent + asset_bytes) / 1024, 1),
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


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    database_url = os.environ["DATABASE_URL"]
    print(
        f"Preparing a fresh database ({database_url.rsplit('/', 1)[-1]})…", flush=True
    )
    recreate_database(database_url)
    # A fresh database needs a fresh cache: versions and pages of an earlier run go.
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = environment(database_url, PAGE_CACHE_SECONDS=0, REDIS_URL=REDIS_URL)
    prepare(env)
    os.environ.update(env)
    import django

    django.setup()
    urls = page_urls()
    query_counts = queries(urls)

    results = {"ceiling": {}, "pages": {}}
    for mode, extra in [
        # As production runs (Redis for the menu cache), with the page cache off.
        ("uncached", {"PAGE_CACHE_SECONDS": 0, "REDIS_URL": REDIS_URL}),
        ("cached", {"PAGE_CACHE_SECONDS": 600, "REDIS_URL": REDIS_URL}),
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

    ceiling = {mode: results["ceiling"][mode]["cpu_ms"] for mode in results["ceiling"]}
    for entry in results["pages"].values():
        for mode in ("uncached", "cached"):
            entry[mode]["ratio"] = round(
                entry[mode]["cpu_ms"] / max(ceiling[mode], 1e-9), 2
            )
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
    ceiling = results["ceiling"]
    print(
        "\nCeiling (minimal 30 KB view): "
        f"{ceiling['uncached']['cpu_ms']:.2f} ms CPU/req, "
        f"{ceiling['uncached']['rps']:.0f} req/s"
    )
    header = (
        f"{'page':<16}{'req/s':>8}{'p50':>7}{'p99':>7}{'CPU ms':>8}{'×ceil':>7}"
        f"{'cached':>8}{'×ceil':>7}{'SQL':>5}{'HTML':>7}{'gzip':>6}{'total':>7}{'reqs':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, entry in results["pages"].items():
        un, ca, w = entry["uncached"], entry["cached"], entry["weight"]
        print(
            f"{name:<16}{un['rps']:>8.0f}{un['p50_ms']:>7.1f}{un['p99_ms']:>7.1f}"
            f"{un['cpu_ms']:>8.2f}{un['ratio']:>7.1f}{ca['cpu_ms']:>8.2f}{ca['ratio']:>7.2f}"
            f"{entry['queries']:>5}{w['html_kb']:>7.1f}{w['html_gzip_kb']:>6.1f}"
            f"{w['total_kb']:>7.1f}{w['requests']:>5}"
        )
    print("\nTargets:")
    pages = results["pages"].values()
    checks = [
        (
            f"uncached CPU < {TARGETS['cpu_ms_uncached']} ms/req",
            max(p["uncached"]["cpu_ms"] for p in pages) < TARGETS["cpu_ms_uncached"],
        ),
        (
            f"SQL queries <= {TARGETS['queries']}",
            max(p["queries"] for p in pages) <= TARGETS["queries"],
        ),
        (
            f"cached CPU < {TARGETS['cached_ratio']}× ceiling (cacheable pages)",
            max(
                p["cached"]["ratio"]
                for p in pages
                if p["cached"]["page_cache"] == "hit"
            )
            < TARGETS["cached_ratio"],
        ),
        (
            f"HTML < {TARGETS['html_kb']} KB",
            max(p["weight"]["html_kb"] for p in pages) < TARGETS["html_kb"],
        ),
        (
            f"total compressed < {TARGETS['total_kb']} KB",
            max(p["weight"]["total_kb"] for p in pages) < TARGETS["total_kb"],
        ),
        (
            "no failed requests",
            all(p[m]["errors"] == 0 for p in pages for m in ("uncached", "cached")),
        ),
    ]
    for label, ok in checks:
        print(f"  [{mark(ok)}] {label}")
    never = [
        name
        for name, p in results["pages"].items()
        if p["cached"]["page_cache"] != "hit"
    ]
    if never:
        print(f"  Never served from the page cache, by design: {', '.join(never)}")
    if results.get("memorial_import"):
        print(f"\nMemorial import: {results['memorial_import']}")
    results["targets_met"] = all(ok for _label, ok in checks)


if __name__ == "__main__":
    sys.exit(main())
