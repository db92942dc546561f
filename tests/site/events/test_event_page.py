"""The event page: what a visitor reads, the schema.org Event, and translations."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Locale

from radnice.events.models import EventOccurrence

from .factories import EventPageFactory, timed, whole_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def concert(index_a):
    day = timezone.localdate() + datetime.timedelta(days=10)
    event = EventPageFactory(
        parent=index_a,
        title="Koncert <pěveckého> sboru",
        slug="koncert",
        teaser="Vánoční písně v podání sboru Lesní zvon.",
        dates=[timed(day, 18, 20)],
        venue="Kostel sv. Jiří",
        address="Kostelní 3, Alfa",
        price=15000,  # hellers
        price_note="děti zdarma",
        accessibility="Bezbariérový vstup bočními dveřmi.",
        registration_url="https://vstupenky.example/koncert",
    )
    event.save_revision().publish()
    event.day = day
    return event


def schema_org_events(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(script) for script in scripts]
    flattened = [item for entry in data for item in (entry if isinstance(entry, list) else [entry])]
    return [item for item in flattened if item.get("@type") == "Event"]


def test_event_page_shows_dates_place_price_and_accessibility(client, concert):
    html = client.get("/akce/koncert/", HTTP_HOST="alfa.test").content.decode()
    day = concert.day
    assert f"{day.day}. {day.month}. {day.year}, 18:00–20:00" in html
    assert "Kostel sv. Jiří" in html
    assert "150\u00a0Kč (děti zdarma)" in html
    assert "Bezbariérový vstup bočními dveřmi." in html
    assert 'href="https://vstupenky.example/koncert"' in html
    assert 'href="/akce/koncert/akce.ics"' in html
    assert "<h1>Koncert &lt;pěveckého&gt; sboru</h1>" in html


def test_schema_org_event_in_the_head(client, concert):
    html = client.get("/akce/koncert/", HTTP_HOST="alfa.test").content.decode()
    head = html.split("</head>")[0]
    [event] = schema_org_events(head)
    assert event["name"] == "Koncert <pěveckého> sboru"
    assert event["startDate"].startswith(f"{concert.day.isoformat()}T18:00:00+0")
    assert event["location"]["name"] == "Kostel sv. Jiří"
    assert event["offers"]["price"] == "150.00"
    assert "<pěveckého>" not in head  # escaped inside the script element


def test_hostile_event_address_cannot_swallow_the_page(client, concert):
    concert.address = "Náves <!--<script> </script><script>alert(1)</script>"
    concert.save_revision().publish()
    html = client.get("/akce/koncert/", HTTP_HOST="alfa.test").content.decode()
    [event] = schema_org_events(html.split("</head>")[0])
    assert event["location"]["address"] == concert.address
    assert "<!--<script>" not in html
    assert "alert(1)</script>" not in html


def test_past_event_says_when_it_took_place(client, index_a):
    day = timezone.localdate() - datetime.timedelta(days=30)
    event = EventPageFactory(parent=index_a, slug="minula", dates=[whole_days(day)])
    event.save_revision().publish()
    html = client.get("/akce/minula/", HTTP_HOST="alfa.test").content.decode()
    assert "Akce proběhla" in html
    assert f"{day.day}. {day.month}. {day.year}" in html


def test_repeating_event_describes_its_rule(client, index_a):
    first = datetime.date(2026, 1, 10)  # the second Saturday of January
    event = EventPageFactory(
        parent=index_a,
        slug="trhy",
        dates=[timed(first, 8, 12)],
        repeat="monthly",
        repeat_monthly_by="weekday",
        repeat_until=datetime.date(2030, 12, 31),
    )
    event.save_revision().publish()
    html = client.get("/akce/trhy/", HTTP_HOST="alfa.test").content.decode()
    assert "každý měsíc (2. sobota v měsíci), do 31. 12. 2030" in html


def test_translated_event_gets_its_own_occurrences_under_en(client, town_a, index_a, concert):
    english = Locale.objects.get(language_code="en")
    index_en = index_a.copy_for_translation(english)
    index_en.save_revision().publish()
    concert_en = concert.copy_for_translation(english)
    concert_en.title = "Choir concert"
    concert_en.save_revision().publish()
    assert EventOccurrence.objects.filter(event=concert_en).count() == 1
    listing = client.get("/en/akce/", HTTP_HOST="alfa.test").content.decode()
    assert "Choir concert" in listing
    assert "pěveckého" not in listing


def test_preview_of_a_new_event_shows_its_unsaved_dates(rf, index_a):
    from django.contrib.auth.models import AnonymousUser

    from radnice.events.models import EventPage

    day = timezone.localdate() + datetime.timedelta(days=3)
    page = EventPage(title="Náhled akce", slug="nahled", dates=[timed(day, 18, 19)])
    page.depth = index_a.depth + 1
    page.path = index_a.path + "9999"
    page.locale = index_a.locale
    request = rf.get("/", HTTP_HOST="alfa.test")
    request.user = AnonymousUser()
    request.is_preview = True
    response = page.serve_preview(request, page.default_preview_mode)
    html = response.render().content.decode()
    assert f"{day.day}. {day.month}. {day.year}, 18:00–19:00" in html


def test_event_image_is_a_picture_and_its_map_point_only_a_link(client, index_a):
    from bs4 import BeautifulSoup

    from tests.site.blocks.factories import ImageFactory
    from tests.site.blocks.test_components import third_party_requests

    day = timezone.localdate() + datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=index_a,
        slug="trhy-na-navsi",
        dates=[timed(day, 8, 12)],
        main_image=ImageFactory(title="IMG_1.jpg"),
        main_image_alt_text="Stánky s ovocem na návsi",
        latitude=Decimal("49.950000"),
        longitude=Decimal("15.270000"),
    )
    event.save_revision().publish()
    html = client.get("/akce/trhy-na-navsi/", HTTP_HOST="alfa.test").content.decode()
    article = BeautifulSoup(html, "html.parser").find("article", class_="event")
    img = article.find("picture").find("img")
    assert img["alt"] == "Stánky s ovocem na návsi" and img["fetchpriority"] == "high"
    assert article.find("a", href=re.compile(r"^https://www\.openstreetmap\.org/\?mlat=49\.95"))
    assert not article.find(["iframe", "script"])  # no map tiles, no map library
    assert third_party_requests(str(article)) == []
