from django.core.management.base import BaseCommand

from serving import pagecache


class Command(BaseCommand):
    help = "Forget every stored page (run it as a release step: new templates, new static names)."

    def handle(self, *args, **options):
        pagecache.clear()
        self.stdout.write("Page cache cleared.")
