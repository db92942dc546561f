"""The admin menu "E-maily" (radnice.notifications.admin_views): the town's administrators
see what their town sent and send a failed message again, and reword their town's messages;
another town's staff can neither list, open, edit, preview, delete nor choose any of it by a
guessed id, and other roles of the same town see none of it."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from municipalities.models import MunicipalityRole
from radnice.notifications.models import (
    MessageState,
    MessageTemplate,
    OutboxMessage,
    SenderSettings,
)
from radnice.notifications.outbox import queue_mail
from tests.admin_urls import admin_url_patterns, kwargs_of
from tests.factories import SuperuserFactory, make_member

ALFA = "alfa.test"
KIND = "account/email/unknown_account"
SECRET_SUBJECT = "Tajny predmet Alfy"
SNIPPETS = "wagtailsnippets_notifications_messagetemplate"
CHOOSER = "wagtailsnippetchoosers_notifications_messagetemplate"


@pytest.fixture
def wording_a(town_a):
    return MessageTemplate.objects.create(
        municipality=town_a, kind=KIND, language="cs", subject=SECRET_SUBJECT, body="Text Alfy"
    )


@pytest.fixture
def failed_a(town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_mail(town_a, KIND, "jana@example.cz", {}, language="cs")
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=MessageState.FAILED, attempts=5, last_error="SMTPServerDisconnected: spadlo"
    )
    return message


def logged_in(client, user):
    client.force_login(user)
    return client


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST=ALFA)


@pytest.fixture
def admin_b(town_b):
    return make_member(town_b, MunicipalityRole.ADMINISTRATOR)


# --- the towns' wording ----------------------------------------------------------------------


def object_urls(namespaces, pk):
    """Every URL of the namespaces taking one object id, as the URLconf registers them."""
    urls = [
        reverse(name, kwargs={kwargs_of(route)[0][1]: pk})
        for name, route in admin_url_patterns()
        if name.split(":")[0] in namespaces and len(kwargs_of(route)) == 1
    ]
    assert urls
    return urls


def wording_urls(wording):
    urls = object_urls((SNIPPETS, CHOOSER), wording.pk)
    assert {
        reverse(f"{SNIPPETS}:{name}", args=[wording.pk])
        for name in ("edit", "delete", "usage", "history", "preview_on_edit")
    } <= set(urls)
    return urls


def test_another_towns_administrator_cannot_list_open_edit_or_choose_the_wording(
    client, wording_a, admin_b
):
    logged_in(client, admin_b)
    listing = get(client, reverse(f"{SNIPPETS}:list"))
    assert listing.status_code == 200
    assert SECRET_SUBJECT not in listing.content.decode()
    chooser = get(client, reverse(f"{CHOOSER}:choose"))
    assert chooser.status_code == 200
    assert SECRET_SUBJECT not in chooser.content.decode()
    for url in wording_urls(wording_a):
        assert get(client, url).status_code == 404, url
    edit = reverse(f"{SNIPPETS}:edit", args=[wording_a.pk])
    response = client.post(edit, {"subject": "Prevzato"}, HTTP_HOST=ALFA)
    assert response.status_code == 404
    response = client.post(reverse(f"{SNIPPETS}:delete", args=[wording_a.pk]), {}, HTTP_HOST=ALFA)
    assert response.status_code == 404
    wording_a.refresh_from_db()
    assert wording_a.subject == SECRET_SUBJECT


def test_the_towns_administrator_edits_and_previews_its_wording(client, admin_a, wording_a):
    logged_in(client, admin_a)
    listing = get(client, reverse(f"{SNIPPETS}:list"))
    assert listing.status_code == 200
    assert "Obnovení hesla neznámé adresy (Čeština)" in listing.content.decode()
    for url in wording_urls(wording_a):
        assert get(client, url).status_code == 200, url
    data = {
        "municipality": wording_a.municipality_id,
        "kind": KIND,
        "language": "cs",
        "subject": "Neznámá adresa {{ email }}",
        "body": "Dobrý den,\nadresu {{ email }} neznáme.",
        "html": "",
    }
    preview_url = reverse(f"{SNIPPETS}:preview_on_edit", args=[wording_a.pk])
    response = client.post(preview_url, data, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert json.loads(response.content)["is_valid"] is True
    shown = get(client, preview_url).content.decode()
    assert "Neznámá adresa jana.novakova@example.cz" in shown
    assert "adresu jana.novakova@example.cz neznáme." in shown

    edit = reverse(f"{SNIPPETS}:edit", args=[wording_a.pk])
    assert client.post(edit, data, HTTP_HOST=ALFA).status_code == 302
    wording_a.refresh_from_db()
    assert wording_a.subject == "Neznámá adresa {{ email }}"


def test_a_syntax_error_is_shown_in_czech_with_its_line(client, admin_a, town_a):
    logged_in(client, admin_a)
    data = {
        "municipality": town_a.pk,
        "kind": KIND,
        "language": "en",
        "subject": "Předmět",
        "body": "Hello,\n{% if email %}\nno account.",
        "html": "",
    }
    response = client.post(reverse(f"{SNIPPETS}:add"), data, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Řádek 2: chyba v zápisu „{% if email %}“" in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_wording_cannot_be_saved_for_another_town(client, admin_a, town_b):
    logged_in(client, admin_a)
    data = {
        "municipality": town_b.pk,
        "kind": KIND,
        "language": "cs",
        "subject": "Předmět",
        "body": "Text",
        "html": "",
    }
    response = client.post(reverse(f"{SNIPPETS}:add"), data, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize("role", [MunicipalityRole.EDITOR, MunicipalityRole.MODERATOR])
def test_other_roles_of_the_town_do_not_see_the_emails(client, town_a, wording_a, failed_a, role):
    """Wagtail answers a refused admin view with a redirect to the dashboard."""
    logged_in(client, make_member(town_a, role))
    for url in [
        reverse(f"{SNIPPETS}:list"),
        reverse(f"{SNIPPETS}:edit", args=[wording_a.pk]),
        reverse("outbox:index"),
        reverse("outbox:inspect", args=[failed_a.pk]),
    ]:
        response = get(client, url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(reverse("outbox:resend", args=[failed_a.pk]), HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert OutboxMessage.objects.get().state == MessageState.FAILED


# --- the outbox --------------------------------------------------------------------------------


def test_another_towns_administrator_cannot_list_open_or_resend_the_towns_mail(
    client, failed_a, admin_b
):
    logged_in(client, admin_b)
    listing = get(client, reverse("outbox:index"))
    assert listing.status_code == 200
    assert "jana@example.cz" not in listing.content.decode()
    for url in object_urls(("outbox",), failed_a.pk):
        assert get(client, url).status_code == 404, url
    response = client.post(reverse("outbox:resend", args=[failed_a.pk]), HTTP_HOST=ALFA)
    assert response.status_code == 404
    assert OutboxMessage.objects.get().state == MessageState.FAILED
    assert mail.outbox == []


def test_the_towns_administrator_sees_the_state_and_resends_a_failed_message(
    client, admin_a, failed_a, django_capture_on_commit_callbacks
):
    logged_in(client, admin_a)
    listing = get(client, reverse("outbox:index"), state="failed").content.decode()
    assert "jana@example.cz" in listing
    assert "neodesláno" in listing
    found = get(client, reverse("outbox:index"), q="Neznámý").content.decode()
    assert "jana@example.cz" in found
    not_found = get(client, reverse("outbox:index"), q="Pozvánka").content.decode()
    assert "jana@example.cz" not in not_found
    assert "Hledání ani filtrům neodpovídá žádný e-mail." in not_found
    detail = get(client, reverse("outbox:inspect", args=[failed_a.pk])).content.decode()
    assert "SMTPServerDisconnected: spadlo" in detail
    resend_url = reverse("outbox:resend", args=[failed_a.pk])
    assert resend_url in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"] == reverse("outbox:inspect", args=[failed_a.pk])
    failed_a.refresh_from_db()
    assert (failed_a.state, failed_a.attempts) == (MessageState.SENT, 1)
    assert [message.to for message in mail.outbox] == [["jana@example.cz"]]
    # A sent message is not sent again, and the page offers no button for it.
    assert (
        resend_url
        not in get(client, reverse("outbox:inspect", args=[failed_a.pk])).content.decode()
    )
    client.post(resend_url, HTTP_HOST=ALFA)
    assert len(mail.outbox) == 1


def test_the_operator_sees_every_towns_mail_and_the_platforms(
    client, admin_a, failed_a, town_b, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    from radnice.notifications.outbox import store_email

    with django_capture_on_commit_callbacks(execute=False):
        with_b = queue_mail(town_b, KIND, "bedrich@example.cz", {}, language="cs")
        platform = store_email(EmailMessage("Obnovení hesla", "…", to=["redaktor@example.cz"]))
    logged_in(client, admin_a)
    body = get(client, reverse("outbox:index")).content.decode()
    assert "jana@example.cz" in body
    assert "bedrich@example.cz" not in body and "redaktor@example.cz" not in body
    assert get(client, reverse("outbox:inspect", args=[platform.pk])).status_code == 404

    logged_in(client, SuperuserFactory())
    body = get(client, reverse("outbox:index")).content.decode()
    for address in ("jana@example.cz", "bedrich@example.cz", "redaktor@example.cz"):
        assert address in body
    assert "platforma (e-maily Djanga a Wagtailu)" in body
    assert get(client, reverse("outbox:inspect", args=[with_b.pk])).status_code == 200
    assert get(client, reverse("outbox:inspect", args=[platform.pk])).status_code == 200


# --- the town's sender ---------------------------------------------------------------------


def sender_url(town):
    return reverse("wagtailsettings:edit", args=["notifications", "sendersettings", town.site.pk])


def test_the_towns_administrator_sets_its_sender_and_no_other_towns(
    client, admin_a, town_a, town_b, settings
):
    settings.RADNICE_MAIL_SENDER_DOMAINS = ["alfa.example.cz"]
    logged_in(client, admin_a)
    assert get(client, sender_url(town_a)).status_code == 200
    assert get(client, sender_url(town_b)).status_code == 404
    data = {"from_name": "Obecní úřad Alfa", "from_email": "urad@gmail.com", "reply_to": ""}
    response = client.post(sender_url(town_a), data, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Z domény „gmail.com“ platforma odesílat nesmí" in response.content.decode()
    data["from_email"] = "podatelna@alfa.example.cz"
    assert client.post(sender_url(town_a), data, HTTP_HOST=ALFA).status_code == 302
    response = client.post(sender_url(town_b), data, HTTP_HOST=ALFA)
    assert response.status_code == 404
    assert SenderSettings.for_site(town_a.site).from_email == "podatelna@alfa.example.cz"
    assert SenderSettings.for_site(town_b.site).from_email == ""


def test_an_editor_does_not_set_the_sender(client, town_a):
    logged_in(client, make_member(town_a, MunicipalityRole.EDITOR))
    response = get(client, sender_url(town_a))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
