from django.core.management.base import BaseCommand, CommandError

from helisa.cooperation.demo_projects import (
    RegistryDemoMissing,
    build_cooperation_demo,
    remove_cooperation_demo,
)


class Command(BaseCommand):
    help = "Build the cooperation demo: the CORDIS projects and three ready-made calls."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Only remove the demo")

    def handle(self, *args, remove, **options):
        if remove:
            remove_cooperation_demo()
            self.stdout.write("Cooperation demo removed.")
            return
        try:
            calls, projects = build_cooperation_demo()
        except RegistryDemoMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Cooperation demo: {calls} calls, {projects} projects from CORDIS.")
