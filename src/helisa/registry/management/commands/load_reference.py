from django.core.management.base import BaseCommand

from helisa.registry.reference import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the shipped reference data: countries, NUTS, NACE and EuroSciVoc."

    def handle(self, *args, **options):
        counts = load_reference_data()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
