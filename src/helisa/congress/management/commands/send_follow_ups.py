from django.core.management.base import BaseCommand

from helisa.congress.services.b2b_follow_ups import send_follow_ups


class Command(BaseCommand):
    help = "Ask both sides of B2B meetings held months ago what came of them (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_follow_ups()} follow-up questions sent.")
