"""A django-tasks backend that hands Wagtail's own jobs to Celery.

Wagtail (search index, reference index, file deletion, cache purges) enqueues its work
through django-tasks. In production those jobs must not run inside the request, and Radnice
already runs Celery workers, so this backend sends each job to the ``run_django_task``
Celery task instead of adding a second queue to operate.

Jobs are dispatched after the current transaction commits: Wagtail enqueues from
``post_save`` handlers, and a worker that ran before the commit would not find the row.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


def ready_result(backend, task, args, kwargs):
    """A job's result as it is the moment it is queued (nothing has run yet)."""
    return TaskResult(
        task=task,
        id=get_random_id(),
        status=TaskResultStatus.READY,
        enqueued_at=None,
        started_at=None,
        last_attempted_at=None,
        finished_at=None,
        args=args,
        kwargs=kwargs,
        backend=backend.alias,
        errors=[],
        worker_ids=[],
    )


class CeleryBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        from .tasks import run_django_task

        self.validate_task(task)
        result = ready_result(self, task, args, kwargs)
        transaction.on_commit(
            lambda: run_django_task.apply_async(
                args=(task.module_path, list(args), dict(kwargs)),
                task_id=result.id,
                queue=task.queue_name if task.queue_name != "default" else None,
            )
        )
        return result


class CoalescingBackend(BaseTaskBackend):
    """Holds the jobs queued in :func:`coalesced_jobs`, each distinct job once."""

    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.jobs = {}

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        key = (task.module_path, repr(args), repr(sorted(kwargs.items())))
        # The job moves to the end: it runs after the jobs queued before its last queuing.
        self.jobs.pop(key, None)
        self.jobs[key] = (task, args, kwargs)
        return ready_result(self, task, args, kwargs)


@contextmanager
def coalesced_jobs(alias=DEFAULT_TASK_BACKEND_ALIAS):
    """Within the block, Wagtail's jobs are held and each distinct one is queued once, at the
    end, to the configured backend.

    Building many pages at once (the demo towns) saves each page several times, and every
    save queues a search-index and a reference-index update of the page, each reading the
    page anew: the same job three or four times over. The jobs read the record's state when
    they run, so once, after the last save, gives the same index. If the block fails, its
    jobs are dropped with it (its transaction is rolled back by then).
    """
    configured = task_backends[alias]
    holding = CoalescingBackend(alias, {})
    task_backends[alias] = holding
    try:
        yield holding
    finally:
        task_backends[alias] = configured
    gone = records_gone(holding.jobs.values())
    for task, args, kwargs in holding.jobs.values():
        if task.module_path in RECORD_JOBS and tuple(args[:3]) in gone:
            continue
        configured.enqueue(task, args, kwargs)


#: Wagtail's jobs about one record, ``(app_label, model_name, pk)``: run for a record deleted
#: since (an inline child a later save replaced), they would only fail with DoesNotExist; the
#: record's parent has a job of its own, which indexes what is left.
RECORD_JOBS = {
    "wagtail.tasks.update_reference_index_task",
    "modelsearch.tasks.insert_or_update_object_task",
}


def records_gone(jobs):
    """{(app_label, model_name, pk)} of the records of held ``RECORD_JOBS`` that no longer
    exist: one query per model."""
    from django.apps import apps

    wanted = defaultdict(set)
    for task, args, _kwargs in jobs:
        if task.module_path in RECORD_JOBS and len(args) >= 3:
            wanted[args[0], args[1]].add(args[2])
    gone = set()
    for (app_label, model_name), pks in wanted.items():
        model = apps.get_model(app_label, model_name)
        found = {
            str(pk) for pk in model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
        }
        gone |= {(app_label, model_name, pk) for pk in pks if str(pk) not in found}
    return gone
