"""Radnice: the Django project (installed as the package ``radnice``)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
