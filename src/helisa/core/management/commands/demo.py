from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Each app builds its own demo on top of the ones before it, and removes it before them.
DEMO_COMMANDS = [
    "demo_registry",
    "demo_alliance",
    "demo_practices",
    "demo_cooperation",
    "demo_congress",
]


class Command(BaseCommand):
    help = "Build the demo data of every part of Helisa: registry, alliance, congress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Remove every demo record and build them again"
        )

    def handle(self, *args, rebuild, **options):
        steps = [name for name in DEMO_COMMANDS if name in get_commands()]
        if rebuild:
            for name in reversed(steps):
                call_command(name, remove=True, stdout=self.stdout)
        for name in steps:
            call_command(name, stdout=self.stdout)
