"""Departments and places in the admin: each town's editors manage only their own.

An editor of town A must not list, open, edit, delete, copy or choose town B's departments or
places, not even by guessing ids, and cannot attach town B's records to town A's people.
"""

import pytest
from django.urls import reverse

from municipalities.models import MunicipalityRole
from radnice.people.models import Department, Person, Place
from tests.admin_urls import single_object_url_names
from tests.factories import PersonFactory, SuperuserFactory, make_member

from .factories import DepartmentFactory, PlaceFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"
# A word of town B's record name that is not the marker (searching the marker echoes it).
SEARCH_WORD = {"department": "Odbor", "place": "dvůr"}


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


def admin_post(client, url, data):
    return client.post(url, data, HTTP_HOST="alfa.test")


def assert_hidden(response):
    assert MARKER not in response.content.decode().lower()


@pytest.fixture
def records(town_a, town_b):
    return {
        "department_a": DepartmentFactory(municipality=town_a, name="Odbor výstavby Alfa"),
        "department_b": DepartmentFactory(municipality=town_b, name=f"Odbor {MARKER}"),
        "place_a": PlaceFactory(municipality=town_a, name="Knihovna Alfa"),
        "place_b": PlaceFactory(municipality=town_b, name=f"Sběrný dvůr {MARKER}"),
    }


@pytest.mark.parametrize("model_name", ["department", "place"])
def test_editor_lists_and_searches_only_own_records(client_a, records, model_name):
    url = reverse(f"wagtailsnippets_people_{model_name}:list")
    response = admin_get(client_a, url)
    assert response.status_code == 200
    assert "Alfa" in response.content.decode()
    assert_hidden(response)
    assert_hidden(admin_get(client_a, url, q=SEARCH_WORD[model_name]))


@pytest.mark.parametrize("model_name", ["department", "place"])
def test_editor_opens_own_records(client_a, records, model_name):
    own = records[f"{model_name}_a"]
    url = reverse(f"wagtailsnippets_people_{model_name}:edit", args=[own.pk])
    assert admin_get(client_a, url).status_code == 200


@pytest.mark.parametrize(
    ("model_name", "action"),
    [
        (model_name, action)
        for model_name in ("department", "place")
        for action in single_object_url_names(f"wagtailsnippets_people_{model_name}")
    ],
)
def test_guessed_ids_of_other_town_are_not_found(client_a, records, model_name, action):
    foreign = records[f"{model_name}_b"]
    url = reverse(f"wagtailsnippets_people_{model_name}:{action}", args=[foreign.pk])
    response = admin_get(client_a, url)
    assert response.status_code == 404
    assert_hidden(response)


@pytest.mark.parametrize("model_name", ["department", "place"])
def test_other_towns_record_cannot_be_edited_or_deleted_by_post(client_a, records, model_name):
    foreign = records[f"{model_name}_b"]
    edit = reverse(f"wagtailsnippets_people_{model_name}:edit", args=[foreign.pk])
    delete = reverse(f"wagtailsnippets_people_{model_name}:delete", args=[foreign.pk])
    assert admin_post(client_a, edit, {"name": "Ukradeno"}).status_code == 404
    assert admin_post(client_a, delete, {}).status_code == 404
    foreign.refresh_from_db()
    assert MARKER in foreign.name


@pytest.mark.parametrize("model_name", ["department", "place"])
def test_chooser_offers_only_own_records(client_a, records, model_name):
    choose = reverse(f"wagtailsnippetchoosers_people_{model_name}:choose")
    response = admin_get(client_a, choose)
    assert response.status_code == 200
    assert "Alfa" in response.content.decode()
    assert_hidden(response)
    results = reverse(f"wagtailsnippetchoosers_people_{model_name}:choose_results")
    assert_hidden(admin_get(client_a, results, q=SEARCH_WORD[model_name]))
    chosen = reverse(
        f"wagtailsnippetchoosers_people_{model_name}:chosen", args=[records[f"{model_name}_b"].pk]
    )
    assert admin_get(client_a, chosen).status_code == 404


def test_editor_creates_a_department_only_for_own_town(client_a, town_a, town_b):
    url = reverse("wagtailsnippets_people_department:add")
    response = admin_post(client_a, url, {"municipality": town_b.pk, "name": "Cizí", "order": 1})
    assert response.status_code == 200  # the form again, with an error
    assert not Department.objects.filter(name="Cizí").exists()
    response = admin_post(client_a, url, {"municipality": town_a.pk, "name": "Nový", "order": 1})
    assert response.status_code == 302
    assert Department.objects.get(name="Nový").municipality == town_a


def place_data(municipality, hours=(), **fields):
    data = {
        "municipality": municipality.pk,
        "name": "Obecní úřad",
        "street": "Návesní 1",
        "postcode": "285 01",
        "city": "Alfa",
        "latitude": "49.948512",
        "longitude": "15.268947",
        "opening_hours-TOTAL_FORMS": str(len(hours)),
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
        "hours_exceptions-TOTAL_FORMS": "1",
        "hours_exceptions-INITIAL_FORMS": "0",
        "hours_exceptions-MIN_NUM_FORMS": "0",
        "hours_exceptions-MAX_NUM_FORMS": "1000",
        "hours_exceptions-0-date": "2025-12-24",
        "hours_exceptions-0-closed": "on",
        "hours_exceptions-0-note": "Štědrý den",
        **fields,
    }
    for index, (weekday, opens, closes) in enumerate(hours):
        data[f"opening_hours-{index}-weekday"] = str(weekday)
        data[f"opening_hours-{index}-opens"] = opens
        data[f"opening_hours-{index}-closes"] = closes
    return data


