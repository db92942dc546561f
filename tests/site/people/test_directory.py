"""The public "Kontakty" page: people by department and initial letter, places, details."""

import datetime
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from radnice.people.directory import build_directory, people_of
from radnice.people.hours import opening_hours_on
from tests.factories import PersonFactory

from .factories import (
    DepartmentFactory,
    DirectoryPageFactory,
    HoursExceptionFactory,
    OpeningHoursFactory,
    PlaceFactory,
)
from .vcard_parser import parse_vcard, text_value

pytestmark = pytest.mark.django_db


def get(client, url, host="alfa.test", **params):
    return client.get(url, params, HTTP_HOST=host)


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def staff(town_a):
    """A small office: two departments, people with Czech surnames, one without a department."""
    building = DepartmentFactory(municipality=town_a, name="Odbor výstavby", order=20)
    leadership = DepartmentFactory(municipality=town_a, name="Vedení obce", order=10)
    people = {
        "novak": PersonFactory(
            municipality=town_a, first_name="Jan", last_name="Novák", department=leadership
        ),
        "cermak": PersonFactory(
            municipality=town_a, first_name="Tomáš", last_name="Čermák", department=building
        ),
        "cibulka": PersonFactory(
            municipality=town_a, first_name="Petr", last_name="Cibulka", department=building
        ),
        "chalupa": PersonFactory(
            municipality=town_a, first_name="Jiří", last_name="Chalupa", department=building
        ),
        "hruby": PersonFactory(
            municipality=town_a, first_name="Karel", last_name="Hrubý", department=leadership
        ),
        "zak": PersonFactory(municipality=town_a, first_name="Ota", last_name="Žák"),
    }
    return {"building": building, "leadership": leadership, **people}


def names(people):
    return [person.last_name for person in people]


# --- the directory as data -----------------------------------------------------------------


def test_people_are_listed_in_czech_order(town_a, town_b, staff):
    PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Adámek")
    assert names(people_of(town_a)) == ["Cibulka", "Čermák", "Hrubý", "Chalupa", "Novák", "Žák"]


def test_groups_follow_department_order_and_people_without_one_come_last(town_a, staff):
    directory = build_directory(people_of(town_a), QueryDict())
    assert [(dep.name if dep else None, names(people)) for dep, people in directory.groups] == [
        ("Vedení obce", ["Hrubý", "Novák"]),
        ("Odbor výstavby", ["Cibulka", "Čermák", "Chalupa"]),
        (None, ["Žák"]),
    ]


def test_letter_facet_has_czech_letters_with_counts(town_a, staff):
    directory = build_directory(people_of(town_a), QueryDict())
    assert [(o.label, o.count) for o in directory.letter_facet] == [
        ("C", 1),
        ("Č", 1),
        ("H", 1),
        ("Ch", 1),
        ("N", 1),
        ("Ž", 1),
    ]
    assert not any(option.selected for option in directory.letter_facet)


def test_filtering_by_letter_ch_is_not_filtering_by_c(town_a, staff):
    directory = build_directory(people_of(town_a), QueryDict("pismeno=Ch"))
    assert names(directory.people) == ["Chalupa"]
    selected = [option for option in directory.letter_facet if option.selected]
    assert [option.label for option in selected] == ["Ch"]
    assert selected[0].url == "?"  # clicking again removes the filter
    directory = build_directory(people_of(town_a), QueryDict("pismeno=C"))
    assert names(directory.people) == ["Cibulka"]


def test_department_facet_counts_within_the_letter_filter(town_a, staff):
    directory = build_directory(people_of(town_a), QueryDict())
    assert [(o.label, o.count) for o in directory.department_facet] == [
        ("Vedení obce", 2),
        ("Odbor výstavby", 3),
        ("Ostatní", 1),
    ]
    directory = build_directory(people_of(town_a), QueryDict("pismeno=H"))
    assert [(o.label, o.count) for o in directory.department_facet] == [("Vedení obce", 1)]


