"""Admin log-in: throttled after repeated failures, and only strong passwords are accepted."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

pytestmark = pytest.mark.django_db

PASSWORD = "heslo-123"  # tests.factories.make_member
LOCKED = "Příliš mnoho neúspěšných pokusů o přihlášení. Zkuste to znovu za 15 minut."


def log_in(client, user, password):
    return client.post(
        "/admin/login/",
        {"username": user.get_username(), "password": password},
        HTTP_HOST="alfa.test",
    )


def test_forty_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, editor_a):
    for _attempt in range(40):
        response = log_in(client, editor_a, "spatne-heslo")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # The login page itself, with the form and the user name kept, not a bare error page.
    assert 'name="password"' in response.content.decode()
    assert editor_a.get_username() in response.content.decode()

    response = log_in(client, editor_a, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_out_ends_after_the_cool_off(client, editor_a, settings):
    import datetime

    from axes.models import AccessAttempt

    for _attempt in range(5):
        log_in(client, editor_a, "spatne-heslo")
    assert log_in(client, editor_a, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    response = log_in(client, editor_a, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_a.pk)


def test_a_successful_log_in_resets_the_failure_count(client, editor_a):
    for _attempt in range(4):
        assert log_in(client, editor_a, "spatne-heslo").status_code == 200
    assert log_in(client, editor_a, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert log_in(client, editor_a, "spatne-heslo").status_code == 200
    assert log_in(client, editor_a, PASSWORD).status_code == 302


def test_failures_for_one_user_do_not_lock_out_another(client, editor_a, admin_a):
    for _attempt in range(10):
        log_in(client, editor_a, "spatne-heslo")
    assert log_in(client, admin_a, PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["radnice1", "12345678901234", "heslo-123", "password1234"])
def test_weak_passwords_are_rejected_with_czech_messages(password, editor_a):
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        validate_password(password, user=editor_a)
    text = " ".join(error.value.messages)
    assert any(
        phrase in text
        for phrase in ("příliš krátké", "příliš běžné", "pouze z čísel", "příliš podobné")
    ), text


def test_a_long_uncommon_password_is_accepted(editor_a):
    validate_password("jarni-louka-pod-lesem", user=editor_a)
