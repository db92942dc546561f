"""E-mails to citizens: in the town's name and language, from the town's theme, through a
Celery task that sends each message once (radnice.citizens.mail)."""

import re

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from radnice.citizens.mail import render_citizen_mail, send_citizen_mail
from radnice.citizens.models import SentCitizenMail
from radnice.citizens.tasks import send_citizen_mail_task

from .test_accounts import ALFA, BETA, EMAIL, PASSWORD, sign_up


def test_allauth_mails_speak_for_the_town(client, town_a, town_b):
    assert sign_up(client, ALFA).status_code == 302
    [message] = mail.outbox
    assert message.from_email == f"{town_a.name} <radnice@localhost>"
    assert message.subject == f"[{town_a.name}] Potvrďte prosím svou e-mailovou adresu"
    body = message.body
    assert body.startswith("Dobrý den,\n")
    assert body.rstrip().endswith(f"S pozdravem\n{town_a.name}\nhttp://{ALFA}/")
    assert re.search(rf"http://{re.escape(ALFA)}/ucet/confirm-email/\S+/", body)
    assert EMAIL in body
    assert "obcan-" not in body  # the generated username is never shown
    assert BETA not in body and town_b.name not in body
    assert SentCitizenMail.objects.filter(municipality=town_a).count() == 1


def test_links_point_to_the_registered_site_not_the_host_header(client, town_a):
    response = client.post(
        "/ucet/signup/",
        {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "terms": "on"},
        HTTP_HOST=f"{ALFA}:8443",
    )
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert ":8443" not in body
    assert re.search(rf"http://{re.escape(ALFA)}/ucet/confirm-email/\S+/", body)


def test_english_visitors_get_english_mail(client, town_a):
    response = client.post(
        "/en/ucet/signup/",
        {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "terms": "on"},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == f"[{town_a.name}] Please Confirm Your Email Address"
    assert message.body.startswith("Hello,\n")
    assert f"Kind regards,\n{town_a.name}" in message.body
    assert f"http://{ALFA}/en/ucet/confirm-email/" in message.body


def test_the_task_sends_a_message_once(town_a):
    message = render_citizen_mail(town_a, "account/email/unknown_account", EMAIL, language="cs")
    assert send_citizen_mail_task.apply(args=("klic-1", message)).get() is True
    # Delivered again (a worker lost after sending, acks_late): nothing more goes out.
    assert send_citizen_mail_task.apply(args=("klic-1", message)).get() is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]


def test_a_failed_send_is_not_recorded_so_a_retry_sends(town_a, monkeypatch):
    message = render_citizen_mail(town_a, "account/email/unknown_account", EMAIL, language="cs")
    send = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise ConnectionError("SMTP server unreachable")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(Retry):  # Celery tries again later
        send_citizen_mail_task.apply(args=("klic-2", message), throw=True).get()
    assert not SentCitizenMail.objects.exists()
    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    assert send_citizen_mail_task.apply(args=("klic-2", message)).get() is True
    assert len(mail.outbox) == 1


def test_sending_waits_for_the_commit_and_goes_through_the_task(
    town_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_citizen_mail(town_a, "account/email/unknown_account", EMAIL, language="cs")
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_callers_key_sends_once_however_often_it_calls(
    town_a, town_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _call in range(2):
            send_citizen_mail(town_a, "account/email/unknown_account", EMAIL, key="oznameni-7")
        # Another town's message with the same key is another message.
        send_citizen_mail(town_b, "account/email/unknown_account", EMAIL, key="oznameni-7")
        # Without a key every call is a message.
        for _call in range(2):
            send_citizen_mail(town_a, "account/email/unknown_account", EMAIL)
    assert len(mail.outbox) == 4
    assert [m.subject.startswith(f"[{town_b.name}]") for m in mail.outbox].count(True) == 1


def test_the_towns_theme_overrides_a_mail_template(town_a, town_b, tmp_path, monkeypatch):
    import themes.loader

    folder = tmp_path / "account" / "email"
    folder.mkdir(parents=True)
    (folder / "base_message.txt").write_text(
        "{% autoescape off %}Vítá vás {{ town_name }}!\n{% block content %}{% endblock %}"
        "{% endautoescape %}\n"
    )
    monkeypatch.setattr(themes.loader, "theme_template_dirs", lambda: {"zkouska": tmp_path})
    town_a.theme = "zkouska"
    themed = render_citizen_mail(town_a, "account/email/unknown_account", EMAIL, language="cs")
    plain = render_citizen_mail(town_b, "account/email/unknown_account", EMAIL, language="cs")
    assert themed["body"].startswith(f"Vítá vás {town_a.name}!")
    assert plain["body"].startswith("Dobrý den,")


def test_keys_of_old_messages_are_forgotten_daily(town_a, settings):
    import datetime

    from django.utils import timezone

    from radnice.citizens.mail import KEEP_SENT_KEYS_DAYS
    from radnice.citizens.tasks import forget_sent_mail_task

    entry = settings.CELERY_BEAT_SCHEDULE["citizens-forget-sent-mail"]
    assert entry["task"] == forget_sent_mail_task.name
    old = SentCitizenMail.objects.create(key="stary", municipality=town_a)
    SentCitizenMail.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=KEEP_SENT_KEYS_DAYS + 1)
    )
    SentCitizenMail.objects.create(key="novy", municipality=town_a)
    assert forget_sent_mail_task.delay().get() == 1
    assert list(SentCitizenMail.objects.values_list("key", flat=True)) == ["novy"]
