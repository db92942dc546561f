"""Every export and feed of the platform answers with the same headers
(``radnice.opendata.responses``), and the admin's own CSV exports neutralise formulas too."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory, SuperuserFactory
from tests.modules.budget.conftest import (
    SAMPLE_ROWS,
    add_budget_page,
    csv_bytes,
    enable_budget,
    import_bytes,
)
from tests.site.board.factories import OfficialBoardIndexPageFactory, OfficialNoticePageFactory
from tests.site.events.factories import EventIndexPageFactory, EventPageFactory, timed
from tests.site.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.site.people.factories import DirectoryPageFactory

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "alfa.test"}


def published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def exports(town_a):
    """(path, content type, file name or None) of every export and feed of one town."""
    root = town_a.site.root_page
    board = published(OfficialBoardIndexPageFactory(parent=root))
    published(OfficialNoticePageFactory(parent=board, title="Oznámení"))
    news = published(NewsIndexPageFactory(parent=root))
    item = published(NewsPageFactory(parent=news, slug="zprava"))
    events = published(EventIndexPageFactory(parent=root))
    day = timezone.localdate() + datetime.timedelta(days=3)
    event = published(EventPageFactory(parent=events, slug="posviceni", dates=[timed(day, 18)]))
    directory = published(DirectoryPageFactory(parent=root))
    person = PersonFactory(municipality=town_a, first_name="Jan", last_name="Novák")
    enable_budget(town_a)
    add_budget_page(town_a)
    assert import_bytes(town_a, csv_bytes(*SAMPLE_ROWS)).ok
    ico = town_a.ico
    return [
        (board.url + "data.csv", "text/csv", "uredni-deska.csv"),
        (board.url + "data.jsonld", "application/ld+json", "uredni-deska.jsonld"),
        (board.url + "rss/", "application/rss+xml", None),
        (board.url + "atom/", "application/atom+xml", None),
        (news.url + "data.jsonld", "application/ld+json", "aktuality.jsonld"),
        (item.url + "data.jsonld", "application/ld+json", "zprava.jsonld"),
        (news.url + "rss/", "application/rss+xml", None),
        (news.url + "atom/", "application/atom+xml", None),
        (events.url + "data.csv", "text/csv", "akce.csv"),
        (events.url + "data.jsonld", "application/ld+json", None),
        (events.url + "akce.ics", "text/calendar", "akce.ics"),
        (event.url + "data.jsonld", "application/ld+json", "posviceni.jsonld"),
        (event.url + "akce.ics", "text/calendar", "posviceni.ics"),
        (directory.url + "ofn/", "application/ld+json", "kontakty.jsonld"),
        (
            directory.url + directory.reverse_subpage("person_vcard", args=[person.pk]),
            "text/vcard",
            None,
        ),
        ("/rozpocet/2023/csv/souhrn/", "text/csv", f"rozpocet-{ico}-2023-souhrn.csv"),
        ("/rozpocet/2023/json/souhrn/", "application/json", f"rozpocet-{ico}-2023-souhrn.json"),
    ]


def test_every_export_and_feed_answers_with_the_same_headers(client, exports):
    problems = []
    for path, content_type, filename in exports:
        response = client.get(path, **HOST)
        got = {
            "status": response.status_code,
            "type": response.get("Content-Type", ""),
            "cors": response.get("Access-Control-Allow-Origin"),
            "robots": response.get("X-Robots-Tag"),
            "disposition": response.get("Content-Disposition", ""),
        }
        wrong = (
            got["status"] != 200
            or not got["type"].startswith(content_type)
            or "charset=utf-8" not in got["type"]
            or got["cors"] != "*"
            or got["robots"] != "noindex"
            or (filename and f'filename="{filename}"' not in got["disposition"])
        )
        if wrong:
            problems.append((path, got))
    assert problems == []


def test_the_admins_own_csv_exports_neutralise_formulas(client, town_a):
    formula = '=HYPERLINK("http://zlo.example/";"klik")'
    published(OfficialBoardIndexPageFactory(parent=town_a.site.root_page, title=formula))
    client.force_login(SuperuserFactory())
    response = client.get(reverse("wagtailadmin_reports:aging_pages") + "?export=csv", **HOST)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + formula in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
