"""A separate process that drives a task database for the worker tests.

The tests run the real worker (``django-admin db_worker``) as a subprocess, so the task
database must be one that other processes see: a SQLite file (or a PostgreSQL database)
of the test's own, prepared and read through this script:

    python -m clusterweb.tasks.tests.harness setup
    python -m clusterweb.tasks.tests.harness start KIND '{"param": 1}'   # prints the id
    python -m clusterweb.tasks.tests.harness status ID                   # prints JSON
    python -m clusterweb.tasks.tests.harness sweep                       # prints the count
    python -m clusterweb.tasks.tests.harness retry ID
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups
    from clusterweb.tasks import services
    from clusterweb.tasks.models import TaskRecord

    command, *args = argv
    if command == "setup":
        from clusterplan.plan.load import bundled_plan
        from clusterweb.planning.services import load_plan_into_db

        call_command("migrate", interactive=False, verbosity=0)
        ensure_groups()
        load_plan_into_db(bundled_plan())
        create_user("runner", "correct horse battery staple 42", Role.VIEWER)
    elif command == "start":
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="runner")
        record = services.start_task(user, args[0], **json.loads(args[1]))
        print(record.pk)
    elif command == "status":
        record = TaskRecord.objects.get(pk=int(args[0]))
        print(
            json.dumps(
                {
                    "status": record.status,
                    "done": record.done,
                    "total": record.total,
                    "attempts": record.attempts,
                    "retryable": record.retryable,
                    "message": record.message,
                    "has_result": record.result is not None,
                    "result": record.result,
                }
            )
        )
    elif command == "sweep":
        print(services.sweep_stale())
    elif command == "retry":
        print(json.dumps(services.retry(TaskRecord.objects.get(pk=int(args[0])))))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
