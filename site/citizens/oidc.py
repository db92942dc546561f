"""Verified identity through the installation's OpenID Connect identity provider (NIA, BankID...).

Not a log-in method: a citizen logged in on their town's host asks to prove who they are
(``start``); the provider sends them back to ``finish`` with a code, which is exchanged at the
provider's token endpoint (server to server). The ID token's signature is checked against the
provider's published keys, and so are its ``iss``, ``aud``, ``exp``, ``iat`` and ``nonce``;
the claims come from the ID token and the userinfo endpoint. The answer becomes a
``Verification`` on that citizen's profile. The provider's tokens are never stored.

The pending request (state, nonce, PKCE verifier, whose account and town) lives in the
session and is used once: a replayed or foreign ``state`` is refused. Every refusal is an
``OidcError`` with a message in Czech; nothing is created then.

Configured by ``settings.RADNICE_OIDC`` (environment variables ``RADNICE_OIDC_*``, README).
The discovery document and the keys are cached (``DISCOVERY_TTL``); the keys are fetched
again once when a token's signature does not verify under the cached ones (rotated keys).
"""

import base64
import datetime
import hashlib
import logging
import secrets
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from municipalities.hosts import absolute_url
from municipalities.models import Municipality

from .models import Verification

logger = logging.getLogger(__name__)

SESSION_KEY = "radnice_oidc_pending"
#: how long a started verification may take at the provider (seconds)
PENDING_TTL = 15 * 60
#: at most this many verifications pending in one session (other tabs); the oldest go first
PENDING_MAX = 5
DISCOVERY_TTL = 60 * 60
#: clock difference tolerated between the provider and us (seconds)
LEEWAY = 60
#: asymmetric signatures only: never "none", never a shared secret
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]


UNREACHABLE = _("Poskytovatel identity teď neodpovídá. Zkuste to prosím později.")
EXPIRED = _("Potvrzení totožnosti od poskytovatele už vypršelo. Začněte znovu.")


class OidcError(Exception):
    """A refused verification; ``message`` is shown to the citizen."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def config():
    return settings.RADNICE_OIDC


def is_configured():
    conf = config()
    # A confidential client: the token request is authenticated with the secret.
    return bool(conf.get("ISSUER") and conf.get("CLIENT_ID") and conf.get("CLIENT_SECRET"))


def provider_name():
    return config().get("NAME") or "NIA"


def subject_hash(issuer, subject):
    """The person's identifier at the provider, hashed: the same person is known again."""
    return hashlib.sha256((issuer + subject).encode()).hexdigest()


# --- The provider's published configuration ----------------------------------------------


def _get_json(url):
    try:
        response = requests.get(url, timeout=config()["TIMEOUT"])
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OpenID Connect provider unreachable: %s (%s)", url, error)
        raise OidcError(UNREACHABLE) from error


def discovery():
    """The provider's discovery document (cached); its issuer must be the configured one."""
    issuer = config()["ISSUER"]
    key = "radnice-oidc-discovery:" + issuer
    document = cache.get(key)
    if document is None:
        document = _get_json(issuer + "/.well-known/openid-configuration")
        needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
        if not isinstance(document, dict) or any(not document.get(name) for name in needed):
            raise OidcError(_("Poskytovatel identity je nastaven chybně."))
        if document["issuer"].rstrip("/") != issuer:
            logger.warning("OpenID Connect discovery names another issuer: %s", document["issuer"])
            raise OidcError(_("Poskytovatel identity je nastaven chybně."))
        cache.set(key, document, DISCOVERY_TTL)
    return document


def _signing_keys(document, fresh):
    """The provider's published signing keys (cached unless ``fresh``)."""
    key = "radnice-oidc-jwks:" + document["jwks_uri"]
    keys = None if fresh else cache.get(key)
    if keys is None:
        keys = _get_json(document["jwks_uri"])
        cache.set(key, keys, DISCOVERY_TTL)
    try:
        key_set = jwt.PyJWKSet.from_dict(keys)
    except jwt.PyJWTError as error:
        raise OidcError(_("Poskytovatel identity je nastaven chybně.")) from error
    return [k for k in key_set.keys if k.public_key_use in (None, "sig")]


def _decode(id_token, document, *, fresh, **options):
    """The token's claims under one of the provider's keys: the one its ``kid`` names, or
    (without a ``kid``) whichever verifies it."""
    try:
        kid = jwt.get_unverified_header(id_token).get("kid")
    except jwt.PyJWTError as error:
        raise OidcError(_("Odpověď poskytovatele identity je neplatná.")) from error
    keys = [k for k in _signing_keys(document, fresh) if kid is None or k.key_id == kid]
    if not keys:
        raise jwt.InvalidSignatureError(f"no published key {kid}")
    for key in keys[:-1]:
        try:
            return jwt.decode(id_token, key=key, **options)
        except jwt.InvalidSignatureError:
            continue
    return jwt.decode(id_token, key=keys[-1], **options)


