import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import devices

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = (
        "For local development only: make sure an 'admin' superuser exists and "
        "print how "
        "to log in. Its random password is kept in .admin-password (ignored by git); "
        "a one-time recovery code stands in for the second factor at the first "
        "sign-in, which then sets up an authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--site", default="http://127.0.0.1:8000", help="Where the site is served."
        )

    def handle(self, *args, username, site, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_admin is for local development (DEBUG) only.")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_superuser(
                username, "admin@example.org", password
            )
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        password = (
            PASSWORD_FILE.read_text().strip()
            if PASSWORD_FILE.exists()
            else "(unchanged: set one with `manage.py changepassword admin`)"
        )
        code = devices.one_recovery_code(user)
        self.stdout.write(
            f"Admin: {site.rstrip('/')}/admin/  user: {username}  password: {password}"
            f"  recovery code: {code}"
        )
