import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import devices

PASSWORD_FILE = Path(settings.BASE_DIR) / ".translator-password"


class Command(BaseCommand):
    help = (
        "For local development only: make sure a demo translator (in the Translators "
        "group: edits Arabic, submits for review) exists and print how to log in. Its "
        "random password is kept in .translator-password (ignored by git); a one-time "
        "recovery code stands in for the second factor at the first sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="translator")
        parser.add_argument("--group", default="Translators")
        parser.add_argument(
            "--site", default="http://127.0.0.1:8000", help="Where the site is served."
        )

    def handle(self, *args, username, group, site, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_translator is for local development (DEBUG) only."
            )
        team = Group.objects.filter(name=group).first()
        if team is None:
            raise CommandError(f"No group named {group!r}: run migrate first.")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_user(
                username, "translator@example.org", password
            )
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        user.groups.add(team)
        password = (
            PASSWORD_FILE.read_text().strip()
            if PASSWORD_FILE.exists()
            else f"(unchanged: set one with `manage.py changepassword {username}`)"
        )
        code = devices.one_recovery_code(user)
        self.stdout.write(
            f"Translator: {site.rstrip('/')}/admin/  user: {username}  "
            f"password: {password}  recovery code: {code}"
        )
