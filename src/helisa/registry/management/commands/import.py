"""helisa import KIND FILE [--as EMAIL] [--cluster ID] [--yes]: check a file, then import it."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from helisa.registry.imports import confirm_import, upload_import
from helisa.registry.models import Cluster, ImportKind, ImportStatus


class Command(BaseCommand):
    help = "Check a CSV or XLSX file of organisations, clusters or memberships, then import it."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as", dest="email", required=True, help="Email of the user the import is made by"
        )
        parser.add_argument("--cluster", type=int, help="For memberships: the cluster's id")
        parser.add_argument("--yes", action="store_true", help="Import without asking")

    def handle(self, *, kind, file, email, cluster, yes, **options):
        by = self._user(email)
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        target = Cluster.objects.filter(pk=cluster).first() if cluster else None
        if cluster and target is None:
            raise CommandError(f"No cluster has the id {cluster}")
        try:
            with file.open("rb") as handle:
                batch = upload_import(
                    kind=kind,
                    file=File(handle, name=file.name),
                    by=by,
                    cluster=target,
                    background=False,
                )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self._report(batch)
        if batch.status != ImportStatus.READY:
            raise CommandError("Nothing was imported: correct the rows above and run again.")
        if not yes and not self._confirmed(batch):
            self.stdout.write(f"Nothing was imported. The checked file is import {batch.pk}.")
            return
        batch = confirm_import(batch=batch, by=by, background=False)
        if batch.status != ImportStatus.APPLIED:
            raise CommandError(f"Nothing was imported: {batch.error}")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {batch.rows_done} rows (import {batch.pk}).")
        )

    def _user(self, email):
        try:
            return get_user_model().objects.get(email__iexact=email)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user has the email {email}") from None

    def _report(self, batch):
        for problem in batch.problems:
            style = self.style.ERROR if problem["level"] == "error" else self.style.WARNING
            self.stdout.write(
                style(f"row {problem['row']}, {problem['column'] or '-'}: {problem['message']}")
            )
        summary = batch.summary
        self.stdout.write(
            f"{summary.get('rows', 0)} rows: {summary.get('errors', 0)} errors, "
            f"{summary.get('warnings', 0)} warnings; {summary.get('create', 0)} to add, "
            f"{summary.get('update', 0)} to update, {summary.get('skip', 0)} to skip."
        )

    def _confirmed(self, batch):
        if not self.stdin_is_interactive():
            self.stdout.write("Run again with --yes to import.")
            return False
        return input(f"Import {batch.rows_total} rows? [y/N] ").strip().lower() in ("y", "yes")

    def stdin_is_interactive(self):
        import sys

        return sys.stdin.isatty()
