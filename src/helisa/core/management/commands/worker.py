from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background worker (several may run at once, on several machines)."

    def handle(self, *args, **options):
        call_command("db_worker")
