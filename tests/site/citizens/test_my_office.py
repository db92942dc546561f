"""Můj úřad: the citizen's page on their town's site, with a section of the platform and of
each module the town has on (the citizen side of the module contract)."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from municipalities import registry
from municipalities.registry import Module
from radnice.citizens.contract import Action, CitizenSide, Retention, module_sides
from radnice.citizens.models import Membership, Role

from .citizen_module import TrialApplication
from .conftest import ALFA, BETA, PASSWORD, log_in, make_citizen, make_organisation, switch_on

pytestmark = pytest.mark.django_db

MY_OFFICE = reverse("citizens:my_office")


def test_my_office_shows_profile_and_organisations(client, town_a):
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    profile = jana.citizen_profile
    profile.terms_version = "1"
    profile.terms_accepted_at = profile.created_at
    profile.save()
    organisation = make_organisation(town_a, name="Spolek Lesní studánka", administrator=jana)
    log_in(client, jana)
    response = client.get(MY_OFFICE, HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Můj úřad</h1>" in html
    assert "jana.novakova@example.cz" in html
    assert f"{profile.created_at:%-d. %-m. %Y}" in html
    assert "verze 1, udělen" in html
    assert reverse("citizens:organisation", args=[organisation.pk]) in html
    assert "Spolek Lesní studánka</a> (správce)" in html
    assert reverse("citizens:export") in html
    assert reverse("citizens:delete_account") in html
    # the English site has the same page under /en/
    assert client.get("/en" + MY_OFFICE, HTTP_HOST=ALFA).status_code == 200


def test_my_office_only_for_the_towns_citizens(client, town_a, town_b, editor_a):
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    response = client.get(MY_OFFICE, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={MY_OFFICE}"
    log_in(client, jana)
    assert client.get(MY_OFFICE, HTTP_HOST=BETA).status_code == 302
    client.force_login(editor_a)
    response = client.get(MY_OFFICE, HTTP_HOST=ALFA)
    assert response.status_code == 403
    assert "Přihlaste se účtem občana této obce." in response.content.decode()


def test_an_enabled_modules_section_and_none_where_it_is_off(
    client, town_a, town_b, citizen_module
):
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    TrialApplication.objects.create(municipality=town_a, citizen=jana, title="Dotace")
    log_in(client, jana)
    html = client.get(MY_OFFICE, HTTP_HOST=ALFA).content.decode()
    assert "Zkušební modul" not in html
    assert "Podané žádosti zkušebního modulu" not in html
    switch_on(town_b, "zkusebni")  # on in another town: nothing here
    html = client.get(MY_OFFICE, HTTP_HOST=ALFA).content.decode()
    assert "Zkušební modul" not in html
    switch_on(town_a, "zkusebni")
    html = client.get(MY_OFFICE, HTTP_HOST=ALFA).content.decode()
    assert '<h2 id="sekce-zkusebni-nadpis">Zkušební modul</h2>' in html
    assert "<p>Podané žádosti zkušebního modulu: 1</p>" in html
    # the platform's own section comes first
    assert html.index("sekce-ucet-nadpis") < html.index("sekce-zkusebni-nadpis")


class TemplateSide(CitizenSide):
    label = "Šablonový modul"
    template = "citizens/sections/account.html"

    def section_context(self, request, user):
        return {"profile": user.citizen_profile, "memberships": [], "invitations": []}


class SilentSide(CitizenSide):
    """No section (None), so no heading either."""


class PlainTextSide(CitizenSide):
    """A plain string is text, not HTML: escaped."""

    label = "Textový modul"

    def section(self, request, user):
        return "<b>tučně?</b>"


def test_sections_from_a_template_and_none(client, town_a, monkeypatch):
    monkeypatch.setattr(registry, "_modules", {})
    sides = (("sablona", TemplateSide), ("ticho", SilentSide), ("text", PlainTextSide))
    for name, side in sides:
        registry.register_module(
            Module(
                name=name,
                label=name,
                icon="cog",
                app_label="citizens",
                citizen=f"{__name__}.{side.__name__}",
            )
        )
        switch_on(town_a, name)
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    log_in(client, jana)
    html = client.get(MY_OFFICE, HTTP_HOST=ALFA).content.decode()
    assert '<h2 id="sekce-sablona-nadpis">Šablonový modul</h2>' in html
    assert "sekce-ticho" not in html
    assert "&lt;b&gt;tučně?&lt;/b&gt;" in html


def test_a_citizen_side_must_derive_from_the_base(monkeypatch):
    monkeypatch.setattr(registry, "_modules", {})
    registry.register_module(
        Module(name="spatny", label="x", icon="cog", app_label="citizens", citizen="builtins.dict")
    )
    with pytest.raises(ImproperlyConfigured, match="is not a subclass of CitizenSide"):
        module_sides()


def test_retention_declarations_are_checked():
    with pytest.raises(ImproperlyConfigured, match="unknown action"):
        Retention("citizens.TrialVote", "forget", "hlasy")
    with pytest.raises(ImproperlyConfigured, match="KEEP needs years"):
        Retention("citizens.TrialVote", Action.KEEP, "hlasy")


def test_member_sees_the_organisation_but_no_administration(client, town_a):
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    petr = make_citizen(town_a, "petr.svoboda@example.cz")
    organisation = make_organisation(town_a, administrator=jana)
    Membership.objects.create(organisation=organisation, user=petr, role=Role.MEMBER)
    log_in(client, petr)
    response = client.get(reverse("citizens:organisation", args=[organisation.pk]), HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Opustit organizaci" in html
    assert "Pozvat člena" not in html
    assert "Změnit roli" not in html


def test_sample_pages_of_the_demo_citizen_render(client, town_a):
    """The citizens' pages the accessibility walk visits (radnice.citizens.samples), with the
    demo citizen's session, each with its heading."""
    import dataclasses

    from municipalities.demo.builders import build_town
    from municipalities.demo.towns import LHOTA
    from radnice.citizens.samples import sample_routes

    town = dataclasses.replace(LHOTA, hostname="lhota.test", editor_username="editor@lhota.test")
    municipality = build_town(town, 80)
    organisation = LHOTA.organisation["name"]
    headings = {
        "citizen_my_office": "Můj úřad",
        "citizen_organisations": "Moje organizace",
        "citizen_organisation": organisation,
        "citizen_organisation_edit": f"Upravit organizaci {organisation}",
        "citizen_organisation_invite": f"Pozvat člena do organizace {organisation}",
        "citizen_organisation_create": "Založit organizaci",
        "citizen_identity": "Ověření totožnosti",
        "citizen_email": "E-mailové adresy",
        "citizen_password": "Změnit heslo",
        "citizen_second_factor": "Dvoufázové ověření",
        "citizen_delete_account": "Zrušit účet",
    }
    routes = sample_routes(municipality)
    assert [key for key, _label, _path, _cookies in routes] == list(headings)
    for key, _label, path, cookies in routes:
        client.cookies.load(dict(cookies))
        response = client.get(path, HTTP_HOST="lhota.test")
        assert response.status_code == 200, path
        heading = re.escape(headings[key])
        assert re.search(rf"<h1>\s*{heading}\s*</h1>", response.content.decode()), path
    # a town without the demo citizen has none (no session is made for a real citizen)
    assert sample_routes(town_a) == []


def test_sample_session_only_on_reserved_domains(town_a):
    from radnice.citizens.samples import sample_routes

    site = town_a.site
    for hostname, expected in (("alfa.test", 11), ("obec-alfa.cz", 0)):
        site.hostname = hostname
        site.save()
        user = make_citizen(town_a, f"obcan@{hostname}")
        make_organisation(town_a, ico=None if expected else "00880019", administrator=user)
        assert len(sample_routes(town_a)) == expected


def test_every_page_links_to_my_office_and_a_log_in_lands_there(client, town_a):
    """Citizens find their way in from any page (the footer), and land on Můj úřad."""
    html = client.get("/", HTTP_HOST=ALFA).content.decode()
    assert f'<a href="{MY_OFFICE}">Můj úřad</a>' in html
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    response = client.post(
        "/ucet/login/",
        {"login": "jana.novakova@example.cz", "password": PASSWORD},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 302
    assert response["Location"] == MY_OFFICE
    assert client.get(MY_OFFICE, HTTP_HOST=ALFA).context["user"] == jana