# --- The flow -----------------------------------------------------------------------------


def redirect_uri(municipality):
    """Where the provider sends the citizen back: the town's registered host, never the
    request's Host header, and in Czech in every language: register this one address for
    every town at the provider."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(municipality, reverse("citizens:identity_return"))


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def start(request, profile):
    """The provider's authorization URL for ``profile``; the pending request goes to the session."""
    document = discovery()
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    pending = {
        key: value
        for key, value in request.session.get(SESSION_KEY, {}).items()
        if value.get("started", 0) > time.time() - PENDING_TTL
    }
    for old in sorted(pending, key=lambda key: pending[key]["started"])[: -PENDING_MAX + 1]:
        del pending[old]
    pending[state] = {
        "nonce": nonce,
        "verifier": verifier,
        "profile": profile.pk,
        "town": profile.municipality_id,
        "started": time.time(),
    }
    request.session[SESSION_KEY] = pending
    query = {
        "response_type": "code",
        "client_id": config()["CLIENT_ID"],
        "redirect_uri": redirect_uri(profile.municipality),
        "scope": config()["SCOPES"],
        "state": state,
        "nonce": nonce,
        "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
        "ui_locales": "cs",
    }
    separator = "&" if "?" in document["authorization_endpoint"] else "?"
    return document["authorization_endpoint"] + separator + urlencode(query)


def _take_pending(request, state):
    """The pending request of ``state``, removed from the session (a state is used once)."""
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(state, None) if state else None
    request.session[SESSION_KEY] = pending
    return entry


def finish(request, profile):
    """Check the provider's answer (the callback's query) and record the verification."""
    params = request.GET
    entry = _take_pending(request, params.get("state", ""))
    error = params.get("error")
    if error:
        # The provider's refusal may come without the state: nothing is pending any more.
        if error == "access_denied":
            raise OidcError(_("Ověření totožnosti bylo u poskytovatele identity zrušeno."))
        logger.info("OpenID Connect provider answered %s", error)
        raise OidcError(_("Poskytovatel identity ověření odmítl."))
    if entry is None or entry["started"] < time.time() - PENDING_TTL:
        raise OidcError(
            _(
                "Tato odpověď poskytovatele identity už neplatí nebo nepatří k tomuto "
                "přihlášení. Začněte ověření znovu."
            )
        )
    if entry["profile"] != profile.pk or entry["town"] != profile.municipality_id:
        raise OidcError(_("Tato odpověď poskytovatele identity patří k jinému účtu."))
    code = params.get("code")
    if not code:
        raise OidcError(_("Odpověď poskytovatele identity je neplatná."))
    claims = _exchange(code, entry, profile)
    return record(profile, claims)


