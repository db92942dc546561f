"""An event may take place at a place of the municipality's contacts directory."""

import datetime

import pytest

from municipalities.forms import MunicipalityScopedPageForm
from radnice.events.models import EventPage
from tests.site.people.factories import PlaceFactory

from .factories import EventPageFactory, whole_days


@pytest.mark.django_db
def test_event_shows_its_directory_place(client, index_a, town_a):
    place = PlaceFactory(municipality=town_a, name="Sokolovna", street="Sportovní 4")
    event = EventPageFactory(
        parent=index_a,
        title="Turnaj ve stolním tenise",
        place=place,
        venue="",
        address="",
        dates=[whole_days(datetime.date(2026, 12, 5))],
    )
    event.save_revision().publish()
    html = client.get(event.url, HTTP_HOST="alfa.test").content.decode()
    assert "Sokolovna, Sportovní 4, 285 01 Lhota pod Lesem" in html


@pytest.mark.django_db
def test_event_form_offers_only_the_towns_own_places(index_a, town_a, town_b):
    own = PlaceFactory(municipality=town_a, name="Sokolovna")
    foreign = PlaceFactory(municipality=town_b, name="Cizí sál")
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, MunicipalityScopedPageForm)
    form = form_class(instance=EventPage(), parent_page=index_a, for_user=None)
    choices = list(form.fields["place"].queryset)
    assert own in choices
    assert foreign not in choices
