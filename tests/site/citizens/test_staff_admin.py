"""The staff side of citizens' accounts in the admin ("Občané", radnice.citizens.admin_views):
who sees which accounts, confirming identities, revoking, blocking, the audit log, and that
no password, second-factor secret or identity-provider token shows anywhere."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from municipalities.models import MunicipalityRole
from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.adapter import CitizenAccountAdapter
from radnice.citizens.models import AuditEntry, Level, Verification
from radnice.citizens.verification import block, confirm_by_office, level_of, with_levels
from tests.admin_urls import admin_url_patterns, kwargs_of
from tests.factories import SuperuserFactory, make_member

ALFA = "alfa.test"
BETA = "beta.test"
PASSWORD = "Zelena-lavicka-42"
ACCOUNT_VIEWS = ["inspect", "confirm", "block", "unblock"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # allauth's rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def citizen_a(town_a):
    user, _ = ensure_citizen(town_a, "jana.novakova@example.cz", PASSWORD)
    return user.citizen_profile


@pytest.fixture
def citizen_b(town_b):
    user, _ = ensure_citizen(town_b, "bedrich.betovsky@example.cz", PASSWORD)
    return user.citizen_profile


@pytest.fixture
def admin_client(client, admin_a):
    client.force_login(admin_a)
    return client


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST=ALFA)


def post(client, url, data=None):
    return client.post(url, data or {}, HTTP_HOST=ALFA)


def account_url(name, profile, *args):
    return reverse(f"citizen_accounts:{name}", args=[profile.pk, *args])


def office_confirmation(profile, official, **changes):
    values = {
        "given_name": "Jana",
        "family_name": "Nováková",
        "birth_date": datetime.date(1980, 5, 1),
        "address": "Alfa 1",
        "note": "občanský průkaz",
    }
    values.update(changes)
    return confirm_by_office(profile, official, **values)


# --- who may see what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (MunicipalityRole.ADMINISTRATOR, 200),
        (MunicipalityRole.MODERATOR, 302),
        (MunicipalityRole.EDITOR, 302),
    ],
)
def test_only_the_towns_administrators_see_its_citizens(client, town_a, citizen_a, role, status):
    """Wagtail answers a refused admin view with a redirect to the dashboard and a message."""
    client.force_login(make_member(town_a, role))
    for url in [
        reverse("citizen_accounts:index"),
        reverse("citizen_audit:index"),
        account_url("inspect", citizen_a),
        account_url("confirm", citizen_a),
        account_url("block", citizen_a),
    ]:
        response = get(client, url)
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    menu = get(client, reverse("wagtailadmin_home")).content.decode()
    assert (reverse("citizen_accounts:index") in menu) is (status == 200)
    assert (reverse("citizen_audit:index") in menu) is (status == 200)


def test_actions_of_other_roles_change_nothing(client, town_a, citizen_a):
    client.force_login(make_member(town_a, MunicipalityRole.MODERATOR))
    assert post(client, account_url("block", citizen_a), {"reason": "spam"}).status_code == 302
    response = post(client, account_url("confirm", citizen_a), confirmation_data())
    assert response.status_code == 302
    citizen_a.refresh_from_db()
    assert citizen_a.blocked_at is None
    assert not Verification.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_roles_permissions(town_a):
    administrator = make_member(town_a, MunicipalityRole.ADMINISTRATOR)
    assert administrator.has_perm("citizens.view_citizenprofile")
    assert administrator.has_perm("citizens.confirm_citizenprofile")
    assert administrator.has_perm("citizens.block_citizenprofile")
    assert administrator.has_perm("citizens.view_auditentry")
    for role in (MunicipalityRole.EDITOR, MunicipalityRole.MODERATOR):
        member = make_member(town_a, role)
        assert not any(p.startswith("citizens.") for p in member.get_all_permissions()), role


def test_operator_sees_every_towns_citizens(client, citizen_a, citizen_b):
    client.force_login(SuperuserFactory())
    body = get(client, reverse("citizen_accounts:index")).content.decode()
    assert citizen_a.user.email in body and citizen_b.user.email in body
    assert get(client, account_url("inspect", citizen_b)).status_code == 200


# --- the listing -----------------------------------------------------------------------------


def test_listing_shows_the_towns_accounts_with_level_and_blocking(
    admin_client, admin_a, citizen_a, citizen_b, town_a
):
    other, _ = ensure_citizen(town_a, "karel@example.cz")
    EmailAddress.objects.filter(user=other).update(verified=False)
    office_confirmation(citizen_a, admin_a)
    block(other.citizen_profile, admin_a, "spam")
    response = get(admin_client, reverse("citizen_accounts:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "jana.novakova@example.cz" in body and "karel@example.cz" in body
    assert citizen_b.user.email not in body
    assert "ověřeno úřadem" in body and "neověřený účet" in body
    blocked_at = other.citizen_profile.blocked_at
    assert date_format(localtime(blocked_at), "j. n. Y H:i") in body  # the column "Zablokováno"
    assert "<title>Účty občanů" in body
    assert "Přidat" not in body  # no add view: accounts are the citizens' own


def emails_listed(client, **params):
    response = get(client, reverse("citizen_accounts:index"), **params)
    assert response.status_code == 200
    return sorted(row.user.email for row in response.context["object_list"])


def test_search_by_email_and_by_a_verified_name(admin_client, admin_a, citizen_a, town_a):
    ensure_citizen(town_a, "karel@example.cz")
    office_confirmation(citizen_a, admin_a, given_name="Jana", family_name="Zelená")
    assert emails_listed(admin_client, q="karel") == ["karel@example.cz"]
    assert emails_listed(admin_client, q="jana zelen") == ["jana.novakova@example.cz"]
    assert emails_listed(admin_client, q="nikdo") == []
    response = get(admin_client, reverse("citizen_accounts:index"), q="nikdo")
    assert "Hledání ani filtrům neodpovídá žádný účet." in response.content.decode()


def test_empty_listings_say_so_in_czech(admin_client):
    response = get(admin_client, reverse("citizen_accounts:index"))
    assert "Zatím tu nejsou žádné účty občanů." in response.content.decode()
    response = get(admin_client, reverse("citizen_audit:index"))
    assert "Pracovníci úřadu s účty občanů zatím nic neprovedli." in response.content.decode()


def test_filters_by_level_and_blocking(admin_client, admin_a, citizen_a, town_a):
    other, _ = ensure_citizen(town_a, "karel@example.cz")
    office_confirmation(citizen_a, admin_a)
    block(other.citizen_profile, admin_a, "spam")
    assert emails_listed(admin_client, level=Level.OFFICE) == ["jana.novakova@example.cz"]
    assert emails_listed(admin_client, level=Level.EMAIL) == ["karel@example.cz"]
    assert emails_listed(admin_client, blocked="ano") == ["karel@example.cz"]
    assert emails_listed(admin_client, blocked="ne") == ["jana.novakova@example.cz"]


def test_listing_asks_no_query_per_row(admin_client, admin_a, town_a):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert get(admin_client, reverse("citizen_accounts:index")).status_code == 200
        return len(queries)

    first, _ = ensure_citizen(town_a, "prvni@example.cz")
    office_confirmation(first.citizen_profile, admin_a)
    count_queries()  # warm caches (content types, permissions)
    few = count_queries()
    for number in range(6):
        user, _ = ensure_citizen(town_a, f"obcan{number}@example.cz")
        if number % 2:
            office_confirmation(user.citizen_profile, admin_a)
    assert count_queries() == few


def test_annotated_levels_agree_with_level_of(admin_a, town_a):
    users = []
    for number in range(4):
        user, _ = ensure_citizen(town_a, f"obcan{number}@example.cz")
        users.append(user)
    EmailAddress.objects.filter(user=users[0]).update(verified=False)
    Verification.objects.create(profile=users[2].citizen_profile, method="oidc", provider="nia")
    office_confirmation(users[3].citizen_profile, admin_a)
    annotated = {
        profile.user_id: profile.citizen_level
        for profile in with_levels(town_a.citizen_profiles.all())
    }
    assert annotated == {user.pk: level_of(user) for user in users}
    assert sorted(annotated.values()) == [Level.NONE, Level.EMAIL, Level.IDENTITY, Level.OFFICE]


# --- the account's page ---------------------------------------------------------------------


def test_account_page_shows_proofs_and_audit_but_no_secrets(admin_client, admin_a, citizen_a):
    Verification.objects.create(
        profile=citizen_a,
        method=Verification.Method.OIDC,
        provider="nia",
        subject_hash="tajnyotisk0123456789",
        given_name="Jana",
        family_name="Nováková",
    )
    office_confirmation(citizen_a, admin_a, note="pas")
    response = get(admin_client, account_url("inspect", citizen_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "jana.novakova@example.cz" in body
    assert "nia" in body and "potvrzení úředníkem" in body
    assert "totožnost potvrzena" in body  # the audit entry
    assert "ověřeno úřadem" in body
    assert "tajnyotisk" not in body
    password_hash = citizen_a.user.password
    assert password_hash.split("$")[-1] not in body
    assert "pbkdf2" not in body and "argon2" not in body
    assert "Účet občana: jana.novakova@example.cz" in body  # the title


# --- the actions -----------------------------------------------------------------------------


def confirmation_data(**changes):
    data = {
        "given_name": "Jana",
        "family_name": "Nováková",
        "birth_date": "1. 5. 1980",
        "address": "Alfa 1, 123 45 Alfa",
        "note": "občanský průkaz",
    }
    data.update(changes)
    return data


def test_confirm_identity(admin_client, admin_a, citizen_a):
    url = account_url("confirm", citizen_a)
    page = get(admin_client, url)
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = post(admin_client, url, confirmation_data())
    assert response.status_code == 302
    assert response["Location"] == account_url("inspect", citizen_a)
    verification = Verification.objects.get(profile=citizen_a)
    assert verification.method == Verification.Method.OFFICE
    assert verification.verified_by == admin_a
    assert verification.birth_date == datetime.date(1980, 5, 1)
    assert level_of(citizen_a.user) == Level.OFFICE
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.profile) == ("verified", admin_a, citizen_a)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": ""}, "given_name", "Vyplňte prosím toto pole."),
        ({"address": ""}, "address", "Vyplňte prosím toto pole."),
        ({"birth_date": "zítra"}, "birth_date", "Zadejte datum narození ve tvaru 24. 12. 1980."),
        ({"birth_date": "1. 1. 2999"}, "birth_date", "Datum narození nemůže být v budoucnosti."),
    ],
)
def test_confirm_identity_errors_at_fields(admin_client, citizen_a, changes, field, message):
    response = post(admin_client, account_url("confirm", citizen_a), confirmation_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Verification.objects.exists()
    assert not AuditEntry.objects.exists()


def test_revoke_a_verification(admin_client, admin_a, citizen_a):
    verification = office_confirmation(citizen_a, admin_a)
    url = account_url("revoke", citizen_a, verification.pk)
    assert get(admin_client, url).status_code == 200
    response = post(admin_client, url, {"reason": "omyl"})
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.revoked_at is not None
    assert level_of(citizen_a.user) == Level.EMAIL
    entry = AuditEntry.objects.get(action="verification_revoked")
    assert entry.detail == "omyl"
    # Revoked once: the URL answers 404 now.
    assert get(admin_client, url).status_code == 404


def test_block_needs_a_reason_and_unblock(admin_client, admin_a, citizen_a):
    url = account_url("block", citizen_a)
    response = post(admin_client, url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Uveďte prosím důvod."]
    citizen_a.refresh_from_db()
    assert citizen_a.blocked_at is None

    assert post(admin_client, url, {"reason": "rozesílá spam"}).status_code == 302
    citizen_a.refresh_from_db()
    assert citizen_a.blocked_at is not None
    assert citizen_a.blocked_reason == "rozesílá spam"
    page = get(admin_client, account_url("inspect", citizen_a)).content.decode()
    assert "rozesílá spam" in page and "Odblokovat účet" in page

    assert post(admin_client, account_url("unblock", citizen_a)).status_code == 302
    citizen_a.refresh_from_db()
    assert citizen_a.blocked_at is None
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "detail"))
    assert actions == [("blocked", "rozesílá spam"), ("unblocked", "")]


def test_actions_need_the_csrf_token(admin_a, citizen_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a)
    response = post(client, account_url("block", citizen_a), {"reason": "spam"})
    assert response.status_code == 403
    citizen_a.refresh_from_db()
    assert citizen_a.blocked_at is None


def log_in(client, email="jana.novakova@example.cz", password=PASSWORD):
    return client.post("/ucet/login/", {"login": email, "password": password}, HTTP_HOST=ALFA)


def is_logged_in(client):
    return client.get("/ucet/email/", HTTP_HOST=ALFA).status_code == 200


def test_blocked_citizen_cannot_log_in(client, admin_a, citizen_a):
    block(citizen_a, admin_a, "spam")
    response = log_in(client)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "Tento účet obecní úřad zablokoval, přihlásit se k němu nelze. "
        "Obraťte se prosím na obecní úřad."
    ]
    assert "Tento účet obecní úřad zablokoval" in response.content.decode()
    assert not is_logged_in(client)
    # A wrong password says nothing of the blocking.
    response = log_in(client, password="spatne-heslo-1")
    assert "zablokoval" not in response.content.decode()


def test_no_other_way_logs_a_blocked_account_in(rf, admin_a, citizen_a):
    """allauth's pre_login (after a confirmed address, a reset password...) refuses it too."""
    request = rf.get("/ucet/login/", HTTP_HOST=ALFA)
    SessionMiddleware(lambda request: None).process_request(request)
    adapter = CitizenAccountAdapter(request)
    kwargs = {"email_verification": "mandatory", "signal_kwargs": None, "email": None}
    kwargs.update(signup=False, redirect_url=None)
    with context.request_context(request):
        assert adapter.pre_login(request, citizen_a.user, **kwargs) is None
        block(citizen_a, admin_a, "spam")
        citizen_a.user.refresh_from_db()
        response = adapter.pre_login(request, citizen_a.user, **kwargs)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_inactive")


