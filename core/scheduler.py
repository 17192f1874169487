"""The site's scheduled jobs: one table, run by one process (``run_scheduler``).

Wagtail publishes a page or snippet at its "go live" time only when something runs
``publish_scheduled``; donor data is erased on time only when something runs the
retention command. Each section registers the management commands it needs on a
schedule when it starts (``AppConfig.ready``), as sections register live figures;
``core`` registers Wagtail's own. The compose stack runs ``manage.py run_scheduler``
as its own service (exactly one), which runs each job with APScheduler's cron
triggers: never two runs of one job at once, a run missed while the process was
down is made once when it comes back, a failing job is logged and retried at its
next time while the others go on.
"""

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from apscheduler.triggers.cron import CronTrigger
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    cron: dict
    args: tuple = ()
    description: str = ""
    trigger: CronTrigger = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "trigger", CronTrigger(timezone="UTC", **self.cron))

    def is_due(self, minute):
        """True when the job's schedule fires in the minute starting at ``minute``."""
        start = minute.replace(second=0, microsecond=0)
        fire = self.trigger.get_next_fire_time(None, start)
        return fire is not None and fire < start + timedelta(minutes=1)

    def run(self):
        """Run the command once; True when it succeeded. A failure is logged, never
        raised: the other jobs and the next run go on."""
        started = time.monotonic()
        try:
            call_command(self.command, *self.args, verbosity=0)
        except Exception:
            logger.exception("Scheduled job %s failed", self.name)
            return False
        logger.info(
            "Scheduled job %s done in %.1f s", self.name, time.monotonic() - started
        )
        return True

    def run_in_service(self):
        """``run()`` from the long-running scheduler: like a request, each run starts
        and ends with a usable database connection (a dropped one is replaced)."""
        close_old_connections()
        try:
            return self.run()
        finally:
            close_old_connections()


_jobs: dict[str, Job] = {}


def register(name, command, description="", args=(), **cron):
    """Run ``manage.py command *args`` on the cron schedule ``cron`` (APScheduler's
    fields: ``minute="*"``, ``hour=3, minute=15``…, in UTC)."""
    _jobs[name] = Job(
        name=name, command=command, cron=cron, args=tuple(args), description=description
    )


def jobs():
    return [_jobs[name] for name in sorted(_jobs)]


def run_cycle(minute=None, names=None):
    """Run every job due in ``minute`` (now by default), or only those named:
    what the scheduler does each minute. Returns ``{name: succeeded}``."""
    minute = minute or timezone.now()
    results = {}
    for job in jobs():
        if names and job.name not in names:
            continue
        if names or job.is_due(minute):
            results[job.name] = job.run()
    return results


# Wagtail's scheduled publishing (pages and snippets), every minute.
register(
    "publish_scheduled",
    "publish_scheduled",
    description="Publish and unpublish pages and snippets at their scheduled times.",
    minute="*",
)
