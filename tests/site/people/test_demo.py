"""Demo contacts: every demo town gets a real-looking directory, and a re-run changes nothing."""

import pytest
from django.forms.models import model_to_dict
from wagtail.models import Page, Revision

from municipalities.demo.builders import build_town
from municipalities.demo.towns import DEMO_TOWNS, LHOTA
from radnice.people.demo import build_demo
from radnice.people.models import (
    Department,
    DirectoryPage,
    Person,
    Place,
    PlaceHoursException,
    PlaceOpeningHours,
)

pytestmark = pytest.mark.django_db
PORT = 8000


def snapshot():
    """Every row the demo writes, as plain values."""
    return {
        model.__name__: sorted(
            (tuple(sorted(model_to_dict(obj).items())) for obj in model.objects.all()), key=repr
        )
        for model in (Department, Person, Place, PlaceOpeningHours, PlaceHoursException)
    } | {
        "pages": sorted(Page.objects.values_list("id", "slug", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.parametrize("town", DEMO_TOWNS, ids=lambda town: town.hostname)
def test_each_demo_town_gets_people_places_and_a_directory(client, town):
    municipality = build_town(town, PORT)
    build_demo(municipality)
    people = Person.objects.filter(municipality=municipality)
    assert people.count() >= 10
    assert not people.filter(department=None).exists()
    assert Department.objects.filter(municipality=municipality).count() >= 4
    places = Place.objects.filter(municipality=municipality)
    assert places.count() == 3
    assert all(place.opening_hours.exists() for place in places)
    assert PlaceHoursException.objects.filter(place__municipality=municipality).exists()
    for place in places:
        place.full_clean()
    for person in people:
        person.full_clean()

    response = client.get("/kontakty/", HTTP_HOST=f"{town.hostname}:{PORT}")
    assert response.status_code == 200
    html = response.content.decode()
    for person in people:
        assert person.full_name in html
    assert 'href="?pismeno=Ch"' in html  # every town has someone whose surname starts with Ch


def test_the_people_of_the_town_builder_keep_their_data_and_get_a_department(client):
    municipality = build_town(LHOTA, PORT)
    build_demo(municipality)
    mayor = Person.objects.get(municipality=municipality, last_name="Novák")
    assert (mayor.position, mayor.email) == ("starosta", "starosta@lhota.localhost")
    assert mayor.department.name == "Vedení obce"
    build_town(LHOTA, PORT)  # the lead's loader runs the builder again
    mayor.refresh_from_db()
    assert mayor.department.name == "Vedení obce"


def test_running_twice_changes_nothing():
    municipality = build_town(LHOTA, PORT)
    page = build_demo(municipality)
    before = snapshot()
    assert build_demo(municipality).pk == page.pk
    assert snapshot() == before
    assert DirectoryPage.objects.get().url_path.endswith("/kontakty/")


def test_any_other_municipality_gets_the_village_contacts_on_its_own_hostname(town_a):
    build_demo(town_a)
    build_demo(town_a)
    people = Person.objects.filter(municipality=town_a)
    assert people.count() == 11
    emails = [email for email in people.values_list("email", flat=True) if email]
    assert emails and all(email.endswith("@alfa.test") for email in emails)
    assert DirectoryPage.objects.child_of(town_a.site.root_page).get().slug == "kontakty"
