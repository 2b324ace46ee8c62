from django.core.management.base import BaseCommand

from helisa.registry.demo import DemoDataExists, build_demo, remove_demo_data


class Command(BaseCommand):
    help = "Build the demo registry from real CORDIS organisations and invented demo clusters."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Remove the existing demo data (only records marked as demo) and build it again",
        )
        parser.add_argument("--remove", action="store_true", help="Only remove the demo registry")

    def handle(self, *args, rebuild, remove, **options):
        if remove:
            remove_demo_data()
            self.stdout.write("Demo registry removed.")
            return
        try:
            summary = build_demo(rebuild=rebuild)
        except DemoDataExists:
            self.stdout.write(
                "The database already holds demo data; run `helisa demo --rebuild` to build it again."
            )
            return
        per_country = ", ".join(
            f"{country} {count}" for country, count in sorted(summary.clusters_per_country.items())
        )
        self.stdout.write(
            f"Demo registry built in {summary.seconds:.1f} s: "
            f"{summary.organisations} CORDIS organisations, "
            f"{summary.clusters} clusters ({per_country}), {summary.validated} validated, "
            f"{summary.associations} national associations, "
            f"{summary.memberships} memberships ({summary.cross_border} cross-border), "
            f"{summary.people} people."
        )
