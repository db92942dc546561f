"""What a module may require of a citizen (radnice.citizens.eligibility, .access): a level, a
minimum age on a day, residence in the town; and the pages that enforce it."""

import datetime

import pytest
from allauth.account.models import EmailAddress

from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.eligibility import Requirement, address_town, age_on, is_resident
from radnice.citizens.models import Level, Verification
from radnice.citizens.verification import confirm_by_office
from tests.factories import make_member

from .access_urls import ELECTION_DAY

ALFA = "alfa.test"
BACKEND = "radnice.citizens.auth.CitizenBackend"


def proven(user, birth_date=datetime.date(1990, 4, 1), address="Hlavní 5, 123 45 Alfa"):
    return Verification.objects.create(
        profile=user.citizen_profile,
        method=Verification.Method.OIDC,
        provider="NIA",
        subject_hash="x" * 64,
        given_name="Jana",
        family_name="Nováková",
        birth_date=birth_date,
        address=address,
    )


class Town:
    """A stand-in with the fields the residence rule reads."""

    def __init__(self, name, city="", postcode="", kind="obec"):
        self.name, self.city, self.postcode, self.kind = name, city, postcode, kind


LHOTA = Town("Lhota pod Lesem", "Lhota pod Lesem", "285 01")
PRAHA_99 = Town("Praha 99", "Praha", "199 00", kind="mestska_cast")


@pytest.mark.parametrize(
    ("address", "town", "resident"),
    [
        ("Návesní 1, 285 01 Lhota pod Lesem", LHOTA, True),
        ("Lhota pod Lesem 12, 28501 Lhota pod Lesem", LHOTA, True),
        ("Lhota pod Lesem 12\n285 01", LHOTA, True),  # a village without streets
        ("lhota pod lesem 3, 285 01 LHOTA POD LESEM", LHOTA, True),
        ("Za Humny 4, 285 01 Lhota pod Lesem - Záhoří", LHOTA, True),  # a part of the town
        ("Lhotská 5, 285 01 Kácov", LHOTA, False),  # a street named after the town
        ("Lhota pod Lesem 12, 285 01 Kácov", LHOTA, False),  # a part of another town
        ("Návesní 1, 612 00 Lhota pod Lesem", LHOTA, False),  # the same name, another district
        ("Návesní 1, Lhota", LHOTA, False),
        ("", LHOTA, False),
        ("Náměstí Svobody 99, 199 00 Praha 99", PRAHA_99, True),
        ("Vinohradská 1, 120 00 Praha 2", PRAHA_99, False),  # Praha, but not this district
        ("Hlavní 5, Alfa", Town("Obec Alfa"), True),  # the kind word is not part of the name
        ("Hlavní 5, 123 45 Ostrava", Town("Statutární město Ostrava", "Ostrava"), True),
    ],
)
def test_residence_rule(address, town, resident):
    assert is_resident(address, town) is resident


def test_address_town():
    assert address_town("Návesní 1, 285 01 Lhota pod Lesem") == ("Lhota pod Lesem", "28501")
    assert address_town("Hlavní 5, Alfa") == ("Alfa", "")


def test_age_counts_completed_years():
    born = datetime.date(2012, 6, 2)
    assert age_on(born, datetime.date(2027, 6, 1)) == 14
    assert age_on(born, datetime.date(2027, 6, 2)) == 15
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 2, 28)) == 17


def test_requirement_reasons_in_czech(town_a, town_b):
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    vote = Requirement(level=Level.IDENTITY, min_age=15, age_on=ELECTION_DAY, resident=True)
    assert Requirement().check(user, town_a) == []
    assert Requirement().check(user, town_b) == ["Přihlaste se účtem občana této obce."]
    assert vote.check(user, town_a) == ["Je potřeba účet s úrovní „ověřená identita“."]
    # Age or residence need a proven identity even when only an e-mail was asked for.
    assert Requirement(min_age=18).check(user, town_a) == [
        "Je potřeba účet s úrovní „ověřená identita“."
    ]

    proof = proven(user, birth_date=datetime.date(2012, 6, 2), address="Hlavní 5, Beta")
    assert vote.check(user, town_a) == [
        "Ke dni 1. 6. 2027 vám musí být alespoň 15 let.",
        "Vaše ověřená adresa neleží v obci Obec Alfa.",
    ]
    assert Requirement(min_age=2, age_on=ELECTION_DAY).check(user, town_a) == []
    assert Requirement(min_age=16, age_on=ELECTION_DAY).allows(user, town_a) is False

    proof.revoked_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    proof.save()
    proven(user, birth_date=datetime.date(2012, 6, 1), address="Hlavní 5, 123 45 Alfa")
    assert vote.check(user, town_a) == []
    assert vote.allows(user, town_a)
    assert Requirement(level=Level.OFFICE).check(user, town_a) == [
        "Je potřeba účet s úrovní „ověřeno úřadem“."
    ]


