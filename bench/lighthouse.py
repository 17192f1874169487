"""`make lighthouse`: Lighthouse (mobile) on the main pages in both languages.

Uses the same production-like site as `make bench` (fresh PostgreSQL database, demo
content, gunicorn, production settings) and the project's own Lighthouse from
node_modules, driving Debian's Chromium. Reports go to reports/lighthouse/ (one HTML
and one JSON per page) with a summary in reports/lighthouse/summary.json.
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from bench.server import (
    BASE_DIR,
    REPORTS,
    Gunicorn,
    environment,
    prepare,
    recreate_database,
)

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Chromium on a closed network: no background fetches, no sandbox as root.
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
)


def audit(url, output):
    """Run Lighthouse on ``url``; returns the category scores (0–100) and failed
    audits. Lighthouse sometimes loses the trace of a load (NO_NAVSTART): a run that
    fails is tried again, twice at most."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    for attempt in range(3):
        result = subprocess.run(
            command,
            timeout=180,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if result.returncode == 0:
            break
        print(f"  Lighthouse failed on {url} (attempt {attempt + 1})", flush=True)
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    report = json.loads(Path(f"{output}.report.json").read_text())
    scores = {
        name: round((report["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
    }
    failed = sorted(
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and (report["audits"][audit_id].get("score") is not None)
        and report["audits"][audit_id]["score"] < 1
    )
    return {"scores": scores, "below_full_marks": failed}


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `make lighthouse` (npm ci).")
    database_url = os.environ["DATABASE_URL"]
    print("Preparing a fresh database…", flush=True)
    recreate_database(database_url)
    # Gunicorn alone, no nginx: Django serves the pictures' renditions (SERVE_MEDIA).
    env = environment(database_url, PAGE_CACHE_SECONDS=0, SERVE_MEDIA="true")
    prepare(env)
    os.environ.update(env)
    import django

    django.setup()
    from bench.__main__ import page_urls

    urls = page_urls()
    folder = REPORTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    with Gunicorn(env) as server:
        # A page's first view makes its pictures' renditions (once for the site's
        # life, as for its first visitor): made before the audits, not timed by them.
        for url in urls.values():
            urllib.request.urlopen(server.url + url, timeout=120).read()
        for name, url in urls.items():
            slug = name.replace(" ", "").replace("(", "-").replace(")", "")
            results[name] = {"url": url, **audit(server.url + url, folder / slug)}
            scores = results[name]["scores"]
            print(
                f"{name:<16}"
                + "".join(f"{scores[c]:>6}" for c in CATEGORIES)
                + "  "
                + " ".join(results[name]["below_full_marks"]),
                flush=True,
            )
    (folder / "summary.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    perfect = all(
        score == 100 for entry in results.values() for score in entry["scores"].values()
    )
    print(f"\nColumns: {', '.join(CATEGORIES)}. Reports: {folder}")
    print("All 100." if perfect else "Some scores are below 100 (see the audits).")


if __name__ == "__main__":
    sys.exit(main())