def test_letter_counts_within_the_department_filter(town_a, staff):
    params = QueryDict(f"odbor={staff['building'].pk}")
    directory = build_directory(people_of(town_a), params)
    assert names(directory.people) == ["Cibulka", "Čermák", "Chalupa"]
    assert [(o.label, o.count) for o in directory.letter_facet] == [
        ("C", 1),
        ("Č", 1),
        ("Ch", 1),
    ]
    assert directory.selected_department_label == "Odbor výstavby"
    letter_c = directory.letter_facet[0]
    assert QueryDict(letter_c.url[1:]).dict() == {
        "odbor": str(staff["building"].pk),
        "pismeno": "C",
    }


def test_people_without_department_have_their_own_option(town_a, staff):
    directory = build_directory(people_of(town_a), QueryDict("odbor=0"))
    assert names(directory.people) == ["Žák"]


def test_search_ignores_case_and_accents(town_a, staff):
    staff["cermak"].position = "referent stavebního úřadu"
    staff["cermak"].save()
    assert names(build_directory(people_of(town_a), QueryDict("q=cermak")).people) == ["Čermák"]
    assert names(build_directory(people_of(town_a), QueryDict("q=STAVEBNI")).people) == ["Čermák"]
    assert names(build_directory(people_of(town_a), QueryDict("q=vedeni")).people) == [
        "Hrubý",
        "Novák",
    ]


# --- the page ------------------------------------------------------------------------------