def test_missing_data_in_the_proof_is_a_reason(town_a):
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    proven(user, birth_date=None, address="")
    assert Requirement(min_age=15, resident=True).check(user, town_a) == [
        "Ověření vaší totožnosti neuvádí datum narození.",
        "Ověření vaší totožnosti neuvádí adresu.",
    ]


def test_office_confirmation_serves_the_rules(town_a):
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    confirm_by_office(
        user.citizen_profile,
        make_member(town_a, "administrator"),
        given_name="Jana",
        family_name="Nováková",
        birth_date=datetime.date(1950, 1, 1),
        address="Hlavní 5, Alfa",
    )
    assert Requirement(level=Level.OFFICE, min_age=65, resident=True).check(user, town_a) == []


def test_czech_plural_of_years(town_a):
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    proven(user, birth_date=datetime.date(2026, 1, 1))
    day = datetime.date(2026, 6, 1)
    for years, words in [(1, "1 rok"), (3, "3 roky"), (5, "5 let")]:
        reasons = Requirement(min_age=years, age_on=day).check(user, town_a)
        assert reasons == [f"Ke dni 1. 6. 2026 vám musí být alespoň {words}."]


# --- citizen_required and CitizenRequiredMixin -------------------------------------------

pytestmark_urls = pytest.mark.urls("tests.site.citizens.access_urls")


def refused(response, *texts):
    """A themed 403 page saying each of ``texts``."""
    assert response.status_code == 403
    html = response.content.decode()
    for text in texts:
        assert text in html
    return html


@pytestmark_urls
def test_anonymous_visitor_goes_to_the_log_in(client, town_a):
    for path in ("/_modul/obcan/", "/_modul/identita/", "/_modul/hlasovani/"):
        response = client.get(path, HTTP_HOST=ALFA)
        assert response.status_code == 302
        assert response["Location"] == f"/ucet/login/?next={path}"


@pytestmark_urls
def test_citizen_of_another_town_goes_to_the_log_in(client, town_a, town_b):
    user, _password = ensure_citizen(town_b, "jana@example.cz")
    client.force_login(user, backend=BACKEND)
    response = client.get("/_modul/obcan/", HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"].startswith("/ucet/login/")


@pytestmark_urls
def test_staff_are_told_it_is_for_citizens(client, town_a):
    client.force_login(make_member(town_a, "editor"))
    refused(
        client.get("/_modul/obcan/", HTTP_HOST=ALFA),
        "Přihlaste se účtem občana této obce.",
        "Přihlásit se účtem občana",
    )


@pytestmark_urls
def test_citizen_below_the_level_learns_how_to_reach_it(client, town_a, settings):
    # A provider is configured (never called here): the page offers it.
    settings.RADNICE_OIDC = {
        **settings.RADNICE_OIDC,
        "ISSUER": "http://127.0.0.1:9",
        "CLIENT_ID": "radnice",
        "CLIENT_SECRET": "x",
        "NAME": "BankID",
    }
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    client.force_login(user, backend=BACKEND)
    assert client.get("/_modul/obcan/", HTTP_HOST=ALFA).content == b"obcan"

    refused(
        client.get("/_modul/identita/", HTTP_HOST=ALFA),
        "Je potřeba účet s úrovní „ověřená identita“.",
        "Totožnost si můžete ověřit přes BankID, nebo na obecním úřadě.",
        'href="/ucet/overeni/"',
        "Přijďte s občanským průkazem",
    )

    # Only the office reaches "ověřeno úřadem": no provider offered.
    html = refused(
        client.get("/_modul/urad/", HTTP_HOST=ALFA),
        "Je potřeba účet s úrovní „ověřeno úřadem“.",
        "Přijďte s občanským průkazem",
    )
    assert "BankID" not in html

    # An unverified e-mail address is the first step.
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.get("/_modul/obcan/", HTTP_HOST=ALFA)
    assert response.status_code == 200  # any citizen
    refused(client.get("/_modul/identita/", HTTP_HOST=ALFA), "Ověřte svou e-mailovou adresu")


@pytestmark_urls
def test_eligibility_rules_guard_a_class_based_view(client, town_a):
    user, _password = ensure_citizen(town_a, "jana@example.cz")
    client.force_login(user, backend=BACKEND)
    proof = proven(user, birth_date=datetime.date(2013, 1, 1), address="Hlavní 5, Beta")
    refused(
        client.get("/_modul/hlasovani/", HTTP_HOST=ALFA),
        "Ke dni 1. 6. 2027 vám musí být alespoň 15 let.",
        "Vaše ověřená adresa neleží v obci Obec Alfa.",
    )

    proof.birth_date = datetime.date(2012, 1, 1)
    proof.address = "Hlavní 5, Alfa"
    proof.save()
    response = client.get("/_modul/hlasovani/", HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert response.content == b"hlasovani"
    assert client.get("/_modul/identita/", HTTP_HOST=ALFA).status_code == 200
    assert client.get("/_modul/urad/", HTTP_HOST=ALFA).status_code == 403
