"""Demo contacts of the three demo towns: departments, people, places with hours, "Kontakty".

``build_demo(municipality)`` is idempotent: it finds every record by its natural key (a
department's or place's name, a person's first name and surname, an interval's weekday and
start) and writes only what differs, so a second run changes nothing. It adds to the people
that ``municipalities.demo.builders`` creates (their names, positions and contacts stay as the
builder set them; only their department, place and room are filled in here). A municipality
that is not a demo town gets the contacts of Lhota pod Lesem under its own hostname. The
content is in municipalities/demo/data/<town>/contacts.yaml.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from municipalities.demo import data
from municipalities.demo.towns import load_town

from .models import (
    Department,
    DirectoryPage,
    Person,
    Place,
    PlaceHoursException,
    PlaceOpeningHours,
)

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
#: text fields of a person in the data ("" when left out)
PERSON_TEXTS = (
    "title_before",
    "title_after",
    "position",
    "phone",
    "mobile",
    "room",
    "office_hours",
)


def _time(text):
    return datetime.time.fromisoformat(text.zfill(5)) if text else None


def _email(local_part, municipality):
    return f"{local_part}@{municipality.hostname}" if local_part else ""


def _next_date(month, day, today):
    """The next ``month``/``day`` from ``today`` on (this year's, or next year's if past)."""
    candidate = datetime.date(today.year, month, day)
    return candidate if candidate >= today else datetime.date(today.year + 1, month, day)


def _sync(model, lookup, values):
    """Get or create by ``lookup``; then write only the ``values`` that differ."""
    instance, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def _build_place(municipality, fields, today):
    place = _sync(
        Place,
        {"municipality": municipality, "name": fields["name"]},
        {
            "street": fields["street"],
            "postcode": fields["postcode"],
            "city": fields["city"],
            "latitude": Decimal(fields["latitude"]),
            "longitude": Decimal(fields["longitude"]),
            "phone": fields.get("phone", ""),
            "email": _email(fields.get("email", ""), municipality),
            "note": fields.get("note", ""),
            "is_office": fields["key"] == "urad",  # the town hall: its hours go to the footer
        },
    )
    for hours in fields.get("hours", []):
        for weekday in hours["days"]:
            PlaceOpeningHours.objects.get_or_create(
                place=place,
                weekday=WEEKDAYS[weekday],
                opens=_time(hours["opens"]),
                defaults={"closes": _time(hours["closes"])},
            )
    for exception in fields.get("exceptions", []):
        opens, closes = exception.get("opens"), exception.get("closes")
        _sync(
            PlaceHoursException,
            {
                "place": place,
                "date": _next_date(*exception["date"], today),
                "note": exception["note"],
            },
            {"closed": opens is None, "opens": _time(opens), "closes": _time(closes)},
        )
    return place


def _demo_data(municipality):
    """(DemoTown, contacts) of the municipality, or of the default demo town."""
    key = data.town_key(municipality) or data.DEFAULT_TOWN
    return load_town(key), data.load(key, "contacts")


@transaction.atomic
def build_demo(municipality):
    """Departments, people, places and the ``/kontakty/`` page of one municipality."""
    town, contacts = _demo_data(municipality)
    today = timezone.localdate()
    departments = {
        fields["name"]: _sync(
            Department,
            {"municipality": municipality, "name": fields["name"]},
            {"order": fields["order"]},
        )
        for fields in contacts["departments"]
    }
    places = {
        fields["key"]: _build_place(municipality, fields, today) for fields in contacts["places"]
    }

    placed = {(row["first_name"], row["last_name"]): row for row in contacts["town_people"]}
    for fields in town.people:
        row = placed.get((fields["first_name"], fields["last_name"]))
        if row is None:
            continue
        person, _created = Person.objects.get_or_create(
            municipality=municipality,
            first_name=fields["first_name"],
            last_name=fields["last_name"],
            defaults={
                "title_before": fields["title_before"],
                "title_after": fields["title_after"],
                "position": fields["position"],
                "email": fields["email"].replace(town.hostname, municipality.hostname),
                "phone": fields["phone"],
            },
        )
        _sync(
            Person,
            {"pk": person.pk},
            {
                "department": departments[row["department"]],
                "place": places[row["place"]],
                "room": row["room"],
            },
        )

    for fields in contacts["people"]:
        _sync(
            Person,
            {
                "municipality": municipality,
                "first_name": fields["first_name"],
                "last_name": fields["last_name"],
            },
            {
                **{name: fields.get(name, "") for name in PERSON_TEXTS},
                "department": departments[fields["department"]],
                "place": places[fields["place"]] if fields.get("place") else None,
                "email": _email(fields.get("email", ""), municipality),
            },
        )

    return _build_directory_page(municipality, contacts)


def _build_directory_page(municipality, contacts):
    home = municipality.site.root_page.specific
    fields = contacts["directory"]
    existing = home.get_children().filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing.specific
    page = DirectoryPage(**fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
