"""A citizen's optional second factor (allauth.mfa, TOTP): activation with an inline QR code,
log-in with a code, recovery codes, deactivation; staff's django-otp stays apart."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from radnice.citizens.accounts import ensure_citizen
from tests.factories import make_member

from .test_accounts import ALFA, EMAIL, PASSWORD, is_logged_in, log_in, make_citizen

WRONG = "Kód nesouhlasí nebo už vypršel. Zadejte kód, který aplikace ukazuje teď."
SECRET_KEY = "mfa.totp.secret"  # allauth's session key of the secret being activated


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(iter(counters()))))


def wrong_code(secret):
    return "000000" if current_code(secret) != "000000" else "111111"


def reauthenticate(client, host=ALFA):
    """allauth asks for the password again before the second factor changes."""
    page = client.get("/ucet/2fa/totp/activate/", HTTP_HOST=host)
    assert page.status_code == 302
    assert page["Location"].startswith("/ucet/reauthenticate/")
    assert client.get(page["Location"], HTTP_HOST=host).status_code == 200
    response = client.post(page["Location"], {"password": PASSWORD}, HTTP_HOST=host)
    assert response.status_code == 302


def activate(client, host=ALFA):
    reauthenticate(client, host)
    page = client.get("/ucet/2fa/totp/activate/", HTTP_HOST=host)
    assert page.status_code == 200
    secret = client.session[SECRET_KEY]
    response = client.post(
        "/ucet/2fa/totp/activate/", {"code": current_code(secret)}, HTTP_HOST=host
    )
    assert response.status_code == 302
    cache.clear()  # a code is used once: the next step gets a fresh period
    return page, secret


def citizen_with_totp(client):
    user = make_citizen(client, ALFA)
    assert log_in(client, ALFA).status_code == 302
    _page, secret = activate(client)
    client.logout()
    return user, secret


def test_activation_shows_the_secret_and_an_inline_qr_code(client, town_a):
    user = make_citizen(client, ALFA)
    assert log_in(client, ALFA).status_code == 302
    index = client.get("/ucet/2fa/", HTTP_HOST=ALFA)
    assert index.status_code == 200
    assert "Dvoufázové ověření je vypnuté." in index.content.decode()

    reauthenticate(client)
    page = client.get("/ucet/2fa/totp/activate/", HTTP_HOST=ALFA)
    assert page.status_code == 200
    html = page.content.decode()
    secret = client.session[SECRET_KEY]
    assert f'<code id="authenticator_secret">{secret}</code>' in html
    assert '<svg role="img" aria-label="QR kód pro aplikaci s ověřovacími kódy"' in html
    assert "<svg" in html and "data:image" not in html and "<?xml" not in html
    assert " style=" not in html and "<script>" not in html  # nothing for the CSP to block
    assert "img-src 'self';" in page["Content-Security-Policy"] + ";"
    assert 'for="id_code"' in html

    wrong = client.post("/ucet/2fa/totp/activate/", {"code": wrong_code(secret)}, HTTP_HOST=ALFA)
    assert wrong.status_code == 200
    assert WRONG in wrong.content.decode()
    assert 'aria-describedby="id_code_errors' in wrong.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()

    response = client.post(
        "/ucet/2fa/totp/activate/", {"code": current_code(secret)}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    assert response["Location"] == "/ucet/2fa/recovery-codes/"
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes = client.get("/ucet/2fa/recovery-codes/", HTTP_HOST=ALFA)
    assert codes.status_code == 200
    assert "Záchranné kódy" in codes.content.decode()
    assert "recovery_codes.js" not in codes.content.decode()
    index = client.get("/ucet/2fa/", HTTP_HOST=ALFA)
    assert "Dvoufázové ověření je zapnuté." in index.content.decode()
    assert "Nepoužité kódy: 10 z 10." in index.content.decode()
    assert "Nepoužité kódy: 10 z 10." in codes.content.decode()


def test_log_in_asks_for_the_code(client, town_a):
    user, secret = citizen_with_totp(client)
    response = log_in(client, ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/2fa/authenticate/"
    assert not is_logged_in(client, ALFA)

    step = client.get("/ucet/2fa/authenticate/", HTTP_HOST=ALFA)
    assert step.status_code == 200
    assert "Ověření přihlášení" in step.content.decode()
    wrong = client.post("/ucet/2fa/authenticate/", {"code": wrong_code(secret)}, HTTP_HOST=ALFA)
    assert wrong.status_code == 200
    assert WRONG in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(
        "/ucet/2fa/authenticate/", {"code": current_code(secret)}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    assert response["Location"] == "/ucet/muj-urad/"
    assert client.session["_auth_user_id"] == str(user.pk)
    # allauth's factor is not django-otp's: the admin's verification knows nothing of it.
    home = client.get("/", HTTP_HOST=ALFA)
    assert not home.wsgi_request.user.is_verified()
    assert "otp_device_id" not in client.session
    # And the citizen still never reaches the admin, nor enrols a django-otp device there.
    assert client.get("/admin/", HTTP_HOST=ALFA).status_code == 302
    enrol = client.get("/admin/dvoufazove-overeni/", HTTP_HOST=ALFA)
    assert enrol.status_code == 302
    assert enrol["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_recovery_code_logs_in_once(client, town_a):
    user, _secret = citizen_with_totp(client)
    code = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()[0]
    assert log_in(client, ALFA).status_code == 302
    response = client.post("/ucet/2fa/authenticate/", {"code": code}, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert is_logged_in(client, ALFA)
    client.logout()
    assert log_in(client, ALFA).status_code == 302
    again = client.post("/ucet/2fa/authenticate/", {"code": code}, HTTP_HOST=ALFA)
    assert again.status_code == 200
    assert WRONG in again.content.decode()


def test_deactivation(client, town_a):
    user, _secret = citizen_with_totp(client)
    cache.clear()
    assert log_in(client, ALFA).status_code == 302
    client.post("/ucet/2fa/authenticate/", {"code": current_code(_secret)}, HTTP_HOST=ALFA)
    page = client.get("/ucet/2fa/totp/deactivate/", HTTP_HOST=ALFA)
    assert page.status_code == 302
    assert page["Location"].startswith("/ucet/reauthenticate/")
    response = client.post(page["Location"], {"password": PASSWORD}, HTTP_HOST=ALFA)
    assert response.status_code == 302
    page = client.get("/ucet/2fa/totp/deactivate/", HTTP_HOST=ALFA)
    assert page.status_code == 200
    assert "Vypnout dvoufázové ověření" in page.content.decode()
    mail.outbox.clear()
    response = client.post("/ucet/2fa/totp/deactivate/", HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()
    # The citizen is told, in the town's name (ACCOUNT_EMAIL_NOTIFICATIONS).
    [notice] = mail.outbox
    assert notice.to == [EMAIL]
    assert notice.subject.startswith(f"[{town_a.name}] ")
    assert notice.body.startswith("Dobrý den,")
    client.logout()
    response = log_in(client, ALFA)
    assert response.status_code == 302
    assert response["Location"] == "/ucet/muj-urad/"


def test_staff_have_no_citizens_second_factor(client, town_a):
    editor = make_member(town_a, email="redaktor@alfa.test", password=PASSWORD)
    client.force_login(editor)
    response = client.get("/ucet/2fa/totp/activate/", HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"].startswith("/ucet/login/")
    response = client.post("/ucet/2fa/totp/activate/", {"code": "123456"}, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=editor).exists()
    # Their admin keeps working, django-otp and all.
    assert client.get("/admin/", HTTP_HOST=ALFA).status_code == 200


def test_staff_log_in_with_django_otp_unaffected(client, town_a):
    from django_otp.oath import totp

    editor = make_member(town_a, email="redaktor@alfa.test", password=PASSWORD)
    device = TOTPDevice.objects.create(user=editor, name="Aplikace", confirmed=True)
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    response = client.post(
        "/admin/login/",
        {"username": editor.username, "password": PASSWORD, "otp_token": token},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id
    # The citizens' log-in does not know staff, with or without a second factor.
    client.logout()
    assert log_in(client, ALFA, email="redaktor@alfa.test").status_code == 200


def test_the_secret_never_shows_in_the_admin(client, town_a):
    user, secret = citizen_with_totp(client)
    operator = get_user_model().objects.create_superuser(
        "provozovatel", "provozovatel@example.cz", PASSWORD
    )
    client.force_login(operator)
    # Wagtail's "Uživatelé" shows staff only; "Občané" shows the account, never its secret.
    edit = reverse("wagtailusers_users:edit", args=[user.pk])
    assert client.get(edit, HTTP_HOST=ALFA).status_code == 404
    profile = user.citizen_profile
    for path in (
        "/admin/users/",
        f"/admin/users/?q={EMAIL}",
        reverse("citizen_accounts:index"),
        reverse("citizen_accounts:inspect", args=[profile.pk]),
    ):
        response = client.get(path, HTTP_HOST=ALFA)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert secret not in html
        assert secret.lower() not in html.lower()


def test_the_authenticator_app_shows_the_towns_name(rf, town_a):
    from allauth.core import context

    from radnice.citizens.mfa import CitizenMFAAdapter

    user, _password = ensure_citizen(town_a, EMAIL)
    request = rf.get("/ucet/2fa/totp/activate/", HTTP_HOST=ALFA)
    request.municipality = town_a
    with context.request_context(request):
        url = CitizenMFAAdapter().build_totp_url(user, "ABCDEFGH")
    assert url.startswith("otpauth://totp/jana.novakova%40example.cz?")
    assert "issuer=Obec%20Alfa" in url


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/ucet/2fa/", "cs", "Dvoufázové ověření"),
        ("/en/ucet/2fa/", "en", "Two-factor authentication"),
    ],
)
def test_second_factor_pages_in_the_site_frame(client, town_a, path, lang, heading):
    user, _password = ensure_citizen(town_a, EMAIL)
    client.force_login(user, backend="radnice.citizens.auth.CitizenBackend")
    response = client.get(path, HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert f"{town_a.name}</span>" in html  # the header
    assert '<nav class="account-nav"' in html
    assert f"<h1>{heading}</h1>" in html
    assert "<script>" not in html and " style=" not in html  # CSP: nothing inline
