"""`make run`'s SQLite database lets two editors save at once ("database is locked")."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Two threads (two connections, as two requests in runserver) each read and then
# write in one transaction, overlapping: what publishing does while another save runs.
SCRIPT = """
import threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS t (n integer)")
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])
errors = []

def save(n):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            time.sleep(0.3)
            cursor.execute("INSERT INTO t VALUES (%s)", [n])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM t")
    print("rows", cursor.fetchone()[0])
print("errors", errors)
"""


def test_two_overlapping_saves_both_succeed_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "journal wal" in result.stdout
    assert "rows 2" in result.stdout
    assert "errors []" in result.stdout