def test_blocking_ends_an_open_session(client, admin_a, citizen_a):
    assert log_in(client).status_code == 302
    assert is_logged_in(client)
    block(citizen_a, admin_a, "spam")
    assert not is_logged_in(client)
    assert "_auth_user_id" not in client.session
    # Unblocked, the citizen logs in again (the session is not restored by itself).
    citizen_a.blocked_at = None
    citizen_a.save()
    assert not is_logged_in(client)
    assert log_in(client).status_code == 302
    assert is_logged_in(client)


# --- other towns' accounts: by no URL and no id ----------------------------------------------


def citizen_url_names():
    """Every URL of the two viewsets, as the URLconf registers them."""
    names = [
        (name, [arg for _conv, arg in kwargs_of(route)])
        for name, route in admin_url_patterns()
        if name.startswith(("citizen_accounts:", "citizen_audit:"))
    ]
    assert {name for name, _args in names} >= {
        "citizen_accounts:index",
        "citizen_accounts:inspect",
        "citizen_accounts:confirm",
        "citizen_accounts:revoke",
        "citizen_accounts:block",
        "citizen_accounts:unblock",
        "citizen_audit:index",
    }
    return names


def test_other_towns_accounts_answer_404_at_every_url(admin_client, admin_a, citizen_a, citizen_b):
    admin_b = make_member(citizen_b.municipality, MunicipalityRole.ADMINISTRATOR)
    verification = office_confirmation(citizen_b, admin_b, family_name="Betovský")
    block(citizen_b, admin_b, "betovský důvod")
    checked = 0
    for name, args in citizen_url_names():
        if not args:
            response = get(admin_client, reverse(name))
            assert response.status_code == 200, name
            assert "betovsk" not in response.content.decode().lower(), name
            continue
        values = {"pk": citizen_b.pk, "verification_id": verification.pk}
        url = reverse(name, kwargs={arg: values[arg] for arg in args})
        assert get(admin_client, url).status_code == 404, url
        assert post(admin_client, url, {"reason": "x", **confirmation_data()}).status_code == 404
        checked += 1
    assert checked >= 5
    citizen_b.refresh_from_db()
    verification.refresh_from_db()
    assert citizen_b.blocked_at is not None and verification.revoked_at is None
    assert Verification.objects.filter(profile=citizen_b).count() == 1
    assert not AuditEntry.objects.filter(actor=admin_a).exists()


