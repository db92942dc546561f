"""Run a Celery task after the current transaction commits, never inside the request.

With a broker (production) the task goes to a Celery worker. Without one (the SQLite demo,
``CELERY_TASK_ALWAYS_EAGER``) Celery would run it inside the request that enqueued it, so a
long budget import would hold the upload request open and keep the database's write lock
meanwhile; here it runs instead in a thread of the web process, after the response has gone.
Tests keep the eager, in-request behaviour (``RADNICE_BACKGROUND_THREADS`` off) so that they
see the result at once; one test turns threads on.

Modules start their long jobs through :func:`run_after_commit` (docs/modules.md).
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)

#: Threads started by :func:`run_after_commit`, so that tests and shutdown can wait for them.
started_threads = []


def uses_threads():
    return bool(getattr(settings, "RADNICE_BACKGROUND_THREADS", False)) and bool(
        settings.CELERY_TASK_ALWAYS_EAGER
    )


def _run_in_thread(task, args):
    close_old_connections()
    try:
        task.apply(args=args)
    except Exception:  # the task records its own failure; this only keeps the thread quiet
        logger.exception("Background task %s failed", task.name)
    finally:
        connections.close_all()


def run_after_commit(task, *args):
    """Start ``task(*args)`` once the surrounding transaction has committed."""

    def start():
        if uses_threads():
            thread = threading.Thread(
                target=_run_in_thread, args=(task, args), name=f"radnice-{task.name}", daemon=True
            )
            started_threads[:] = [t for t in started_threads if t.is_alive()]
            started_threads.append(thread)
            thread.start()
        else:
            task.delay(*args)

    transaction.on_commit(start)
