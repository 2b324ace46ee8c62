from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from helisa.congress.demo import (
    ORGANISER_EMAIL,
    RegistryDemoMissing,
    build_congress_demo,
    remove_congress_demo,
)


class Command(BaseCommand):
    help = "Build the demo 5th Congress of Polish Clusters on top of the demo registry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Remove the demo congress and build it again"
        )
        parser.add_argument("--remove", action="store_true", help="Only remove the demo congress")

    def handle(self, *args, rebuild, remove, **options):
        if remove:
            remove_congress_demo()
            self.stdout.write("Demo congress removed.")
            return
        try:
            congress = build_congress_demo(rebuild=rebuild)
        except RegistryDemoMissing as error:
            raise CommandError(str(error)) from error
        call_command("demo_b2b", congress=congress.slug, stdout=self.stdout)
        self.stdout.write(
            f"Demo congress {congress.slug}: {congress.sessions.count()} sessions, "
            f"{congress.speakers.count()} speakers, "
            f"{congress.registrations.filter(status='confirmed').count()} registrations. "
            f"Its organiser ({ORGANISER_EMAIL}) has no password; set one with "
            f"`helisa changepassword {ORGANISER_EMAIL}` to sign in as it."
        )
