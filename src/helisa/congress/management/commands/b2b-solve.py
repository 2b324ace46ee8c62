"""helisa b2b-solve INSTANCE.json -o SCHEDULE.json [--time-limit SECONDS] [--seed N].

Schedules B2B meetings exported as JSON (docs/b2b-scheduling.md); needs no database.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helisa.congress.schedule_check import check
from helisa.congress.scheduling import load_instance, save_schedule, solve


class Command(BaseCommand):
    help = "Schedule the B2B meetings of an instance file and write the schedule as JSON."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("instance", type=Path)
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--time-limit", type=float, default=60.0, help="Seconds (default 60)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--workers", type=int, default=2, help="Processes to search in")

    def handle(self, *, instance, output, time_limit, seed, workers, **options):
        try:
            problem = load_instance(instance)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Cannot read {instance}: {error}") from error
        schedule = solve(problem, time_limit=time_limit, seed=seed, workers=workers)
        violations = check(problem, schedule)
        if violations:
            raise CommandError("The schedule breaks the rules: " + "; ".join(violations[:5]))
        save_schedule(schedule, output)
        verdict = (
            "optimal"
            if schedule.optimal
            else f"within {schedule.upper_bound_scheduled - schedule.scheduled} meetings and "
            f"{schedule.gaps - schedule.lower_bound_gaps} gaps of the best possible"
        )
        self.stdout.write(
            json.dumps(
                {
                    "scheduled": schedule.scheduled,
                    "meetings": len(problem.meetings),
                    "gaps": schedule.gaps,
                    "idle_slots": schedule.idle_slots,
                    "seconds": round(schedule.seconds, 2),
                }
            )
            + f" {verdict}; written to {output}"
        )