def test_directory_page_lists_own_people_with_facet_links(client, town_a, town_b, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    response = get(client, "/kontakty/")
    assert response.status_code == 200
    html = text_of(response)
    assert "Tomáš Čermák" in html
    assert "Betovský" not in html
    assert "Vedení obce" in html
    assert f'href="?odbor={staff["building"].pk}"' in html
    assert 'href="?pismeno=Ch"' in html
    assert f'href="/kontakty/osoba/{staff["cermak"].pk}/"' in html
    assert html.index("Cibulka") < html.index("Čermák") < html.index("Chalupa")


def test_filtered_page_marks_the_selection_and_offers_a_reset(client, town_a, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    html = text_of(get(client, "/kontakty/", pismeno="Ch"))
    assert 'aria-current="true">Ch' in html
    assert "Chalupa" in html and "Čermák" not in html
    assert "Nalezené osoby: 1 z 6." in html
    assert 'href="/kontakty/">Zrušit všechny filtry' in html


def test_unknown_filter_values_show_an_empty_result_not_an_error(client, town_a, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    response = get(client, "/kontakty/", odbor="abc", pismeno="Q")
    assert response.status_code == 200
    assert "Zvoleným filtrům neodpovídá žádná osoba." in text_of(response)


def test_places_show_todays_hours(client, town_a):
    DirectoryPageFactory(parent=town_a.site.root_page)
    today = timezone.localdate()
    library = PlaceFactory(municipality=town_a, name="Místní knihovna")
    OpeningHoursFactory(
        place=library,
        weekday=today.weekday(),
        opens=datetime.time(8),
        closes=datetime.time(11, 30),
    )
    office = PlaceFactory(municipality=town_a, name="Obecní úřad")
    OpeningHoursFactory(place=office, weekday=today.weekday())
    HoursExceptionFactory(place=office, date=today, closed=True, note="Inventura")
    HoursExceptionFactory(place=office, date=today + datetime.timedelta(days=1), note="Zítra")
    PlaceFactory(municipality=town_a.__class__.objects.exclude(pk=town_a.pk).first() or town_a)
    html = text_of(get(client, "/kontakty/"))
    assert "Místní knihovna" in html
    assert "Dnes:</strong> 8:00–11:30" in html
    assert "Dnes:</strong> zavřeno (Inventura)" in html
    assert "Zítra" not in html


def test_places_can_be_hidden(client, town_a):
    DirectoryPageFactory(parent=town_a.site.root_page, show_places=False)
    PlaceFactory(municipality=town_a, name="Místní knihovna")
    assert "Místní knihovna" not in text_of(get(client, "/kontakty/"))


def test_directory_page_has_the_same_queries_for_10_and_100_people(client, town_a):
    DirectoryPageFactory(parent=town_a.site.root_page)
    departments = [DepartmentFactory(municipality=town_a) for _ in range(3)]
    places = [PlaceFactory(municipality=town_a) for _ in range(2)]
    for place in places:
        OpeningHoursFactory(place=place)
        HoursExceptionFactory(place=place, date=timezone.localdate())

    def add_people(count):
        for n in range(count):
            PersonFactory(
                municipality=town_a,
                department=departments[n % 3] if n % 4 else None,
                place=places[n % 2],
                phone="+420 321 654 987",
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert get(client, "/kontakty/", pismeno="P").status_code == 200
        return [query["sql"] for query in captured]

    add_people(10)
    get(client, "/kontakty/")  # warm the site and host caches
    with_10 = queries()
    add_people(90)
    with_100 = queries()
    assert len(with_100) == len(with_10)
    # People, places, their weekly hours and today's exceptions: one query each (the page
    # frame's footer looks up the town hall's hours on its own, see test_office_hours).
    footer = 'AND "people_place"."is_office")'
    own = [
        sql
        for sql in with_100
        if re.search(r'FROM "people_(person|place\w*)"', sql) and footer not in sql
    ]
    assert len(own) == 4


def test_directory_photos_are_square_pictures_at_a_constant_query_cost(client, town_a):
    from bs4 import BeautifulSoup

    from tests.site.blocks.factories import ImageFactory

    DirectoryPageFactory(parent=town_a.site.root_page)

    def add_people(count):
        for n in range(count):
            PersonFactory(municipality=town_a, photo=ImageFactory(title=f"Foto {n}"))

    def queries(expected):
        get(client, "/kontakty/")  # the first view makes the renditions
        with CaptureQueriesContext(connection) as captured:
            response = get(client, "/kontakty/")
        photos = BeautifulSoup(response.content.decode(), "html.parser").select(
            "li.person-card picture img"
        )
        assert len(photos) == expected
        assert all(img["width"] == img["height"] and img["alt"] == "" for img in photos)
        return len(captured)

    add_people(2)
    with_2 = queries(2)
    add_people(6)
    assert queries(8) == with_2


# --- person detail and vCard ------------------------------------------------------------------


def test_person_detail_shows_contacts_and_todays_hours_of_their_place(client, town_a, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    place = PlaceFactory(municipality=town_a, name="Radnice", street="Náměstí 1")
    today = timezone.localdate()
    OpeningHoursFactory(place=place, weekday=today.weekday())
    person = staff["cermak"]
    person.title_before, person.position = "Ing.", "vedoucí odboru výstavby"
    person.email, person.phone, person.mobile = "cermak@alfa.test", "321 654 980", ""
    person.place, person.room, person.office_hours = place, "dveře č. 12", "po a st 8–17"
    person.save()
    response = get(client, f"/kontakty/osoba/{person.pk}/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Ing. Tomáš Čermák</h1>" in html
    assert 'href="mailto:cermak@alfa.test"' in html
    assert 'href="tel:+420321654980"' in html
    assert f'href="/kontakty/misto/{place.pk}/"' in html
    assert f"Dnes: {opening_hours_on(place, today).text}" in html
    assert "dveře č. 12" in html and "po a st 8–17" in html
    assert f'href="/kontakty/osoba/{person.pk}/vcard/"' in html
    assert "<title>Ing. Tomáš Čermák – Kontakty" in html
    breadcrumbs = '<a href="/kontakty/">Kontakty</a></li> <li><span aria-current="page">Ing. Tomáš'
    assert breadcrumbs in html


def test_person_of_another_town_is_not_found(client, town_a, town_b, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    stranger = PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    assert get(client, f"/kontakty/osoba/{stranger.pk}/").status_code == 404
    assert get(client, f"/kontakty/osoba/{stranger.pk}/vcard/").status_code == 404
    assert get(client, "/kontakty/osoba/999999/").status_code == 404
    assert get(client, "/kontakty/osoba/abc/").status_code == 404


def test_the_same_person_is_not_found_on_the_other_towns_directory(client, town_a, town_b, staff):
    DirectoryPageFactory(parent=town_b.site.root_page)
    assert get(client, f"/kontakty/osoba/{staff['novak'].pk}/", host="beta.test").status_code == (
        404
    )


def test_vcard_download(client, town_a, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    person = staff["chalupa"]
    person.position = "správce majetku, údržba; odpady"
    person.save()
    response = get(client, f"/kontakty/osoba/{person.pk}/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jiri-chalupa.vcf"'
    properties = parse_vcard(response.content.decode("utf-8"))
    assert text_value(properties, "FN") == "Jiří Chalupa"
    assert text_value(properties, "TITLE") == "správce majetku, údržba; odpady"
    assert text_value(properties, "URL") == f"http://alfa.test/kontakty/osoba/{person.pk}/"


# --- place detail -------------------------------------------------------------------------------


def test_place_detail_shows_the_week_exceptions_and_people(client, town_a, staff):
    DirectoryPageFactory(parent=town_a.site.root_page)
    today = timezone.localdate()
    place = PlaceFactory(
        municipality=town_a,
        name="Obecní úřad",
        phone="+420 321 654 987",
        latitude="49.948512",
        longitude="15.268947",
    )
    OpeningHoursFactory(place=place, weekday=0, opens=datetime.time(8), closes=datetime.time(11))
    OpeningHoursFactory(place=place, weekday=0, opens=datetime.time(13), closes=datetime.time(17))
    HoursExceptionFactory(place=place, date=today + datetime.timedelta(days=2), note="Štědrý den")
    HoursExceptionFactory(place=place, date=today - datetime.timedelta(days=2), note="Minulost")
    staff["novak"].place = place
    staff["novak"].save()
    response = get(client, f"/kontakty/misto/{place.pk}/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Obecní úřad</h1>" in html
    assert "Pondělí</th><td>8:00–11:00, 13:00–17:00</td>" in html
    assert "Úterý</th><td>zavřeno</td>" in html
    assert "mimořádně: Štědrý den" in html
    assert "Minulost" not in html
    assert f'href="/kontakty/osoba/{staff["novak"].pk}/">Jan Novák' in html
    assert "https://mapy.cz/zakladni?source=coor&amp;id=15.268947%2C49.948512" in html
    assert "(dnes)" in html


def test_place_of_another_town_is_not_found(client, town_a, town_b):
    DirectoryPageFactory(parent=town_a.site.root_page)
    foreign = PlaceFactory(municipality=town_b, name="Sběrný dvůr Beta")
    assert get(client, f"/kontakty/misto/{foreign.pk}/").status_code == 404
    assert get(client, "/kontakty/misto/999999/").status_code == 404


# --- translations ----------------------------------------------------------------------------


def test_directory_translates_with_wagtail_localize(client, town_a, staff):
    page = DirectoryPageFactory(parent=town_a.site.root_page, intro="<p>Úřad rád pomůže.</p>")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Kontakty", "Úřad rád pomůže."} <= strings

    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Contacts"
    english.save_revision().publish()
    response = get(client, "/en/kontakty/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Contacts</h1>" in html and "Tomáš Čermák" in html
    assert f'href="/en/kontakty/osoba/{staff["cermak"].pk}/"' in html
    assert get(client, f"/en/kontakty/osoba/{staff['cermak'].pk}/").status_code == 200
