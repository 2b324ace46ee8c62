from django.core.management.base import BaseCommand

from helisa.cooperation.services.digests import send_saved_search_digests
from helisa.cooperation.services.profiles import expire_profiles


class Command(BaseCommand):
    help = (
        "Expire cooperation profiles past their date, remind owners before expiry and send "
        "saved-search digests (run daily)."
    )

    def handle(self, *args, **options):
        expired, reminded = expire_profiles()
        digests = send_saved_search_digests()
        self.stdout.write(
            f"{expired} profiles expired, {reminded} renewal reminders, {digests} digests sent."
        )
