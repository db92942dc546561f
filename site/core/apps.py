from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils import translation


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the project: the django-tasks bridge to Celery."""

    name = "radnice.core"
    label = "core"
    verbose_name = "Radnice"

    def ready(self):
        request_finished.connect(end_request_language, dispatch_uid="radnice.core.language")


def end_request_language(**kwargs):
    """A request's language ends with it. LocaleMiddleware activates the language of the URL
    (English under /en/) for the thread and leaves it there; without this, whatever the same
    thread runs next (a test after a request, as the test client runs them in one thread)
    would speak the last visitor's language instead of LANGUAGE_CODE."""
    translation.deactivate()
