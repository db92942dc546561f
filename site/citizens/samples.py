"""The citizens' own pages as samples of the accessibility walk (radnice.core.page_samples).

They need a logged-in citizen: the town's demo citizen ``obcan@<host>`` (municipalities.demo)
who is správce of an organisation, on a host of a reserved top-level domain (``.localhost``,
``.test``: RFC 6761), so that no session is ever made for a real town's citizen.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse
from django.utils.translation import gettext as _

from .accounts import town_citizens_with_email
from .models import Membership, Role

BACKEND = "radnice.citizens.auth.CitizenBackend"
DEMO_DOMAINS = (".localhost", ".test")


def demo_citizen_email(municipality):
    return f"obcan@{municipality.site.hostname}"


def session_cookies(user):
    """((cookie name, value),) of a new session logged in as ``user``."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return ((settings.SESSION_COOKIE_NAME, session.session_key),)


def sample_routes(municipality):
    """[(key, label, path, cookies)]; empty without the demo citizen or their organisation."""
    if not municipality.site.hostname.endswith(DEMO_DOMAINS):
        return []
    user = town_citizens_with_email(municipality, demo_citizen_email(municipality)).first()
    membership = (
        Membership.objects.filter(
            user=user, role=Role.ADMINISTRATOR, organisation__municipality=municipality
        )
        .order_by("pk")
        .first()
        if user is not None
        else None
    )
    if membership is None:
        return []
    cookies = session_cookies(user)
    pk = membership.organisation_id
    return [
        (key, label, reverse(name, args=args), cookies)
        for key, label, name, args in [
            ("citizen_my_office", _("Můj úřad"), "citizens:my_office", ()),
            ("citizen_organisations", _("Moje organizace"), "citizens:organisations", ()),
            (
                "citizen_organisation",
                _("Organizace a její členové"),
                "citizens:organisation",
                (pk,),
            ),
            (
                "citizen_organisation_edit",
                _("Úprava organizace"),
                "citizens:organisation_edit",
                (pk,),
            ),
            (
                "citizen_organisation_invite",
                _("Pozvání člena"),
                "citizens:organisation_invite",
                (pk,),
            ),
            (
                "citizen_organisation_create",
                _("Založení organizace"),
                "citizens:organisation_create",
                (),
            ),
            ("citizen_identity", _("Ověření totožnosti"), "citizens:identity", ()),
            ("citizen_email", _("E-mailové adresy účtu"), "account_email", ()),
            ("citizen_password", _("Změna hesla"), "account_change_password", ()),
            ("citizen_second_factor", _("Dvoufázové ověření"), "mfa_index", ()),
            ("citizen_delete_account", _("Zrušení účtu"), "citizens:delete_account", ()),
        ]
    ]
