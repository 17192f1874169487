from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import devices


class Command(BaseCommand):
    help = (
        "For staff who lost their phone and their recovery codes: remove the "
        "account's second factor and print one recovery code to sign in with. At "
        "that sign-in they set up a new authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        user = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: username}
        ).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        devices.remove_devices(user)
        code = devices.one_recovery_code(user)
        self.stdout.write(
            f"The second factor of {username} is removed. Give them this one-time "
            f"recovery code, by a channel other than email: {code}"
        )
