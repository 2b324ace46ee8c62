"""The `helisa` command: Django's management commands, with Helisa's own among them.

helisa serve            migrate, load demo data into an empty database, run server and worker
helisa demo             build the demo registry
helisa import KIND FILE import organisations, clusters or memberships from CSV or XLSX
helisa worker           run a background worker (heartbeat, daily jobs)
helisa verify-receipt RECEIPT.json --key KEY
                        verify a signature receipt offline (no database, no network)
helisa b2b-solve INSTANCE.json -o SCHEDULE.json --time-limit SECONDS
                        schedule B2B meetings from an exported instance
helisa help             every command, Django's own included
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helisa.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
