"""Celery tasks of the budget module.

Uploads are run by the platform's import task (``imports.run``, ``radnice.core.imports.tasks``).
``budget.run_import`` remains only for messages that a broker still holds from before the
budget used the platform's framework: the run keeps its id, so it is the same job.
"""

from celery import shared_task

from radnice.core.imports.tasks import run_import as run_platform_import


@shared_task(name="budget.run_import", acks_late=True)
def run_import(job_id):
    return run_platform_import(job_id)
