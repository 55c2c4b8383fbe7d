from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Points the default site at the development server's address, so that full addresses "
        "(feeds, canonical links, the sitemap, e-mails) lead to it. For development only: it "
        "changes nothing but a site still on Wagtail's initial localhost:80."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="host:port that the development server serves (make run PORT=… passes it).",
        )

    def handle(self, *args, address, **options):
        hostname, _, port = address.rpartition(":")
        if not hostname or not port.isdigit():
            raise CommandError(
                f"Give the address as host:port, e.g. 127.0.0.1:8000, not “{address}”."
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or (site.hostname, site.port) not in {
            ("localhost", 80),
            (hostname, int(port)),
        }:
            self.stdout.write("The default site keeps its address (it was set by hand).")
            return
        site.hostname, site.port = hostname, int(port)
        site.save()
        self.stdout.write(f"The default site now answers as {site.root_url}.")
