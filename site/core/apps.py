from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the project: the django-tasks bridge to Celery."""

    name = "radnice.core"
    label = "core"
    verbose_name = "Radnice"
