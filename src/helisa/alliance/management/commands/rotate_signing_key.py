from django.core.management.base import BaseCommand, CommandError

from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import Alliance
from helisa.alliance.services.signing_keys import rotate_key


def alliance_named(slug):
    record = Alliance.objects.filter(slug=slug).first()
    if record is None:
        raise CommandError(f"No alliance {slug!r}.")
    return record


def rotate(command, alliance):
    """Rotate `alliance` to a new key in the keys directory and say which."""
    try:
        key = rotate_key(alliance=alliance)
    except SigningKeyUnavailable as error:
        raise CommandError(str(error)) from None
    command.stdout.write(
        command.style.SUCCESS(f"New signing key {key.key_id}; earlier keys retired.")
    )


class Command(BaseCommand):
    help = (
        "Create a new signing key for an alliance in ALLIANCE_SIGNING_KEYS_DIR and retire the "
        "old one for new signatures; receipts signed before stay verifiable under their key id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alliance", required=True, help="the alliance's slug")

    def handle(self, *args, alliance, **options):
        rotate(self, alliance_named(alliance))