def test_editor_creates_a_place_with_hours_and_an_exception(client_a, town_a):
    url = reverse("wagtailsnippets_people_place:add")
    hours = [(0, "08:00", "11:30"), (0, "13:00", "17:00"), (2, "08:00", "11:30")]
    response = admin_post(client_a, url, place_data(town_a, hours))
    assert response.status_code == 302, response.context["form"].errors
    place = Place.objects.get(name="Obecní úřad")
    assert place.municipality == town_a
    assert place.opening_hours.count() == 3
    assert place.hours_exceptions.get().closed


def test_overlapping_and_reversed_intervals_are_refused_in_czech(client_a, town_a):
    url = reverse("wagtailsnippets_people_place:add")
    hours = [(0, "08:00", "12:00"), (0, "11:00", "14:00"), (1, "12:00", "08:00")]
    response = admin_post(client_a, url, place_data(town_a, hours))
    assert response.status_code == 200
    assert not Place.objects.exists()
    html = response.content.decode()
    assert "Interval se překrývá s intervalem 8:00–12:00 téhož dne." in html
    assert "Konec musí být později než začátek (12:00)." in html


def test_invalid_map_point_is_refused_in_czech(client_a, town_a):
    url = reverse("wagtailsnippets_people_place:add")
    response = admin_post(client_a, url, place_data(town_a, latitude="123"))
    assert response.status_code == 200
    assert "Zeměpisná šířka musí být mezi −90 a 90 stupni." in response.content.decode()


# --- a person's department and place --------------------------------------------------------------


def test_person_form_offers_only_own_departments_and_places(client_a, town_a, records):
    response = admin_get(client_a, reverse("wagtailsnippets_people_person:add"))
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert list(fields["department"].queryset) == [records["department_a"]]
    assert list(fields["place"].queryset) == [records["place_a"]]
    assert_hidden(response)


def test_person_cannot_be_attached_to_other_towns_department_or_place(client_a, town_a, records):
    response = admin_post(
        client_a,
        reverse("wagtailsnippets_people_person:add"),
        {
            "municipality": town_a.pk,
            "first_name": "Adam",
            "last_name": "Alfovský",
            "department": records["department_b"].pk,
            "place": records["place_b"].pk,
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"department", "place"}
    assert not Person.objects.filter(last_name="Alfovský").exists()


def test_person_with_own_department_and_place_is_saved(client_a, town_a, records):
    response = admin_post(
        client_a,
        reverse("wagtailsnippets_people_person:add"),
        {
            "municipality": town_a.pk,
            "first_name": "Adam",
            "last_name": "Alfovský",
            "department": records["department_a"].pk,
            "place": records["place_a"].pk,
            "mobile": "+420 604 118 327",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Alfovský")
    assert (person.department, person.place) == (records["department_a"], records["place_a"])


def test_model_refuses_department_of_another_town(town_a, records):
    person = PersonFactory.build(municipality=town_a, department=records["department_b"])
    with pytest.raises(Exception) as error:
        person.full_clean()
    assert "Vyberte položku stejné obce" in str(error.value)


def test_every_municipal_role_may_manage_departments_and_places(editor_a, admin_a):
    for user in (editor_a, admin_a):
        for model_name in ("department", "place"):
            for action in ("add", "change", "delete", "view"):
                assert user.has_perm(f"people.{action}_{model_name}")


@pytest.mark.parametrize("model_name", ["department", "place"])
def test_localize_snippet_api_shows_only_own_records(client_a, records, model_name):
    url = reverse("wagtail_localize:snippets_api_listing", args=["people", model_name])
    response = admin_get(client_a, url)
    assert response.status_code == 200
    assert "Alfa" in response.content.decode()
    assert_hidden(response)


def test_listings_have_czech_column_headers(client_a, town_a, records):
    PersonFactory(municipality=town_a, department=records["department_a"])
    places = admin_get(client_a, reverse("wagtailsnippets_people_place:list")).content.decode()
    assert "Adresa" in places and "Address" not in places
    people = admin_get(client_a, reverse("wagtailsnippets_people_person:list")).content.decode()
    assert "Jméno" in people and "Full name" not in people


# --- the person snippet's admin search ----------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "moderator", "administrator"])
def test_staff_of_every_role_searches_own_towns_people(client, town_a, town_b, role):
    PersonFactory(municipality=town_a, first_name="Adam", last_name="Alfovský", position="starosta")
    PersonFactory(municipality=town_b, first_name="Adam", last_name=f"{MARKER}ový")
    client.force_login(make_member(town_a, MunicipalityRole(role)))
    url = reverse("wagtailsnippets_people_person:list")
    for query in ["Adam", "Alfov", "staros"]:
        response = admin_get(client, url, q=query)
        assert response.status_code == 200
        assert "Alfovský" in response.content.decode(), query
        assert_hidden(response)


def test_operator_searches_every_towns_people(client, town_a, town_b):
    PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    client.force_login(SuperuserFactory())
    response = admin_get(client, reverse("wagtailsnippets_people_person:list"), q="Betov")
    assert response.status_code == 200
    assert "Betovský" in response.content.decode()
