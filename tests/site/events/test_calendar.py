"""The month calendar: an accessible table, Monday first, days linking to their events."""

import datetime
import re

import pytest

from radnice.events import queries

from .factories import EventPageFactory, timed, whole_days

pytestmark = pytest.mark.django_db


def test_november_2026_starts_on_a_sunday_in_the_last_column(index_a):
    month = queries.calendar_month(index_a, 2026, 11, today=datetime.date(2026, 11, 4))
    first_week = month.weeks[0]
    assert [d.date for d in first_week][0] == datetime.date(2026, 10, 26)  # Monday
    assert [d.in_month for d in first_week] == [False] * 6 + [True]
    assert first_week[6].date == datetime.date(2026, 11, 1)
    assert len(month.weeks) == 6  # 1 Nov on Sunday, 30 Nov on Monday
    assert month.weeks[-1][0].date == datetime.date(2026, 11, 30)
    assert [d.is_today for week in month.weeks for d in week].count(True) == 1


def test_each_day_holds_its_occurrences_including_multi_day_and_repeats(index_a):
    EventPageFactory(
        parent=index_a,
        title="Výstava",
        dates=[whole_days(datetime.date(2026, 10, 30), datetime.date(2026, 11, 2))],
    )
    EventPageFactory(
        parent=index_a,
        title="Cvičení",
        dates=[timed(datetime.date(2026, 11, 2), 9, 10)],
        repeat="weekly",
        repeat_count=3,
    )
    month = queries.calendar_month(index_a, 2026, 11)
    days = {d.date: [o.event.title for o in d.occurrences] for w in month.weeks for d in w}
    assert days[datetime.date(2026, 11, 1)] == ["Výstava"]
    assert days[datetime.date(2026, 11, 2)] == ["Výstava", "Cvičení"]
    assert days[datetime.date(2026, 11, 9)] == ["Cvičení"]
    assert days[datetime.date(2026, 11, 3)] == []
    assert days[datetime.date(2026, 10, 30)] == []  # outside the month: not shown


def test_month_navigation_wraps_years(index_a):
    december = queries.calendar_month(index_a, 2026, 12)
    assert (december.previous, december.next) == ((2026, 11), (2027, 1))
    january = queries.calendar_month(index_a, 2027, 1)
    assert january.previous == (2026, 12)


def test_calendar_page_is_an_accessible_table(client, index_a):
    EventPageFactory(
        parent=index_a, title="Posvícení", dates=[timed(datetime.date(2026, 11, 14), 14, 22)]
    )
    response = client.get("/akce/kalendar/2026/11/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption id="event-calendar-caption">Akce v měsíci listopad 2026</caption>' in html
    # On a phone the table scrolls by itself (with the keyboard too), not the whole page.
    assert (
        '<div class="table-scroll" role="region" aria-labelledby="event-calendar-caption" '
        'tabindex="0">'
    ) in html
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">(\w+)</abbr></th>', html)
    assert [short for _name, short in headers] == ["Po", "Út", "St", "Čt", "Pá", "So", "Ne"]
    assert headers[0][0] == "pondělí"
    assert 'href="/akce/kalendar/2026/11/14/"' in html
    assert "Posvícení" in html
    assert 'href="/akce/kalendar/2026/10/"' in html
    assert 'href="/akce/kalendar/2026/12/"' in html
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert first_row.count("<td></td>") == 6  # 26–31 Oct are empty cells


def test_current_month_at_kalendar_and_bad_months_404(client, index_a):
    assert client.get("/akce/kalendar/", HTTP_HOST="alfa.test").status_code == 200
    assert client.get("/akce/kalendar/2026/13/", HTTP_HOST="alfa.test").status_code == 404
    assert client.get("/akce/kalendar/2026/2/30/", HTTP_HOST="alfa.test").status_code == 404


def test_day_page_lists_that_days_events(client, index_a):
    EventPageFactory(
        parent=index_a, title="Posvícení", dates=[timed(datetime.date(2026, 11, 14), 14, 22)]
    )
    EventPageFactory(
        parent=index_a, title="Jiný den", dates=[timed(datetime.date(2026, 11, 15), 14, 22)]
    )
    response = client.get("/akce/kalendar/2026/11/14/", HTTP_HOST="alfa.test")
    html = response.content.decode()
    assert "<h1>Akce dne 14. 11. 2026</h1>" in html
    assert "Posvícení" in html and "Jiný den" not in html
    assert "14. 11. 2026, 14:00–22:00" in html
