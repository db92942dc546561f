"""Fixtures of the citizens' tests: accounts, organisations, a module with a citizen side, an
empty cache and outbox, requests that commit, and a real OpenID Connect provider on 127.0.0.1
(oidc-provider-mock) for the verification tests.

Three instances, each on a free port in a thread of the test process:
- ``good``: issues ID tokens as a provider should;
- ``other_audience``: the same provider, but every authorization and token request is made
  for another client (as if a token issued to another service were slipped in): its ID tokens
  are properly signed, for the wrong audience;
- ``expired``: issues ID tokens that expired an hour ago.
"""

import base64
import logging
import threading
import warnings
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from werkzeug.serving import make_server

from municipalities import registry
from municipalities.validators import ico_check_digit
from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import Membership, Organisation, Role

PASSWORD = "Zelena-lavicka-42"
ALFA = "alfa.test"
BETA = "beta.test"
BACKEND = "radnice.citizens.auth.CitizenBackend"


def valid_ico(first_seven):
    return first_seven + str(ico_check_digit(first_seven))


def make_citizen(town, email, password=PASSWORD):
    return ensure_citizen(town, email, password)[0]


def log_in(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def make_organisation(town, name="Spolek přátel Alfy", ico=None, administrator=None, **kwargs):
    organisation = Organisation.objects.create(
        municipality=town,
        name=name,
        ico=ico or valid_ico("2557089"),
        address=kwargs.pop("address", "Návesní 1, 123 45 Alfa"),
        representative=kwargs.pop("representative", "Jana Nováková"),
        **kwargs,
    )
    if administrator is not None:
        Membership.objects.create(
            organisation=organisation, user=administrator, role=Role.ADMINISTRATOR
        )
    return organisation


CLIENT_ID = "radnice-test"
CLIENT_SECRET = "tajne-heslo-klienta"
OTHER_CLIENT_ID = "jina-sluzba"


@dataclass(frozen=True)
class Person:
    sub: str
    claims: dict


JANA = Person(
    sub="jana-novakova",
    claims={
        "given_name": "Jana",
        "family_name": "Nováková",
        "birthdate": "1990-04-01",
        "address": {"street_address": "Hlavní 5", "postal_code": "123 45", "locality": "Alfa"},
    },
)
PETR = Person(
    sub="petr-svoboda",
    claims={
        "given_name": "Petr",
        "family_name": "Svoboda",
        "birthdate": "2012-09-30",
        "address": {"formatted": "Nádražní 12, 543 21 Beta"},
    },
)


class OtherAudience:
    """WSGI middleware: the provider is asked (and answers) as client ``OTHER_CLIENT_ID``."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] == "/oauth2/authorize":
            query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
            query["client_id"] = [OTHER_CLIENT_ID]
            environ["QUERY_STRING"] = urlencode(query, doseq=True)
        elif environ["PATH_INFO"] == "/oauth2/token":
            credentials = base64.b64encode(f"{OTHER_CLIENT_ID}:x".encode()).decode()
            environ["HTTP_AUTHORIZATION"] = f"Basic {credentials}"
        return self.app(environ, start_response)


@dataclass
class Provider:
    url: str

    def settings(self, name="NIA"):
        return {
            "ISSUER": self.url,
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "NAME": name,
            "SCOPES": "openid profile address",
            "TIMEOUT": 5,
        }


def _serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    return server, thread


@pytest.fixture(scope="session")
def oidc_providers():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("oidc_provider_mock").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        # oidc-provider-mock imports Authlib's deprecated modules; authlib.deprecate sets its
        # warnings to "always" when imported, so it goes first.
        import authlib.deprecate  # noqa: F401

        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

    users = [oidc_provider_mock.User(sub=p.sub, claims=p.claims) for p in (JANA, PETR)]
    apps = {
        "good": oidc_provider_mock.app(require_nonce=True, user_claims=users),
        "other_audience": OtherAudience(
            oidc_provider_mock.app(require_nonce=True, user_claims=users)
        ),
        "expired": oidc_provider_mock.app(
            require_nonce=True, user_claims=users, access_token_max_age=timedelta(hours=-1)
        ),
    }
    running = {name: _serve(app) for name, app in apps.items()}
    yield {
        name: Provider(f"http://127.0.0.1:{server.server_port}")
        for name, (server, _thread) in running.items()
    }
    for server, thread in running.values():
        server.shutdown()
        server.server_close()
        thread.join(2)


@pytest.fixture
def provider(oidc_providers, settings):
    """The installation's identity provider is the good one (a fresh discovery cache)."""
    cache.clear()
    settings.RADNICE_OIDC = oidc_providers["good"].settings()
    yield oidc_providers["good"]
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache_and_outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # allauth's rate limits count in the cache
    mail.outbox.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _requests_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Each test request commits, as a request does outside tests.

    A test runs inside a transaction that is rolled back, so what a request leaves to
    ``transaction.on_commit`` (the citizens' e-mails: radnice.citizens.mail; allauth's
    messages) would never run. Here it runs when the request ends, as in autocommit.
    """
    request = Client.request

    def committing_request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", committing_request)


@pytest.fixture
def citizen_module(monkeypatch, db):
    """The test module registered (alone) for this test; on in no town yet."""
    from .citizen_module import MODULE

    monkeypatch.setattr(registry, "_modules", {MODULE.name: MODULE})
    return MODULE


def switch_on(town, module_name):
    town.enabled_modules = [*(town.enabled_modules or []), module_name]
    town.save(update_fields=["enabled_modules"])
