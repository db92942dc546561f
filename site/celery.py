"""The Celery application: eager in-process by default, Redis-backed when configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radnice.settings")

app = Celery("radnice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