def _exchange(code, entry, profile):
    """Code for tokens (server to server), the ID token checked, claims from userinfo too."""
    conf = config()
    document = discovery()
    try:
        response = requests.post(
            document["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri(profile.municipality),
                "code_verifier": entry["verifier"],
            },
            auth=(conf["CLIENT_ID"], conf["CLIENT_SECRET"]),
            headers={"Accept": "application/json"},
            timeout=conf["TIMEOUT"],
        )
        tokens = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OpenID Connect token endpoint failed: %s", error)
        raise OidcError(UNREACHABLE) from error
    if response.status_code != 200 or not isinstance(tokens, dict) or not tokens.get("id_token"):
        logger.info("OpenID Connect token endpoint refused the code: %s", response.status_code)
        raise OidcError(_("Poskytovatel identity odmítl vydat potvrzení totožnosti."))

    claims = validate_id_token(tokens["id_token"], entry["nonce"], document)
    access_token = tokens.get("access_token")
    if document.get("userinfo_endpoint") and access_token:
        try:
            info = requests.get(
                document["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
                timeout=conf["TIMEOUT"],
            )
            userinfo = info.json() if info.status_code == 200 else None
        except (requests.RequestException, ValueError):
            userinfo = None
        if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
            raise OidcError(_("Poskytovatel identity nevydal údaje o osobě."))
        claims = {**claims, **userinfo}
    return claims


def validate_id_token(id_token, nonce, document=None):
    """The ID token's claims when its signature, issuer, audience, times and nonce hold."""
    conf = config()
    document = document or discovery()
    allowed = [
        alg
        for alg in document.get("id_token_signing_alg_values_supported") or ["RS256"]
        if alg in ALGORITHMS
    ]
    options = {
        "algorithms": allowed,
        "audience": conf["CLIENT_ID"],
        "issuer": conf["ISSUER"],
        "leeway": LEEWAY,
        "options": {"require": ["iss", "aud", "exp", "iat", "sub"]},
    }
    try:
        try:
            claims = _decode(id_token, document, fresh=False, **options)
        except jwt.InvalidSignatureError:
            # The provider may have rotated its keys since they were cached: once more.
            claims = _decode(id_token, document, fresh=True, **options)
    except jwt.InvalidSignatureError as error:
        logger.info("OpenID Connect ID token refused: %s", error)
        raise OidcError(_("Odpověď poskytovatele identity není podepsána jeho klíčem.")) from error
    except jwt.ExpiredSignatureError as error:
        raise OidcError(EXPIRED) from error
    except jwt.InvalidAudienceError as error:
        raise OidcError(_("Potvrzení totožnosti bylo vydáno pro jinou službu.")) from error
    except jwt.PyJWTError as error:
        logger.info("OpenID Connect ID token refused: %s", error)
        raise OidcError(_("Odpověď poskytovatele identity je neplatná.")) from error
    if claims["iat"] > time.time() + LEEWAY:
        raise OidcError(_("Odpověď poskytovatele identity je neplatná."))
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != conf["CLIENT_ID"]:
        raise OidcError(_("Potvrzení totožnosti bylo vydáno pro jinou službu."))
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OidcError(_("Odpověď poskytovatele identity nepatří k tomuto ověření."))
    return claims


# --- What the answer says -----------------------------------------------------------------


def birth_date(claims):
    value = claims.get("birthdate")
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def address(claims):
    """The address as one line, "street, PSČ town" when the provider gives it in parts.

    The standard ``address`` claim (``formatted``, or ``street_address``, ``postal_code``,
    ``locality``); BankID's ``addresses`` (the permanent residence first) too.
    """
    value = claims.get("address")
    if not isinstance(value, dict):
        listed = [item for item in claims.get("addresses") or [] if isinstance(item, dict)]
        listed.sort(key=lambda item: item.get("type") != "PERMANENT_RESIDENCE")
        value = listed[0] if listed else None
        if value is not None:
            street = " ".join(
                str(value[part])
                for part in ("street", "buildingapartment", "streetnumber")
                if value.get(part)
            )
            value = {
                "street_address": street,
                "postal_code": value.get("zipcode", ""),
                "locality": value.get("city", ""),
            }
    if not isinstance(value, dict):
        return ""
    parts = [str(value.get(name) or "").strip() for name in ("street_address", "postal_code")]
    locality = str(value.get("locality") or "").strip()
    if locality:
        town = " ".join(part for part in (parts[1], locality) if part)
        return ", ".join(part for part in (parts[0].replace("\n", ", "), town) if part)
    return " ".join(str(value.get("formatted") or "").split())


@transaction.atomic
def record(profile, claims):
    """The verification of ``profile`` by these (checked) claims.

    Refused when the same person is verified on another account of the town (one person,
    one verified account per town), or when this account is verified as another person.
    Verifying again as the same person replaces the older proof (fresh name and address).
    """
    issuer = config()["ISSUER"]
    digest = subject_hash(issuer, str(claims["sub"]))
    # One verification of the town at a time (they are rare): two accounts verified as the
    # same person at the same moment would both pass the check below.
    list(Municipality.objects.select_for_update().filter(pk=profile.municipality_id).values("pk"))
    active = Verification.objects.filter(method=Verification.Method.OIDC, revoked_at__isnull=True)
    if (
        active.filter(subject_hash=digest, profile__municipality_id=profile.municipality_id)
        .exclude(profile=profile)
        .exists()
    ):
        raise OidcError(
            _(
                "Tato osoba už má v této obci jiný ověřený účet. Přihlaste se jím, nebo se "
                "obraťte na obecní úřad."
            )
        )
    own = active.filter(profile=profile)
    if own.exclude(subject_hash=digest).exists():
        raise OidcError(
            _(
                "Tento účet už je ověřen jako jiná osoba. Pokud jde o omyl, obraťte se na "
                "obecní úřad."
            )
        )
    own.update(revoked_at=timezone.now())
    return Verification.objects.create(
        profile=profile,
        method=Verification.Method.OIDC,
        provider=provider_name()[:64],
        subject_hash=digest,
        given_name=str(claims.get("given_name") or "")[:150],
        family_name=str(claims.get("family_name") or "")[:150],
        birth_date=birth_date(claims),
        address=address(claims),
    )
