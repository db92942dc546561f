"""Fixtures of the outbox's tests: an empty outbox, attachments in a temporary folder."""

import pytest
from django.core import mail


@pytest.fixture(autouse=True)
def _empty_mail_outbox(settings, files_in_tmp):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
