"""The towns' wording of their messages (radnice.notifications: MessageTemplate) and their
sender: used for the town's own messages in that language only, checked on save with a
Czech error naming the line, previewed with the kind's sample; links from the town's
registered site."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from radnice.notifications.kinds import get_kind, message_kinds
from radnice.notifications.models import MessageTemplate, SenderSettings
from radnice.notifications.outbox import queue_mail
from radnice.notifications.rendering import preview

KIND = "account/email/unknown_account"
EMAIL = "jana.novakova@example.cz"
BODY = (
    '{% extends "account/email/base_message.txt" %}{% block content %}'
    "Účet s adresou {{ email }} u nás nemáme. Zaregistrujte se na {{ town_url }}."
    "{% endblock %}"
)


def wording(town, language="cs", **fields):
    return MessageTemplate.objects.create(
        municipality=town,
        kind=KIND,
        language=language,
        subject=fields.get("subject", "Účet {{ email }} neznáme"),
        body=fields.get("body", BODY),
        html=fields.get("html", ""),
    )


def send(town, language, django_capture_on_commit_callbacks, to=EMAIL):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(town, KIND, to, {"email": to}, language=language)
    return mail.outbox[-1]


def test_the_towns_wording_is_used_in_its_town_only(
    town_a, town_b, django_capture_on_commit_callbacks
):
    wording(town_a)
    own = send(town_a, "cs", django_capture_on_commit_callbacks)
    other = send(town_b, "cs", django_capture_on_commit_callbacks)
    assert own.subject == f"[{town_a.name}] Účet {EMAIL} neznáme"
    assert own.body.startswith("Dobrý den,\n")  # the town's greeting from the base template
    assert f"Účet s adresou {EMAIL} u nás nemáme. Zaregistrujte se na http://alfa.test/." in (
        own.body
    )
    assert own.body.rstrip().endswith(f"S pozdravem\n{town_a.name}\nhttp://alfa.test/")
    assert other.subject == f"[{town_b.name}] Neznámý účet"
    assert "u nás nemáme" not in other.body


def test_an_english_recipient_gets_the_english_template(town_a, django_capture_on_commit_callbacks):
    wording(town_a, "cs")  # the Czech wording is not for English messages
    message = send(town_a, "en", django_capture_on_commit_callbacks)
    assert message.subject == f"[{town_a.name}] Unknown Account"
    assert message.body.startswith("Hello,\n")
    assert "u nás nemáme" not in message.body

    wording(town_a, "en", subject="We do not know {{ email }}", body="No account here.")
    message = send(town_a, "en", django_capture_on_commit_callbacks, to="john@example.com")
    assert message.subject == f"[{town_a.name}] We do not know john@example.com"
    assert message.body == "No account here."


def test_the_text_is_not_html_escaped_and_the_html_part_is(
    town_a, django_capture_on_commit_callbacks
):
    wording(town_a, body="Pro {{ email }} & spol.", html="<p>Pro {{ email }}</p>")
    message = send(town_a, "cs", django_capture_on_commit_callbacks, to="a<b>@example.cz")
    assert message.body == "Pro a<b>@example.cz & spol."
    [(html, mimetype)] = message.alternatives
    assert (html, mimetype) == ("<p>Pro a&lt;b&gt;@example.cz</p>", "text/html")


def test_the_kinds_text_files_are_not_html_escaped(
    town_a, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    import themes.loader

    folder = tmp_path / "account" / "email"
    folder.mkdir(parents=True)
    (folder / "unknown_account_message.txt").write_text("Pro {{ email }} & spol.")
    monkeypatch.setattr(themes.loader, "theme_template_dirs", lambda: {"zkouska": tmp_path})
    town_a.theme = "zkouska"
    message = send(town_a, "cs", django_capture_on_commit_callbacks, to="o'brien@example.cz")
    assert message.body == "Pro o'brien@example.cz & spol."


def test_links_come_from_the_registered_site_not_the_requests_host(
    client, town_a, django_capture_on_commit_callbacks
):
    wording(town_a, body="{{ town_url }} {{ current_site.domain }}")
    # A request on the town's host with a port an attacker chose, as allauth's views run.
    client.get("/", HTTP_HOST="alfa.test:8443")
    message = send(town_a, "cs", django_capture_on_commit_callbacks)
    assert message.body == "http://alfa.test/ alfa.test"


@pytest.mark.parametrize(
    ("field", "source", "error"),
    [
        (
            "body",
            "Dobrý den,\n{% if email %}\nnemáme vás.",
            "Řádek 2: chyba v zápisu „{% if email %}“",
        ),
        (
            "body",
            "Text\n\n{{ email|neexistuje }}",
            "Řádek 3: chyba v zápisu „{{ email|neexistuje }}“",
        ),
        ("subject", "{% neznama %}", "Řádek 1: chyba v zápisu „{% neznama %}“"),
        (
            "body",
            'Text\n{% include "account/email/base_message.txt" %}',
            'Řádek 2: značku „{% include "account/email/base_message.txt" %}“ šablona obce '
            "použít nesmí.",
        ),
        (
            "html",
            '{% extends "wagtailadmin/base.html" %}',
            'Řádek 1: značku „{% extends "wagtailadmin/base.html" %}“ šablona obce použít nesmí.',
        ),
        ("body", "{% load static %}{% static 'x' %}", "Řádek 1: značku „{% load static %}“"),
    ],
)
def test_a_template_error_is_refused_in_czech_naming_the_line(town_a, field, source, error):
    template = MessageTemplate(
        municipality=town_a, kind=KIND, language="cs", subject="Předmět", body="Text"
    )
    setattr(template, field, source)
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    [message] = refused.value.message_dict[field]
    assert message.startswith(error)


def test_a_valid_wording_passes_and_an_unknown_kind_does_not(town_a):
    wording(town_a).full_clean()
    unknown = MessageTemplate(
        municipality=town_a, kind="nic/email/nic", language="cs", subject="a", body="b"
    )
    with pytest.raises(ValidationError) as refused:
        unknown.full_clean()
    assert refused.value.message_dict["kind"] == ["Tento druh zprávy neexistuje."]


def test_the_preview_fills_the_wording_with_the_kinds_sample(town_a):
    result = preview(wording(town_a, html="<p>{{ email }}</p>"))
    sample_email = get_kind(KIND).sample["email"]
    assert result["error"] == ""
    assert result["subject"] == f"[{town_a.name}] Účet {sample_email} neznáme"
    assert f"Účet s adresou {sample_email} u nás nemáme." in result["body"]
    assert result["html"] == f"<p>{sample_email}</p>"
    broken = preview(wording(town_a, "en", body="{% if %}"))
    assert broken["error"].startswith("Řádek 1: chyba v zápisu")


def test_every_declared_kind_renders_its_default_templates_with_its_sample(town_a):
    from radnice.notifications.rendering import render_parts

    assert "citizens/email/invitation" in message_kinds()
    for kind in message_kinds().values():
        for language in ("cs", "en"):
            subject, body, _html = render_parts(town_a, kind.name, kind.sample, language)
            assert subject.startswith(f"[{town_a.name}] ") and len(subject) > len(town_a.name) + 4
            assert body, kind.name


def test_the_towns_sender_and_reply_to(
    town_a, town_b, settings, django_capture_on_commit_callbacks
):
    settings.RADNICE_MAIL_SENDER_DOMAINS = ["alfa.example.cz"]
    own = SenderSettings.for_site(town_a.site)
    own.from_name = "Obecní úřad Alfa"
    own.from_email = "podatelna@alfa.example.cz"
    own.reply_to = "starosta@alfa.example.cz"
    own.full_clean()
    own.save()
    message = send(town_a, "cs", django_capture_on_commit_callbacks)
    assert message.from_email == "Obecní úřad Alfa <podatelna@alfa.example.cz>"
    assert message.reply_to == ["starosta@alfa.example.cz"]
    default = send(town_b, "cs", django_capture_on_commit_callbacks)
    assert default.from_email == f"{town_b.name} <radnice@localhost>"
    assert default.reply_to == []

    # The operator no longer allows the domain: the platform's address, not a spoofed one.
    settings.RADNICE_MAIL_SENDER_DOMAINS = []
    message = send(town_a, "cs", django_capture_on_commit_callbacks, to="petr@example.cz")
    assert message.from_email == "Obecní úřad Alfa <radnice@localhost>"


def test_a_sender_outside_the_allowed_domains_is_refused_in_czech(town_a, settings):
    settings.RADNICE_MAIL_SENDER_DOMAINS = ["alfa.example.cz"]
    own = SenderSettings.for_site(town_a.site)
    own.from_email = "urad@gmail.com"
    with pytest.raises(ValidationError) as refused:
        own.full_clean()
    [message] = refused.value.message_dict["from_email"]
    assert message.startswith("Z domény „gmail.com“ platforma odesílat nesmí")
    assert "Povolené domény: localhost, alfa.example.cz." in message
