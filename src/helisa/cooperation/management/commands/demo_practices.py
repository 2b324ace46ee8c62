from django.core.management.base import BaseCommand, CommandError

from helisa.cooperation.demo_practices import (
    RegistryDemoMissing,
    build_practices_demo,
    remove_practices_demo,
)


class Command(BaseCommand):
    help = "Build the demo good practices on top of the demo registry and alliance."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Remove the demo good practices and rebuild"
        )
        parser.add_argument(
            "--remove", action="store_true", help="Only remove the demo good practices"
        )

    def handle(self, *args, rebuild, remove, **options):
        if remove:
            remove_practices_demo()
            self.stdout.write("Demo good practices removed.")
            return
        try:
            count = build_practices_demo(rebuild=rebuild)
        except RegistryDemoMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo good practices: {count} published.")
