from django.core.management.base import BaseCommand, CommandError

from helisa.congress.demo_b2b import build_b2b_demo
from helisa.congress.models import Congress


class Command(BaseCommand):
    help = "Build the B2B matchmaking demo of a demo congress (run after demo_congress)."

    def add_arguments(self, parser):
        parser.add_argument("--congress", help="Slug; default: the latest demo congress")
        parser.add_argument("--time-limit", type=int, default=10)

    def handle(self, *args, congress, time_limit, **options):
        demo = Congress.objects.filter(is_demo=True)
        found = demo.filter(slug=congress).first() if congress else demo.first()
        if found is None:
            raise CommandError("No demo congress: run `helisa demo_congress` first.")
        run = build_b2b_demo(found, time_limit=time_limit)
        result = run.result
        self.stdout.write(
            f"B2B demo of {found.slug}: {found.b2b_participants.count()} participants, "
            f"{found.meeting_requests.count()} requests, {len(result['assignments'])} meetings "
            f"scheduled, {len(result['unscheduled'])} left out, {result['gaps']} gaps."
        )
