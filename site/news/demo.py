"""Demo news for the demo towns: a news index "Aktuality" with 22+ items over ~18 months.

``build_demo(municipality)`` is idempotent: the index, types and items are found by their
slugs before anything is created, and existing items are never changed, so running it again
(on any day) changes nothing. The texts are in municipalities/demo/data/shared/news.yaml
(news every town has, in its own words) and data/<town>/news.yaml.
"""

import json
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from municipalities.demo import data
from municipalities.demo.builders import ensure_type
from radnice.people.models import Person

from .models import NewsIndexPage, NewsPage, NewsPagePerson, NewsType


def town_news(municipality):
    """(offset in days, [news items]): the shared news in the town's words, then its own."""
    shared = data.shared("news")
    town = data.town_content(municipality, "news", default=None) or shared["default"]
    items = [*data.formatted(shared["news"], town["words"]), *town.get("news", [])]
    positions = shared["positions"]
    for item in items:
        item["persons"] = [positions[name] for name in item.get("persons", [])]
    return town["offset"], items


def news_date(when, today):
    """``when`` days before ``today``, or the last (month, day) on or before ``today``."""
    if isinstance(when, int):
        return today - timedelta(days=when)
    month, day = when
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return date(year, month, day)


def _persons(municipality, position_groups):
    """The town's people holding the positions (one person for each group of names)."""
    people = list(Person.objects.filter(municipality=municipality))
    chosen = []
    for positions in position_groups:
        for person in people:
            if person.position.lower() in positions and person not in chosen:
                chosen.append(person)
                break
    return chosen


def ensure_index(municipality):
    home = municipality.site.root_page.specific
    fields = data.shared("news")["index"]
    index = NewsIndexPage.objects.child_of(home).filter(slug=fields["slug"]).first()
    if index is None:
        index = NewsIndexPage(**fields, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_types(municipality):
    return {
        fields["slug"]: ensure_type(NewsType, municipality, **fields)
        for fields in data.shared("news")["types"]
    }


def build_demo(municipality):
    """Create the demo news of ``municipality`` (idempotently); returns the news index."""
    offset, items = town_news(municipality)
    index = ensure_index(municipality)
    types = ensure_types(municipality)
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    today = timezone.localdate()
    for item in items:
        if item["slug"] in existing:
            continue
        when = item["days_ago"] if "days_ago" in item else tuple(item["yearly"])
        published = news_date(when, today - timedelta(days=offset))
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=published,
            news_type=types[item["type"]],
            teaser=item["teaser"],
            body=json.dumps(item["body"], ensure_ascii=False),
            first_published_at=timezone.make_aware(datetime.combine(published, time(9, 0))),
        )
        page.tags.add(*item.get("tags", []))
        for person in _persons(municipality, item["persons"]):
            page.related_persons.add(NewsPagePerson(person=person))
        index.add_child(instance=page)
        page.save_revision().publish()
    return index
