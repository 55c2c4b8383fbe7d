import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Creates a local administrator with a generated password, for development only, and "
        "prints where to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="host:port that the development server serves (make run PORT=… passes it).",
        )

    def handle(self, *args, username, address, **options):
        login_url = f"http://{address}/admin/"
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The local administrator “{username}” already exists: log in at {login_url}\n"
                f"Forgot the password? .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        # An e-mail address, so that workflow notifications and password resets have somewhere
        # to go (the development settings print e-mails to the console).
        User.objects.create_superuser(
            username=username, email=f"{username}@example.org", password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Local administrator created — log in at {login_url}\n"
                f"  user name: {username}\n  password:  {password}"
            )
        )
