"""The scheduler publishes scheduled pages every minute and runs the daily jobs."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import scheduler
from tests.core.factories import StandardPageFactory

BASE_DIR = Path(__file__).resolve().parents[2]
UTC = datetime.UTC


def at(hour, minute):
    return datetime.datetime(2026, 12, 1, hour, minute, tzinfo=UTC)


@pytest.fixture
def scheduled_page(home):
    """A draft whose editor chose "publish at" a minute ago."""
    page = StandardPageFactory(
        parent=home,
        title_en="Statement on the strike",
        title_ar="بيان حول الغارة",
        slug_en="statement",
        slug_ar="بيان",
        live=False,
    )
    revision = page.save_revision(approved_go_live_at=timezone.now())
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at
    return page


def test_the_schedule_publishes_every_minute_reconciles_hourly_and_erases_daily():
    due = {
        minute: {job.name for job in scheduler.jobs() if job.is_due(minute)}
        for minute in (at(10, 1), at(3, 15), at(10, 7))
    }
    assert due[at(10, 1)] == {"publish_scheduled"}
    assert due[at(3, 15)] == {"publish_scheduled", "donor_data_retention"}
    assert due[at(10, 7)] == {"publish_scheduled", "reconcile_donations"}


@pytest.mark.django_db
def test_one_cycle_publishes_a_scheduled_page_in_both_languages(client, scheduled_page):
    assert client.get("/en/statement/").status_code == 404
    results = scheduler.run_cycle(at(10, 1))
    assert results == {"publish_scheduled": True}
    scheduled_page.refresh_from_db()
    assert scheduled_page.live
    assert client.get("/en/statement/").status_code == 200
    assert "بيان حول الغارة" in client.get("/ar/بيان/").content.decode()


@pytest.mark.django_db
def test_the_command_runs_the_cycle_of_a_given_minute(scheduled_page, capsys):
    call_command("run_scheduler", "--once", "--at", "2026-12-01T03:15:00+00:00")
    output = capsys.readouterr().out
    assert "publish_scheduled: done" in output
    assert "donor_data_retention: done" in output
    scheduled_page.refresh_from_db()
    assert scheduled_page.live


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(
    scheduled_page, monkeypatch
):
    broken = scheduler.Job(
        name="broken",
        command="apply_donor_data_retention",
        args=("--days", "0"),
        cron={"minute": "*"},
    )
    monkeypatch.setitem(scheduler._jobs, "broken", broken)
    results = scheduler.run_cycle(at(10, 1))
    assert results == {"broken": False, "publish_scheduled": True}
    scheduled_page.refresh_from_db()
    assert scheduled_page.live


def test_an_unknown_job_is_a_clear_error():
    with pytest.raises(Exception, match="No such job: nightly"):
        call_command("run_scheduler", "--job", "nightly")


def test_the_real_scheduler_process_starts_and_stops_cleanly(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "LOG_LEVEL": "INFO",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler"],
        cwd=BASE_DIR,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and "Scheduler started:" not in line:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
        assert "Scheduler started: 3 jobs" in line
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert "Scheduler stopped" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