def test_own_verification_id_under_another_account_answers_404(
    admin_client, admin_a, citizen_a, town_a
):
    other, _ = ensure_citizen(town_a, "karel@example.cz")
    verification = office_confirmation(citizen_a, admin_a)
    url = account_url("revoke", other.citizen_profile, verification.pk)
    assert post(admin_client, url, {"reason": "x"}).status_code == 404
    verification.refresh_from_db()
    assert verification.revoked_at is None


def test_audit_log_is_the_towns_own(admin_client, admin_a, citizen_a, citizen_b):
    admin_b = make_member(citizen_b.municipality, MunicipalityRole.ADMINISTRATOR)
    block(citizen_a, admin_a, "alfa důvod")
    block(citizen_b, admin_b, "beta důvod")
    response = get(admin_client, reverse("citizen_audit:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "alfa důvod" in body and "jana.novakova@example.cz" in body
    assert "beta důvod" not in body and citizen_b.user.email not in body
    assert account_url("inspect", citizen_a) in body  # the entry links to the account
    filtered = get(admin_client, reverse("citizen_audit:index"), action="verified")
    assert "alfa důvod" not in filtered.content.decode()
    # read only: no add, edit or delete views
    assert {name for name, _ in citizen_url_names() if name.startswith("citizen_audit:")} == {
        "citizen_audit:index",
        "citizen_audit:index_results",
    }


# --- Wagtail's own "Uživatelé" ---------------------------------------------------------------


def test_wagtails_users_admin_lists_no_citizens(client, admin_a, citizen_a):
    client.force_login(SuperuserFactory())
    listing = get(client, reverse("wagtailusers_users:index"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert admin_a.email in body
    assert citizen_a.user.email not in body
    for name in ("edit", "delete", "history"):
        url = reverse(f"wagtailusers_users:{name}", args=[citizen_a.user.pk])
        assert get(client, url).status_code == 404, name
    assert get(client, reverse("wagtailusers_users:edit", args=[admin_a.pk])).status_code == 200


def test_wagtails_user_bulk_actions_skip_citizens(client, citizen_a):
    client.force_login(SuperuserFactory())
    url = reverse("wagtail_bulk_action", args=["auth", "user", "delete"])
    response = client.get(url, {"id": [citizen_a.user.pk]}, HTTP_HOST=ALFA)
    assert response.status_code == 404
    response = client.post(f"{url}?id={citizen_a.user.pk}", HTTP_HOST=ALFA)
    assert response.status_code == 404
    assert type(citizen_a.user).objects.filter(pk=citizen_a.user.pk).exists()


def test_town_staff_have_no_users_admin(client, admin_a):
    client.force_login(admin_a)
    assert get(client, reverse("wagtailusers_users:index")).status_code == 302
