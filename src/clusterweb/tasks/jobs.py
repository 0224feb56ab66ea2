"""The one queue task: it runs a :class:`~clusterweb.tasks.models.TaskRecord` by id.

Named ``jobs`` (not ``tasks``) so it cannot be mistaken for the app. The worker
(``manage.py db_worker``, started by ``clusterplan serve``) imports it by its path.
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_record(record_id: int) -> None:
    """Run one background task record (see :func:`clusterweb.tasks.services.execute`)."""
    from clusterweb.tasks.services import execute

    execute(record_id)
