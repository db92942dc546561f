"""A django-tasks backend that hands Wagtail's own jobs to Celery.

Wagtail (search index, reference index, file deletion, cache purges) enqueues its work
through django-tasks. In production those jobs must not run inside the request, and Radnice
already runs Celery workers, so this backend sends each job to the ``run_django_task``
Celery task instead of adding a second queue to operate.

Jobs are dispatched after the current transaction commits: Wagtail enqueues from
``post_save`` handlers, and a worker that ran before the commit would not find the row.
"""

from django.db import transaction
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class CeleryBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        from .tasks import run_django_task

        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(
            lambda: run_django_task.apply_async(
                args=(task.module_path, list(args), dict(kwargs)),
                task_id=result.id,
                queue=task.queue_name if task.queue_name != "default" else None,
            )
        )
        return result
