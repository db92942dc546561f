"""Verified identity through OpenID Connect, end to end against a real provider on 127.0.0.1
(oidc-provider-mock, tests/site/citizens/conftest.py): radnice.citizens.oidc and its views."""

import base64
import datetime
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.cache import cache

from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import Level, Verification
from radnice.citizens.oidc import SESSION_KEY, OidcError, validate_id_token
from radnice.citizens.verification import level_of
from tests.factories import make_member

from .conftest import CLIENT_ID, JANA, PETR

ALFA = "alfa.test"
BETA = "beta.test"
START = "/ucet/overeni/zahajit/"
RETURN = "/ucet/overeni/navrat/"
PAGE = "/ucet/overeni/"
BACKEND = "radnice.citizens.auth.CitizenBackend"


def citizen(client, town, email="jana@example.cz"):
    user, _password = ensure_citizen(town, email)
    client.force_login(user, backend=BACKEND)
    return user


def authorize(client, host=ALFA, sub=JANA.sub, deny=False):
    """Start at Radnice, answer at the provider: the URL the provider sends the citizen back to."""
    response = client.post(START, HTTP_HOST=host)
    assert response.status_code == 302
    answer = requests.post(
        response["Location"],
        data={"action": "deny"} if deny else {"sub": sub},
        allow_redirects=False,
        timeout=5,
    )
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert (back.scheme, back.netloc, back.path) == ("http", host, RETURN)
    return f"{back.path}?{back.query}"


def verify(client, host=ALFA, sub=JANA.sub):
    return client.get(authorize(client, host, sub), HTTP_HOST=host)


