"""Run the site's scheduled jobs (core/scheduler.py): the compose stack's scheduler."""

import logging
import signal
import threading

from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from core import scheduler

logger = logging.getLogger("core.scheduler")


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (scheduled publishing every minute, donor data "
        "retention daily, …) until stopped. Run exactly one of these per site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list", action="store_true", help="Print the schedule and exit."
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs due this minute (or at --at) once, then exit.",
        )
        parser.add_argument(
            "--at",
            help="With --once: the minute to run, as an ISO date and time in UTC.",
        )
        parser.add_argument(
            "--job",
            action="append",
            default=[],
            help="Run this job now, whatever its schedule, then exit (repeatable).",
        )

    def handle(self, *args, list=False, once=False, at=None, job=(), **options):
        if list:
            for entry in scheduler.jobs():
                self.stdout.write(f"{entry.name:28} {entry.trigger}  {entry.command}")
            return
        unknown = set(job) - {entry.name for entry in scheduler.jobs()}
        if unknown:
            raise CommandError(f"No such job: {', '.join(sorted(unknown))}")
        if once or job:
            minute = None
            if at:
                minute = parse_datetime(at)
                if minute is None or minute.tzinfo is None:
                    raise CommandError("--at takes a date and time with its zone")
            results = scheduler.run_cycle(minute, names=set(job))
            for name, succeeded in results.items():
                self.stdout.write(f"{name}: {'done' if succeeded else 'FAILED'}")
            if not all(results.values()):
                raise CommandError("A scheduled job failed (see the log).")
            return
        self.run_forever()

    def run_forever(self):
        runner = BackgroundScheduler(timezone="UTC")
        for entry in scheduler.jobs():
            runner.add_job(
                entry.run_in_service,
                trigger=entry.trigger,
                id=entry.name,
                name=entry.name,
                max_instances=1,  # never two runs of one job at once
                coalesce=True,  # missed runs are made once, not many times
                misfire_grace_time=None,
            )
        stopping = threading.Event()

        def stop(signum, frame):
            logger.info("Scheduler stopping (signal %s)", signum)
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        runner.start()
        logger.info("Scheduler started: %s jobs", len(scheduler.jobs()))
        stopping.wait()
        runner.shutdown(wait=True)  # a job that is running finishes first
        logger.info("Scheduler stopped")
