import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _empty_cache_and_outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # allauth's rate limits count in the cache
    mail.outbox.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _requests_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Each test request commits, as a request does outside tests.

    A test runs inside a transaction that is rolled back, so what a request leaves to
    ``transaction.on_commit`` (the citizens' e-mails: radnice.citizens.mail; allauth's
    messages) would never run. Here it runs when the request ends, as in autocommit.
    """
    request = Client.request

    def committing_request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", committing_request)
