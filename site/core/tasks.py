"""Celery tasks shared by the whole project."""

from celery import shared_task
from django.utils.module_loading import import_string

# Celery finds the tasks of an app in its ``tasks`` module: the import framework's task.
from .imports.tasks import run_import  # noqa: F401


@shared_task(name="radnice.run_django_task", acks_late=True)
def run_django_task(module_path, args, kwargs):
    """Run a django-tasks task (as queued by Wagtail) inside a Celery worker."""
    task = import_string(module_path)
    return task.call(*args, **kwargs)
