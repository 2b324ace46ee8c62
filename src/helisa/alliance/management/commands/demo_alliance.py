from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError

from helisa.alliance.demo import RegistryDemoMissing, build_alliance_demo, remove_alliance_demo


class Command(BaseCommand):
    help = "Build the demo European Clusters Alliance on top of the demo registry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Remove the demo alliance and build it again"
        )
        parser.add_argument("--remove", action="store_true", help="Only remove the demo alliance")

    def handle(self, *args, rebuild, remove, **options):
        if remove:
            remove_alliance_demo()
            self.stdout.write("Demo alliance removed.")
            return
        try:
            alliance = build_alliance_demo(rebuild=rebuild)
        except RegistryDemoMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Demo alliance {alliance.slug}: {alliance.members.filter(state='member').count()} "
            f"members, {alliance.members.filter(state='applicant').count()} applicant. "
            "Its secretariat (secretariat@demo.helisa.invalid) has no password; set one with "
            "`helisa changepassword secretariat@demo.helisa.invalid` to sign in as it."
        )
        # The declaration demo is written separately and may not exist yet.
        if find_spec("helisa.alliance.demo_declaration") is None:
            return
        from helisa.alliance.demo_declaration import build_declaration_demo

        build_declaration_demo(alliance)