def test_happy_path_records_the_verified_person(client, town_a, provider):
    user = citizen(client, town_a)
    assert level_of(user) == Level.EMAIL
    page = client.get(PAGE, HTTP_HOST=ALFA)
    assert page.status_code == 200
    assert "Ověřit totožnost přes NIA" in page.content.decode()

    start = client.post(START, HTTP_HOST=ALFA)
    assert start.status_code == 302
    location = urlsplit(start["Location"])
    assert f"{location.scheme}://{location.netloc}" == provider.url
    query = parse_qs(location.query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [f"http://{ALFA}{RETURN}"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["openid profile address"]
    assert query["state"][0] in client.session[SESSION_KEY]

    back = requests.post(start["Location"], data={"sub": JANA.sub}, allow_redirects=False)
    response = client.get(back.headers["Location"].removeprefix(f"http://{ALFA}"), HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"] == PAGE

    verification = Verification.objects.get()
    assert verification.profile == user.citizen_profile
    assert verification.method == Verification.Method.OIDC
    assert verification.provider == "NIA"
    expected = hashlib.sha256((provider.url + JANA.sub).encode()).hexdigest()
    assert verification.subject_hash == expected
    assert (verification.given_name, verification.family_name) == ("Jana", "Nováková")
    assert verification.birth_date == datetime.date(1990, 4, 1)
    assert verification.address == "Hlavní 5, 123 45 Alfa"
    assert level_of(user) == Level.IDENTITY
    assert client.session[SESSION_KEY] == {}

    html = client.get(PAGE, HTTP_HOST=ALFA).content.decode()
    assert "Vaše totožnost je ověřena přes NIA." in html
    assert "ověřená identita" in html
    assert "Jana Nováková" in html
    assert "1. 4. 1990" in html


def test_verifying_again_as_the_same_person_replaces_the_proof(client, town_a, provider):
    user = citizen(client, town_a)
    assert verify(client).status_code == 302
    assert verify(client).status_code == 302
    assert Verification.objects.count() == 2
    assert user.citizen_profile.verifications.filter(revoked_at__isnull=True).count() == 1


def test_refused_consent_creates_nothing(client, town_a, provider):
    user = citizen(client, town_a)
    response = client.get(authorize(client, deny=True), HTTP_HOST=ALFA)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ověření totožnosti bylo u poskytovatele identity zrušeno." in html
    assert "Ve vašem účtu se nic nezměnilo." in html
    assert not Verification.objects.exists()
    assert level_of(user) == Level.EMAIL


@pytest.mark.parametrize(
    ("provider_name", "message"),
    [
        # a properly signed ID token, issued to another client
        ("other_audience", "Potvrzení totožnosti bylo vydáno pro jinou službu."),
        # a properly signed ID token whose "exp" is an hour ago
        ("expired", "Potvrzení totožnosti od poskytovatele už vypršelo."),
    ],
)
def test_wrong_audience_and_expired_tokens_are_refused(
    client, town_a, oidc_providers, settings, provider_name, message
):
    cache.clear()
    settings.RADNICE_OIDC = oidc_providers[provider_name].settings()
    citizen(client, town_a)
    response = verify(client)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Verification.objects.exists()


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fetch_id_token(provider, nonce="jednou-jedine"):
    """A genuine ID token of ``provider``, fetched as Radnice fetches one."""
    document = requests.get(provider.url + "/.well-known/openid-configuration", timeout=5).json()
    redirect_uri = f"http://{ALFA}{RETURN}"
    query = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri}
    query |= {"scope": "openid profile", "state": "s", "nonce": nonce}
    answer = requests.post(
        document["authorization_endpoint"],
        params=query,
        data={"sub": JANA.sub},
        allow_redirects=False,
        timeout=5,
    )
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    tokens = requests.post(
        document["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        auth=(CLIENT_ID, "x"),
        timeout=5,
    ).json()
    return tokens["id_token"]


def test_signature_and_nonce_of_the_id_token_are_checked(provider, oidc_providers):
    id_token = fetch_id_token(provider)
    assert validate_id_token(id_token, "jednou-jedine")["given_name"] == "Jana"
    # ... is refused for another nonce (a token replayed into another verification),
    with pytest.raises(OidcError, match="nepatří k tomuto ověření"):
        validate_id_token(id_token, "jina-nonce")
    # and when a claim was changed after it was signed.
    header, payload, signature = id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged_payload = _b64(json.dumps({**claims, "given_name": "Eva"}).encode())
    with pytest.raises(OidcError, match="není podepsána jeho klíčem"):
        validate_id_token(f"{header}.{forged_payload}.{signature}", "jednou-jedine")
    # A token signed by another provider's key (not among the configured one's) is refused.
    with pytest.raises(OidcError, match="není podepsána jeho klíčem"):
        validate_id_token(fetch_id_token(oidc_providers["expired"]), "jednou-jedine")
    # Unsigned ("alg": "none") is never accepted.
    unsigned = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    with pytest.raises(OidcError):
        validate_id_token(f"{unsigned}.{payload}.", "jednou-jedine")


def test_replayed_state_is_refused(client, town_a, provider):
    citizen(client, town_a)
    path = authorize(client)
    assert client.get(path, HTTP_HOST=ALFA).status_code == 302
    replay = client.get(path, HTTP_HOST=ALFA)
    assert replay.status_code == 400
    assert "Tato odpověď poskytovatele identity už neplatí" in replay.content.decode()
    assert Verification.objects.count() == 1

    # A state never issued to this session, with a fresh code of the provider, is refused too.
    path = authorize(client)
    forged = path.replace("state=", "state=x")
    assert client.get(forged, HTTP_HOST=ALFA).status_code == 400
    assert Verification.objects.count() == 1


def test_callback_needs_the_citizen_who_started_it(client, town_a, town_b, provider):
    user = citizen(client, town_a)
    path = authorize(client)

    # On another town's host the citizen is nobody: refused there, nothing recorded.
    response = client.get(path, HTTP_HOST=BETA)
    assert response.status_code == 403
    assert "jen přihlášeným účtem občana" in response.content.decode()
    # Logged out: refused.
    client.logout()
    assert client.get(path, HTTP_HOST=ALFA).status_code == 403
    assert not Verification.objects.exists()

    # Another citizen of the same town, in the same browser, cannot finish it either.
    client.force_login(user, backend=BACKEND)
    path = authorize(client)
    other, _password = ensure_citizen(town_a, "petr@example.cz")
    session_data = dict(client.session.items())
    client.force_login(other, backend=BACKEND)
    session = client.session
    session[SESSION_KEY] = session_data[SESSION_KEY]
    session.save()
    response = client.get(path, HTTP_HOST=ALFA)
    assert response.status_code == 400
    assert "patří k jinému účtu" in response.content.decode()
    assert not Verification.objects.exists()


def test_same_person_cannot_verify_two_accounts_of_a_town(client, town_a, town_b, provider):
    first = citizen(client, town_a, "jana@example.cz")
    assert verify(client).status_code == 302
    second = citizen(client, town_a, "jana.jinak@example.cz")
    response = verify(client)
    assert response.status_code == 400
    assert "Tato osoba už má v této obci jiný ověřený účet." in response.content.decode()
    assert level_of(second) == Level.EMAIL
    assert level_of(first) == Level.IDENTITY

    # In another town the same person has an account of their own.
    in_beta = citizen(client, town_b, "jana@example.cz")
    assert verify(client, BETA).status_code == 302
    assert level_of(in_beta) == Level.IDENTITY


def test_an_account_verified_as_one_person_is_not_verified_as_another(client, town_a, provider):
    user = citizen(client, town_a)
    assert verify(client, sub=JANA.sub).status_code == 302
    response = verify(client, sub=PETR.sub)
    assert response.status_code == 400
    assert "Tento účet už je ověřen jako jiná osoba." in response.content.decode()
    assert user.citizen_profile.verifications.get().given_name == "Jana"


@pytest.mark.parametrize("missing", ["ISSUER", "CLIENT_ID", "CLIENT_SECRET"])
def test_without_a_provider_there_is_no_button_and_no_flow(
    client, town_a, provider, settings, missing
):
    settings.RADNICE_OIDC = {**settings.RADNICE_OIDC, missing: ""}
    citizen(client, town_a)
    page = client.get(PAGE, HTTP_HOST=ALFA)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ověřit totožnost přes" not in html
    assert "Ověření na úřadě" in html
    assert client.post(START, HTTP_HOST=ALFA).status_code == 404
    assert client.get(RETURN + "?code=x&state=y", HTTP_HOST=ALFA).status_code == 404


def test_unreachable_provider_is_explained(client, town_a, settings):
    cache.clear()
    settings.RADNICE_OIDC = {
        "ISSUER": "http://127.0.0.1:9",
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": "x",
        "NAME": "BankID",
        "SCOPES": "openid",
        "TIMEOUT": 2,
    }
    citizen(client, town_a)
    response = client.post(START, HTTP_HOST=ALFA)
    assert response.status_code == 502
    assert "Poskytovatel identity teď neodpovídá." in response.content.decode()


def test_the_page_is_for_citizens_of_the_town(client, town_a, provider):
    response = client.get(PAGE, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"].startswith("/ucet/login/?next=")
    response = client.post(START, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"] == f"/ucet/login/?next={PAGE}"
    assert not client.session.get(SESSION_KEY)

    client.force_login(make_member(town_a, "editor"))
    assert client.get(PAGE, HTTP_HOST=ALFA).status_code == 403
    assert client.post(START, HTTP_HOST=ALFA).status_code == 403
    assert not client.session.get(SESSION_KEY)


def test_the_provider_returns_to_the_czech_address_on_the_english_site(client, town_a, provider):
    citizen(client, town_a)
    assert client.get("/en" + PAGE, HTTP_HOST=ALFA).status_code == 200
    response = client.post("/en" + START, HTTP_HOST=ALFA)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["redirect_uri"] == [f"http://{ALFA}{RETURN}"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_wrong_methods(client, town_a, provider, method):
    citizen(client, town_a)
    if method == "get":
        assert client.get(START, HTTP_HOST=ALFA).status_code == 405
    else:
        assert client.post(RETURN, HTTP_HOST=ALFA).status_code == 405


def test_new_signing_keys_are_fetched_once(client, town_a, provider, oidc_providers):
    # The provider rotated its keys since they were cached: the token's key is fetched anew.
    document = requests.get(provider.url + "/.well-known/openid-configuration", timeout=5).json()
    stale = requests.get(oidc_providers["expired"].url + "/jwks", timeout=5).json()
    cache.set("radnice-oidc-jwks:" + document["jwks_uri"], stale)
    user = citizen(client, town_a)
    assert verify(client).status_code == 302
    assert level_of(user) == Level.IDENTITY


@pytest.mark.parametrize("theme", ["default", "namesti"])
def test_pages_render_in_every_theme(client, town_a, provider, theme):
    town_a.theme = theme
    town_a.save(update_fields=["theme"])
    citizen(client, town_a)
    page = client.get(PAGE, HTTP_HOST=ALFA)
    assert page.status_code == 200
    assert "<h1>Ověření totožnosti</h1>" in page.content.decode()
    failed = client.get(RETURN + "?error=access_denied", HTTP_HOST=ALFA)
    assert failed.status_code == 400
    assert "<h1>Ověření totožnosti se nezdařilo</h1>" in failed.content.decode()
