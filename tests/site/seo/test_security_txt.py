"""/.well-known/security.txt (RFC 9116) from the operator's settings."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_security_txt_names_the_operators_contact_and_the_sites_canonical_url(
    client, settings, town_a
):
    settings.RADNICE_SECURITY_CONTACT = ["mailto:bezpecnost@provozovatel.cz"]
    settings.RADNICE_SECURITY_POLICY = "https://provozovatel.cz/bezpecnost"
    response = client.get("/.well-known/security.txt", HTTP_HOST="alfa.test:6666")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:bezpecnost@provozovatel.cz"
    assert fields["Policy"] == "https://provozovatel.cz/bezpecnost"
    assert fields["Preferred-Languages"] == "cs, en"
    assert fields["Canonical"] == "http://alfa.test/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=365)


def test_without_a_contact_there_is_no_security_txt(client, settings, town_a):
    settings.RADNICE_SECURITY_CONTACT = []
    response = client.get("/.well-known/security.txt", HTTP_HOST="alfa.test")
    assert response.status_code == 404
