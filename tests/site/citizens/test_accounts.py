"""Citizens' accounts belong to one town: sign-up, log-in, sessions, password reset, throttling
and the admin, which no citizen account ever reaches (radnice.citizens)."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.utils.http import base36_to_int

from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.adapter import CitizenAccountAdapter
from radnice.citizens.models import CitizenProfile
from tests.factories import make_member

PASSWORD = "Zelena-lavicka-42"
OTHER_PASSWORD = "Modra-branka-1987"
EMAIL = "jana.novakova@example.cz"
ALFA = "alfa.test"
BETA = "beta.test"


def sign_up(client, host, email=EMAIL, password=PASSWORD):
    return client.post(
        "/ucet/signup/",
        {"email": email, "password1": password, "password2": password, "terms": "on"},
        HTTP_HOST=host,
    )


def confirm_last_email(client, host):
    body = mail.outbox[-1].body
    path = re.search(r"https?://" + re.escape(host) + r"(/ucet/confirm-email/\S+/)", body)[1]
    assert client.get(path, HTTP_HOST=host).status_code == 200
    response = client.post(path, HTTP_HOST=host)
    assert response.status_code == 302
    return response


def log_in(client, host, email=EMAIL, password=PASSWORD):
    return client.post("/ucet/login/", {"login": email, "password": password}, HTTP_HOST=host)


def make_citizen(client, host, email=EMAIL, password=PASSWORD):
    # allauth sends one confirmation per address and town in 3 minutes (the rate limit
    # "confirm_email"): as if they had passed since the last test step.
    cache.clear()
    assert sign_up(client, host, email, password).status_code == 302
    confirm_last_email(client, host)
    client.logout()
    return CitizenProfile.objects.get(user__email=email, municipality__site__hostname=host).user


def is_logged_in(client, host):
    return client.get("/ucet/email/", HTTP_HOST=host).status_code == 200


def test_sign_up_verify_and_log_in(client, town_a):
    response = sign_up(client, ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    assert mail.outbox[0].subject.startswith(f"[{town_a.name}] ")
    profile = CitizenProfile.objects.get(user__email=EMAIL)
    assert profile.municipality == town_a
    assert profile.terms_version == "1"
    assert profile.terms_accepted_at is not None
    assert profile.user.username.startswith("obcan-")
    assert not profile.user.is_staff
    # Not before the address is verified: the log-in sends the confirmation again.
    response = log_in(client, ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/confirm-email/"
    assert not is_logged_in(client, ALFA)

    confirm_last_email(client, ALFA)
    client.logout()
    response = log_in(client, ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/muj-urad/"
    assert is_logged_in(client, ALFA)

    response = client.post("/ucet/logout/", HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert not is_logged_in(client, ALFA)


def test_sign_up_needs_consent_and_answers_in_czech(client, town_a):
    response = client.post(
        "/ucet/signup/",
        {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toto pole je povinné." in html
    assert 'aria-describedby="id_terms_errors"' in html
    assert not CitizenProfile.objects.exists()


def test_same_email_holds_separate_accounts_in_two_towns(client, town_a, town_b):
    user_a = make_citizen(client, ALFA, password=PASSWORD)
    user_b = make_citizen(client, BETA, password=OTHER_PASSWORD)
    assert user_a.pk != user_b.pk
    assert user_b.citizen_profile.municipality == town_b

    # Each town's password opens that town's account only.
    assert log_in(client, ALFA, password=OTHER_PASSWORD).status_code == 200
    assert log_in(client, BETA, password=PASSWORD).status_code == 200
    response = log_in(client, BETA, password=OTHER_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user_b.pk)


def test_second_sign_up_in_the_same_town_creates_no_account(client, town_a):
    make_citizen(client, ALFA)
    mail.outbox.clear()
    cache.clear()  # as in make_citizen
    response = sign_up(client, ALFA, password=OTHER_PASSWORD)
    # As for a new address (no enumeration), but the owner gets an e-mail instead of a new account.
    assert response.status_code == 302
    assert CitizenProfile.objects.filter(municipality=town_a).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]


def test_citizen_of_one_town_cannot_log_in_on_another(client, town_a, town_b):
    make_citizen(client, ALFA)
    response = log_in(client, BETA)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not is_logged_in(client, BETA)


def test_session_cookie_of_one_host_is_worthless_on_another(client, town_a, town_b):
    make_citizen(client, ALFA)
    assert log_in(client, ALFA).status_code == 302
    assert is_logged_in(client, ALFA)
    # The same cookie sent to the other town's host: an anonymous visitor there.
    response = client.get("/ucet/email/", HTTP_HOST=BETA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/login/?next=/ucet/email/"
    home = client.get("/", HTTP_HOST=BETA)
    assert home.status_code == 200
    assert home.wsgi_request.user.is_anonymous
    assert is_logged_in(client, ALFA)


@pytest.mark.parametrize("mistake", ["is_staff", "is_superuser", "admin_group"])
def test_citizen_never_reaches_the_admin(client, town_a, mistake):
    user = make_citizen(client, ALFA)
    if mistake == "admin_group":
        group = Group.objects.create(name="Omylem")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
        user.is_staff = True
    else:
        setattr(user, mistake, True)
        user.is_staff = True
    user.save()

    assert log_in(client, ALFA).status_code == 302
    response = client.get("/admin/", HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    # Nor through the admin's own log-in form, by e-mail or by the generated user name.
    client.logout()
    for login in (EMAIL, user.username):
        response = client.post(
            "/admin/login/", {"username": login, "password": PASSWORD}, HTTP_HOST=ALFA
        )
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    assert client.get("/admin/", HTTP_HOST=ALFA).status_code == 302
    # On the public site the mistaken flags do not count either.
    assert log_in(client, ALFA).status_code == 302
    home = client.get("/", HTTP_HOST=ALFA)
    assert home.status_code == 200
    assert not home.wsgi_request.user.is_superuser
    assert not home.wsgi_request.user.has_perm("wagtailadmin.access_admin")


def test_staff_admin_log_in_unaffected(client, town_a):
    editor = make_member(town_a, email="redaktor@alfa.test", password=PASSWORD)
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": PASSWORD}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/", HTTP_HOST=ALFA).status_code == 200
    # Staff are no citizens: the citizens' log-in does not know them.
    client.logout()
    assert log_in(client, ALFA, email="redaktor@alfa.test").status_code == 200
    assert "_auth_user_id" not in client.session


def test_failed_log_ins_are_throttled_with_a_czech_message(client, town_a):
    make_citizen(client, ALFA)
    for _attempt in range(5):
        response = log_in(client, ALFA, password="spatne-heslo-123")
        assert response.status_code == 200
        assert "Příliš mnoho pokusů" not in response.content.decode()
    response = log_in(client, ALFA)  # even the right password, for now
    assert response.status_code == 200
    message = "Příliš mnoho pokusů o přihlášení. Zkuste to prosím později."
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_sign_ups_answer_429_in_czech(client, town_a, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(2):
        assert sign_up(client, ALFA, email=f"obcan{number}@example.cz").status_code == 302
    response = sign_up(client, ALFA, email="obcan9@example.cz")
    assert response.status_code == 429
    assert "Příliš mnoho pokusů" in response.content.decode()
    assert not CitizenProfile.objects.filter(user__email="obcan9@example.cz").exists()


def test_password_reset_mails_only_the_town_account(client, town_a, town_b):
    user_a = make_citizen(client, ALFA)
    make_citizen(client, BETA, password=OTHER_PASSWORD)
    mail.outbox.clear()
    response = client.post("/ucet/password/reset/", {"email": EMAIL}, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://alfa\.test(/ucet/password/reset/key/(\w+)-\S+/)", mail.outbox[0].body)
    assert base36_to_int(link[2]) == user_a.pk

    # The link sets the password only on the town's own host.
    new_password = {"password1": "Nove-heslo-obcanky-7", "password2": "Nove-heslo-obcanky-7"}
    for host, status in ((BETA, 200), (ALFA, 302)):
        other = client.__class__()
        page = other.get(link[1], HTTP_HOST=host, follow=True)
        assert page.status_code == 200
        response = other.post(page.request["PATH_INFO"], new_password, HTTP_HOST=host)
        assert response.status_code == status
        if status == 200:
            message = "Tento odkaz platí jen na webu obce, kde jste o nové heslo požádali."
            assert message in response.content.decode()
            user_a.refresh_from_db()
            assert user_a.check_password(PASSWORD)
    user_a.refresh_from_db()
    assert user_a.check_password("Nove-heslo-obcanky-7")

    # Nothing for an address with no account in the town (and the same answer).
    mail.outbox.clear()
    response = client.post("/ucet/password/reset/", {"email": "nikdo@example.cz"}, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] in ([], [["nikdo@example.cz"]])
    assert all("/ucet/password/reset/key/" not in m.body for m in mail.outbox)


def test_an_address_is_added_only_if_the_town_has_no_account_with_it(client, town_a, town_b):
    make_citizen(client, ALFA, email="prvni@example.cz")
    make_citizen(client, BETA, email="treti@example.cz")
    make_citizen(client, ALFA, email="druhy@example.cz")
    assert log_in(client, ALFA, email="druhy@example.cz").status_code == 302
    response = client.post(
        "/ucet/email/", {"email": "prvni@example.cz", "action_add": ""}, HTTP_HOST=ALFA
    )
    assert response.status_code == 200
    assert "Uživatel s tímto e-mailem je již registrován." in response.content.decode()
    # Another town's account with the address does not count.
    response = client.post(
        "/ucet/email/", {"email": "treti@example.cz", "action_add": ""}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302


def test_no_sign_up_on_a_host_of_no_town(rf, town_a):
    adapter = CitizenAccountAdapter()
    assert adapter.is_open_for_signup(rf.get("/ucet/signup/", HTTP_HOST=ALFA)) is True
    assert adapter.is_open_for_signup(rf.get("/ucet/signup/", HTTP_HOST="localhost")) is False


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [
        ("/ucet/login/", "Přihlásit se", "cs"),
        ("/ucet/signup/", "Zaregistrovat se", "cs"),
        ("/ucet/password/reset/", "Reset hesla", "cs"),
        ("/en/ucet/login/", "Sign In", "en"),
    ],
)
def test_account_pages_in_the_site_frame(client, town_a, path, heading, lang):
    response = client.get(path, HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert 'class="skip-link"' in html
    assert f"{town_a.name}</span>" in html  # the header
    assert heading in html
    assert "<script>" not in html and " style=" not in html  # CSP: nothing inline


def test_demo_citizens_are_verified_separate_and_created_once(client, town_a, town_b):
    user_a, password_a = ensure_citizen(town_a, EMAIL)
    user_b, password_b = ensure_citizen(town_b, EMAIL, OTHER_PASSWORD)
    assert user_a.pk != user_b.pk
    assert password_b == OTHER_PASSWORD
    assert ensure_citizen(town_a, EMAIL) == (user_a, "")
    assert log_in(client, ALFA, password=password_a).status_code == 302
    assert log_in(client, BETA, password=OTHER_PASSWORD).status_code == 302
