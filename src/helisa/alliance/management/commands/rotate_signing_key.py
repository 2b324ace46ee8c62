from django.core.management.base import BaseCommand, CommandError

from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import Alliance
from helisa.alliance.services.signing_keys import rotate_key


class Command(BaseCommand):
    help = (
        "Create a new signing key for an alliance in ALLIANCE_SIGNING_KEYS_DIR and retire the "
        "old one for new signatures; receipts signed before stay verifiable under their key id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alliance", required=True, help="the alliance's slug")

    def handle(self, *args, alliance, **options):
        record = Alliance.objects.filter(slug=alliance).first()
        if record is None:
            raise CommandError(f"No alliance {alliance!r}.")
        try:
            key = rotate_key(alliance=record)
        except SigningKeyUnavailable as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"New signing key {key.key_id}; earlier keys retired.")
        )
