"""allauth's limits counted per e-mail address count per town (radnice.citizens.ratelimits)."""

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core import mail
from django.core.cache import cache

from radnice.citizens.models import CitizenProfile

from .test_accounts import ALFA, BETA, EMAIL, PASSWORD, log_in, make_citizen, sign_up


def test_the_seam_is_installed():
    assert getattr(allauth_ratelimit.get_cache_key, "per_town", False)


def test_same_address_signing_up_in_two_towns_gets_both_confirmations(client, town_a, town_b):
    cache.clear()
    assert sign_up(client, ALFA).status_code == 302
    client.logout()
    assert sign_up(client, BETA).status_code == 302
    assert [message.to for message in mail.outbox] == [[EMAIL], [EMAIL]]
    assert ALFA in mail.outbox[0].body
    assert BETA in mail.outbox[1].body
    assert CitizenProfile.objects.filter(user__email=EMAIL).count() == 2
    # Within one town the cool-down still holds: a log-in before confirming sends no second one.
    client.logout()
    assert log_in(client, BETA).status_code == 302
    assert len(mail.outbox) == 2


def test_failed_log_ins_lock_the_address_only_in_their_town(client, town_a, town_b):
    make_citizen(client, ALFA)
    make_citizen(client, BETA)
    for _attempt in range(5):
        response = log_in(client, ALFA, password="spatne-heslo-123")
        assert response.status_code == 200
    locked = "Příliš mnoho pokusů o přihlášení. Zkuste to prosím později."
    response = log_in(client, ALFA)
    assert response.status_code == 200
    assert locked in response.content.decode()
    # The same address in the other town: not locked.
    response = log_in(client, BETA)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        CitizenProfile.objects.get(municipality=town_b).user_id
    )
    client.logout()
    # And still locked in the first town.
    response = log_in(client, ALFA, password=PASSWORD)
    assert response.status_code == 200
    assert locked in response.content.decode()
