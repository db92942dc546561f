"""A second factor for staff: enrolment, log-in with a code, and the required mode."""

import base64
import io

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "heslo-123"  # tests.factories.make_member
HOST = {"HTTP_HOST": "alfa.test"}


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enrolled_device(user):
    return TOTPDevice.objects.create(user=user, name="Aplikace", confirmed=True)


def log_in(client, user, otp_token=""):
    return client.post(
        "/admin/login/",
        {"username": user.get_username(), "password": PASSWORD, "otp_token": otp_token},
        **HOST,
    )


def test_staff_enrol_a_device_with_a_qr_code_and_the_secret_as_text(client, editor_a):
    client.force_login(editor_a)
    page = client.get("/admin/dvoufazove-overeni/", **HOST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    device = TOTPDevice.objects.get(user=editor_a, confirmed=False)
    secret = html.split("<code>")[1].split("</code>")[0].replace(" ", "")
    assert secret == base64.b32encode(device.bin_key).decode()

    wrong = client.post("/admin/dvoufazove-overeni/", {"token": "000000"}, **HOST)
    assert wrong.status_code == 200
    assert "Kód nesouhlasí nebo už vypršel" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    response = client.post("/admin/dvoufazove-overeni/", {"token": code(device)}, **HOST)
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_account_page_offers_two_factor_enrolment(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/account/", **HOST)
    assert response.status_code == 200
    assert "/admin/dvoufazove-overeni/" in response.content.decode()


def test_user_with_a_device_logs_in_with_password_and_code(client, editor_a):
    device = enrolled_device(editor_a)
    response = log_in(client, editor_a, code(device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_a.pk)
    assert client.session["otp_device_id"] == device.persistent_id


def test_wrong_or_missing_code_is_refused(client, editor_a):
    device = enrolled_device(editor_a)
    missing = log_in(client, editor_a)
    assert missing.status_code == 200
    assert "zadejte i ověřovací kód z aplikace" in missing.content.decode()
    wrong = log_in(client, editor_a, "000000" if code(device) != "000000" else "111111")
    assert wrong.status_code == 200
    assert "Ověřovací kód nesouhlasí nebo už vypršel." in wrong.content.decode()
    assert "_auth_user_id" not in client.session


def test_user_without_a_device_logs_in_with_the_password_alone(client, editor_a):
    assert log_in(client, editor_a).status_code == 302


def test_required_mode_sends_administrators_to_enrolment_first(client, settings, admin_a):
    settings.RADNICE_REQUIRE_2FA = "administrators"
    client.force_login(admin_a)
    response = client.get("/admin/pages/", **HOST)
    assert response.status_code == 302
    assert response["Location"] == "/admin/dvoufazove-overeni/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/dvoufazove-overeni/", **HOST).status_code == 200


def test_required_for_administrators_leaves_editors_alone(client, settings, editor_a):
    settings.RADNICE_REQUIRE_2FA = "administrators"
    client.force_login(editor_a)
    assert client.get("/admin/", **HOST).status_code == 200
    settings.RADNICE_REQUIRE_2FA = "all"
    assert client.get("/admin/", **HOST).status_code == 302


def test_verified_administrator_passes_in_required_mode(client, settings, admin_a):
    settings.RADNICE_REQUIRE_2FA = "administrators"
    device = enrolled_device(admin_a)
    assert log_in(client, admin_a, code(device)).status_code == 302
    assert client.get("/admin/", **HOST).status_code == 200


def test_operator_resets_a_lost_second_factor_and_the_user_logs_in_with_the_password(
    client, editor_a
):
    from django.core.management import call_command
    from wagtail.models import ModelLogEntry

    enrolled_device(editor_a)
    assert log_in(client, editor_a).status_code == 200  # the code is asked for
    call_command("reset_second_factor", editor_a.email.upper(), stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=editor_a).exists()
    assert log_in(client, editor_a).status_code == 302
    entry = ModelLogEntry.objects.get(action="radnice.second_factor_reset")
    assert entry.object_id == str(editor_a.pk)


def test_resetting_an_unknown_user_is_a_clear_error():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="neexistuje"):
        call_command("reset_second_factor", "nikdo@example.cz", stdout=io.StringIO())
