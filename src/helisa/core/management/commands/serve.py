import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prepare the database (migrate, demo data when empty) and serve Helisa with a background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load demo data into an empty database"
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a background worker"
        )

    def handle(self, *args, host, port, no_demo, no_worker, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        from helisa.registry.models import Organisation

        if not no_demo and not Organisation.objects.exists():
            self.stdout.write("Empty database: building the demo registry (a minute at most)...")
            call_command("demo")
        # Stopped with SIGTERM (a supervisor, `kill`), stop the worker too, as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        worker = None
        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "helisa.cli", "worker"])  # noqa: S603
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
