"""Demo contacts of the three demo towns: departments, people, places with hours, "Kontakty".

``build_demo(municipality)`` is idempotent: it finds every record by its natural key (a
department's or place's name, a person's first name and surname, an interval's weekday and
start) and writes only what differs, so a second run changes nothing. It adds to the people
that ``municipalities.demo.builders`` creates (their names, positions and contacts stay as the
builder set them; only their department, place and room are filled in here). A municipality
that is not a demo town gets the contacts of Lhota pod Lesem under its own hostname.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from municipalities.demo.towns import HORNI_DOLNI, LHOTA, PRAHA_99

from .models import (
    Department,
    DirectoryPage,
    Person,
    Place,
    PlaceHoursException,
    PlaceOpeningHours,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WORKDAYS = (MON, TUE, WED, THU, FRI)


@dataclass(frozen=True)
class PlaceData:
    key: str
    name: str
    street: str
    postcode: str
    city: str
    latitude: str
    longitude: str
    phone: str = ""
    email: str = ""  # the part before "@"; the town's hostname follows
    note: str = ""
    # (weekdays, opens, closes)
    hours: tuple = ()
    # (month, day, opens or None, closes or None, note); no times = closed that day
    exceptions: tuple = ()


@dataclass(frozen=True)
class PersonData:
    title_before: str
    first_name: str
    last_name: str
    title_after: str
    position: str
    department: str
    place: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    room: str = ""
    office_hours: str = ""


@dataclass(frozen=True)
class TownContacts:
    intro: str
    departments: tuple
    places: tuple
    # (first name, surname) of a person the town builder creates -> (department, place, room)
    existing: dict = field(default_factory=dict)
    people: tuple = ()


LHOTA_CONTACTS = TownContacts(
    intro=(
        "<p>Obecní úřad je otevřen v pondělí a ve středu. Starosta přijímá občany po "
        "předchozí domluvě, knihovna a sběrné místo mají vlastní otevírací dobu.</p>"
    ),
    departments=(
        ("Vedení obce", 10),
        ("Obecní úřad", 20),
        ("Místní knihovna", 30),
        ("Údržba obce a odpady", 40),
        ("Jednotka sboru dobrovolných hasičů", 50),
    ),
    places=(
        PlaceData(
            key="urad",
            name="Obecní úřad Lhota pod Lesem",
            street="Návesní 1",
            postcode="285 01",
            city="Lhota pod Lesem",
            latitude="49.948512",
            longitude="15.268947",
            phone="+420 321 654 987",
            email="podatelna",
            note="Bezbariérový vstup zadním vchodem od parkoviště.",
            hours=(
                ((MON, WED), "8:00", "11:30"),
                ((MON, WED), "13:00", "17:00"),
            ),
            exceptions=((12, 24, None, None, "Štědrý den"), (12, 31, "8:00", "10:00", "Silvestr")),
        ),
        PlaceData(
            key="knihovna",
            name="Místní knihovna",
            street="Návesní 1",
            postcode="285 01",
            city="Lhota pod Lesem",
            latitude="49.948530",
            longitude="15.268990",
            email="knihovna",
            note="V prvním patře budovy obecního úřadu.",
            hours=(((TUE,), "15:00", "18:00"), ((FRI,), "14:00", "17:00")),
            exceptions=((12, 24, None, None, "Štědrý den"),),
        ),
        PlaceData(
            key="sberne-misto",
            name="Sběrné místo u hasičské zbrojnice",
            street="U Rybníka 112",
            postcode="285 01",
            city="Lhota pod Lesem",
            latitude="49.946870",
            longitude="15.271420",
            phone="+420 732 415 226",
            note="Objemný odpad, kovy, elektrozařízení a bioodpad. Pneumatiky nepřijímáme.",
            hours=(((SAT,), "9:00", "12:00"), ((WED,), "16:00", "18:00")),
            exceptions=((12, 27, None, None, "Mezi svátky zavřeno"),),
        ),
    ),
    existing={
        ("Jan", "Novák"): ("Vedení obce", "urad", "kancelář starosty, přízemí"),
        ("Marie", "Dvořáková"): ("Vedení obce", "urad", "kancelář starosty, přízemí"),
        ("Petra", "Svobodová"): ("Obecní úřad", "urad", "podatelna, přízemí"),
    },
    people=(
        PersonData(
            "",
            "Alena",
            "Šimková",
            "",
            "administrativní pracovnice, podatelna",
            "Obecní úřad",
            "urad",
            "podatelna",
            "+420 321 654 982",
            room="podatelna, přízemí",
        ),
        PersonData(
            "",
            "Věra",
            "Čermáková",
            "",
            "knihovnice",
            "Místní knihovna",
            "knihovna",
            "knihovna",
            mobile="+420 604 118 327",
        ),
        PersonData(
            "Mgr.",
            "Hana",
            "Cibulková",
            "",
            "knihovnice, lektorka čtenářského klubu",
            "Místní knihovna",
            "knihovna",
            "cibulkova",
        ),
        PersonData(
            "",
            "Jiří",
            "Chalupa",
            "",
            "správce obecního majetku",
            "Údržba obce a odpady",
            "urad",
            "majetek",
            mobile="+420 731 552 904",
            office_hours="po a st 7:00–8:00, jinak po telefonické domluvě",
        ),
        PersonData(
            "",
            "Josef",
            "Řehoř",
            "",
            "údržbář a správce sběrného místa",
            "Údržba obce a odpady",
            "sberne-misto",
            mobile="+420 732 415 226",
        ),
        PersonData(
            "",
            "Zdeněk",
            "Hrubý",
            "",
            "velitel jednotky SDH",
            "Jednotka sboru dobrovolných hasičů",
            "sberne-misto",
            "hasici",
            mobile="+420 777 203 118",
        ),
        PersonData(
            "",
            "Miroslav",
            "Žák",
            "",
            "strojník jednotky SDH",
            "Jednotka sboru dobrovolných hasičů",
            "sberne-misto",
            mobile="+420 608 930 441",
        ),
        PersonData(
            "",
            "Lenka",
            "Malá",
            "",
            "kronikářka obce",
            "Obecní úřad",
            "urad",
            "kronika",
            office_hours="první středa v měsíci 16:00–17:00",
        ),
    ),
)

HORNI_DOLNI_CONTACTS = TownContacts(
    intro=(
        "<p>Městský úřad sídlí na radnici na Masarykově náměstí. Odbory najdete podle "
        "příjmení úředníka i podle agendy; u každého kontaktu si můžete stáhnout vizitku.</p>"
    ),
    departments=(
        ("Vedení města", 10),
        ("Kancelář tajemnice", 20),
        ("Odbor výstavby a územního plánování", 30),
        ("Odbor správních agend", 40),
        ("Finanční odbor", 50),
        ("Odbor životního prostředí", 60),
        ("Městská knihovna", 70),
    ),
    places=(
        PlaceData(
            key="urad",
            name="Radnice – Městský úřad Horní Dolní",
            street="Masarykovo náměstí 1",
            postcode="543 21",
            city="Horní Dolní",
            latitude="50.612340",
            longitude="15.823410",
            phone="+420 499 123 456",
            email="podatelna",
            note="Výtah u vchodu z Kostelní ulice. Matrika a občanské průkazy v přízemí.",
            hours=(
                ((MON, WED), "8:00", "17:00"),
                ((TUE, THU), "8:00", "14:00"),
                ((FRI,), "8:00", "12:00"),
            ),
            exceptions=(
                (12, 24, None, None, "Štědrý den"),
                (12, 31, "8:00", "11:00", "Silvestr – zkrácená úřední doba"),
            ),
        ),
        PlaceData(
            key="knihovna",
            name="Městská knihovna",
            street="Husova 210",
            postcode="543 21",
            city="Horní Dolní",
            latitude="50.613870",
            longitude="15.821060",
            phone="+420 499 123 490",
            email="knihovna",
            hours=(
                ((MON, WED), "9:00", "12:00"),
                ((MON, WED), "13:00", "18:00"),
                ((TUE, THU), "13:00", "18:00"),
                ((FRI,), "9:00", "12:00"),
            ),
            exceptions=((12, 24, None, None, "Štědrý den"),),
        ),
        PlaceData(
            key="sberny-dvur",
            name="Sběrný dvůr Za Nádražím",
            street="Za Nádražím 1520",
            postcode="543 21",
            city="Horní Dolní",
            latitude="50.608920",
            longitude="15.830770",
            phone="+420 499 123 499",
            note="Pro občany města zdarma po předložení občanského průkazu.",
            hours=(((WED, FRI), "13:00", "18:00"), ((SAT,), "8:00", "12:00")),
            exceptions=((12, 31, "8:00", "11:00", "Silvestr"),),
        ),
    ),
    existing={
        ("Pavel", "Horák"): ("Vedení města", "urad", "1. patro, dveře č. 101"),
        ("Eva", "Králová"): ("Kancelář tajemnice", "urad", "1. patro, dveře č. 104"),
        ("Tomáš", "Černý"): ("Odbor výstavby a územního plánování", "urad", "2. patro, č. 201"),
        ("Lucie", "Procházková"): ("Odbor správních agend", "urad", "přízemí, dveře č. 3"),
    },
    people=(
        PersonData(
            "Ing.",
            "Petr",
            "Chládek",
            "",
            "místostarosta",
            "Vedení města",
            "urad",
            "mistostarosta",
            "+420 499 123 457",
            room="1. patro, dveře č. 102",
        ),
        PersonData(
            "Bc.",
            "Kateřina",
            "Šťastná",
            "",
            "referentka stavebního úřadu",
            "Odbor výstavby a územního plánování",
            "urad",
            "stastna",
            "+420 499 123 471",
            room="2. patro, dveře č. 203",
            office_hours="po a st 8:00–17:00",
        ),
        PersonData(
            "",
            "Martin",
            "Řezníček",
            "",
            "referent územního plánování",
            "Odbor výstavby a územního plánování",
            "urad",
            "reznicek",
            "+420 499 123 472",
            room="2. patro, dveře č. 204",
        ),
        PersonData(
            "",
            "Jaroslav",
            "Bartoš",
            "",
            "referent evidence obyvatel a občanských průkazů",
            "Odbor správních agend",
            "urad",
            "bartos",
            "+420 499 123 461",
            room="přízemí, dveře č. 4",
        ),
        PersonData(
            "Ing.",
            "Jitka",
            "Žáková",
            "",
            "vedoucí finančního odboru",
            "Finanční odbor",
            "urad",
            "zakova",
            "+420 499 123 480",
            room="1. patro, dveře č. 110",
        ),
        PersonData(
            "",
            "Simona",
            "Cibulková",
            "",
            "účetní, místní poplatky",
            "Finanční odbor",
            "urad",
            "poplatky",
            "+420 499 123 481",
            room="1. patro, dveře č. 111",
            office_hours="pokladna: po a st 8:00–11:30 a 12:30–17:00",
        ),
        PersonData(
            "",
            "Roman",
            "Hrubý",
            "",
            "referent odpadového hospodářství",
            "Odbor životního prostředí",
            "sberny-dvur",
            "hruby",
            "+420 499 123 485",
            mobile="+420 725 310 884",
        ),
        PersonData(
            "Mgr.",
            "Ivana",
            "Čermáková",
            "",
            "vedoucí knihovny",
            "Městská knihovna",
            "knihovna",
            "knihovna",
            "+420 499 123 490",
        ),
    ),
)

PRAHA_99_CONTACTS = TownContacts(
    intro=(
        "<p>Úřední dny úřadu městské části jsou pondělí a středa. Na vybrané agendy se "
        "můžete objednat; kontakty na úředníky najdete podle odboru i podle příjmení.</p>"
    ),
    departments=(
        ("Vedení městské části", 10),
        ("Kancelář tajemníka", 20),
        ("Sociální odbor", 30),
        ("Odbor dopravy a životního prostředí", 40),
        ("Odbor občanskosprávní", 50),
        ("Komunitní centrum Sluneční", 60),
    ),
    places=(
        PlaceData(
            key="urad",
            name="Úřad městské části Praha 99",
            street="Náměstí Svobody 99",
            postcode="199 00",
            city="Praha",
            latitude="50.121450",
            longitude="14.512870",
            phone="+420 222 099 099",
            email="podatelna",
            note="Podatelna a pokladna v přízemí, bezbariérový vstup hlavním vchodem.",
            hours=(
                ((MON, WED), "8:00", "12:00"),
                ((MON, WED), "13:00", "18:00"),
                ((TUE, THU), "8:00", "12:00"),
            ),
            exceptions=((12, 24, None, None, "Štědrý den"),),
        ),
        PlaceData(
            key="knihovna",
            name="Knihovna v Komunitním centru Sluneční",
            street="Sluneční 12",
            postcode="199 00",
            city="Praha",
            latitude="50.124810",
            longitude="14.518320",
            phone="+420 222 099 160",
            email="knihovna",
            hours=(
                ((MON, WED), "12:00", "19:00"),
                ((TUE, THU), "10:00", "18:00"),
                ((FRI,), "10:00", "16:00"),
                ((SAT,), "9:00", "12:00"),
            ),
            exceptions=((12, 31, "10:00", "14:00", "Silvestr – zkrácená otevírací doba"),),
        ),
        PlaceData(
            key="sberny-dvur",
            name="Sběrný dvůr Průmyslová",
            street="Průmyslová 7",
            postcode="199 00",
            city="Praha",
            latitude="50.117630",
            longitude="14.526040",
            phone="+420 222 099 170",
            note="Pro obyvatele hlavního města Prahy zdarma, stavební suť za poplatek.",
            hours=((WORKDAYS, "8:30", "18:00"), ((SAT,), "8:30", "15:00")),
            exceptions=((12, 24, None, None, "Štědrý den"),),
        ),
    ),
    existing={
        ("Martina", "Veselá"): ("Vedení městské části", "urad", "2. patro, dveře č. 201"),
        ("Karel", "Marek"): ("Kancelář tajemníka", "urad", "2. patro, dveře č. 210"),
        ("Jana", "Pokorná"): ("Sociální odbor", "urad", "1. patro, dveře č. 115"),
    },
    people=(
        PersonData(
            "Mgr.",
            "Ondřej",
            "Chmelař",
            "",
            "místostarosta pro dopravu a životní prostředí",
            "Vedení městské části",
            "urad",
            "chmelar",
            room="2. patro, dveře č. 203",
        ),
        PersonData(
            "PhDr.",
            "Helena",
            "Šebestová",
            "",
            "vedoucí sociálního odboru",
            "Sociální odbor",
            "urad",
            "sebestova",
            "+420 222 099 121",
            room="1. patro, dveře č. 112",
        ),
        PersonData(
            "Bc.",
            "Radka",
            "Kučerová",
            "DiS.",
            "sociální pracovnice, dluhové poradenství",
            "Sociální odbor",
            "urad",
            "kucerova",
            "+420 222 099 122",
            mobile="+420 736 504 219",
            office_hours="po a st 8:00–18:00, út a čt po objednání",
        ),
        PersonData(
            "Ing.",
            "David",
            "Řezáč",
            "",
            "vedoucí odboru dopravy a životního prostředí",
            "Odbor dopravy a životního prostředí",
            "urad",
            "rezac",
            "+420 222 099 140",
        ),
        PersonData(
            "",
            "Tereza",
            "Čížková",
            "",
            "referentka odboru dopravy, parkovací oprávnění",
            "Odbor dopravy a životního prostředí",
            "urad",
            "cizkova",
            "+420 222 099 141",
        ),
        PersonData(
            "Bc.",
            "Michaela",
            "Žilková",
            "",
            "matrikářka",
            "Odbor občanskosprávní",
            "urad",
            "matrika",
            "+420 222 099 130",
            room="přízemí, dveře č. 12",
        ),
        PersonData(
            "",
            "Lukáš",
            "Urban",
            "",
            "referent evidence obyvatel",
            "Odbor občanskosprávní",
            "urad",
            "urban",
            "+420 222 099 131",
            room="přízemí, dveře č. 14",
        ),
        PersonData(
            "Mgr.",
            "Barbora",
            "Nováčková",
            "",
            "vedoucí knihovny a komunitního centra",
            "Komunitní centrum Sluneční",
            "knihovna",
            "knihovna",
            "+420 222 099 160",
        ),
        PersonData(
            "",
            "Filip",
            "Adámek",
            "",
            "správce sběrného dvora",
            "Odbor dopravy a životního prostředí",
            "sberny-dvur",
            "",
            "+420 222 099 170",
        ),
    ),
)

CONTACTS_BY_ICO = {
    LHOTA.ico: (LHOTA, LHOTA_CONTACTS),
    HORNI_DOLNI.ico: (HORNI_DOLNI, HORNI_DOLNI_CONTACTS),
    PRAHA_99.ico: (PRAHA_99, PRAHA_99_CONTACTS),
}

DIRECTORY_SLUG = "kontakty"


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


def _build_place(municipality, data, today):
    place = _sync(
        Place,
        {"municipality": municipality, "name": data.name},
        {
            "street": data.street,
            "postcode": data.postcode,
            "city": data.city,
            "latitude": Decimal(data.latitude),
            "longitude": Decimal(data.longitude),
            "phone": data.phone,
            "email": _email(data.email, municipality),
            "note": data.note,
            "is_office": data.key == "urad",  # the town hall: its hours go to the footer
        },
    )
    for weekdays, opens, closes in data.hours:
        for weekday in weekdays:
            PlaceOpeningHours.objects.get_or_create(
                place=place, weekday=weekday, opens=_time(opens), defaults={"closes": _time(closes)}
            )
    for month, day, opens, closes, note in data.exceptions:
        _sync(
            PlaceHoursException,
            {"place": place, "date": _next_date(month, day, today), "note": note},
            {"closed": opens is None, "opens": _time(opens), "closes": _time(closes)},
        )
    return place


def _demo_data(municipality):
    town, contacts = CONTACTS_BY_ICO.get(municipality.ico, (LHOTA, LHOTA_CONTACTS))
    return town, contacts


@transaction.atomic
def build_demo(municipality):
    """Departments, people, places and the ``/kontakty/`` page of one municipality."""
    town, contacts = _demo_data(municipality)
    today = timezone.localdate()
    departments = {
        name: _sync(Department, {"municipality": municipality, "name": name}, {"order": order})
        for name, order in contacts.departments
    }
    places = {data.key: _build_place(municipality, data, today) for data in contacts.places}

    builder_domain = town.hostname
    for title_before, first, last, title_after, position, email, phone in town.people:
        if (first, last) not in contacts.existing:
            continue
        department, place_key, room = contacts.existing[(first, last)]
        person, _created = Person.objects.get_or_create(
            municipality=municipality,
            first_name=first,
            last_name=last,
            defaults={
                "title_before": title_before,
                "title_after": title_after,
                "position": position,
                "email": email.replace(builder_domain, municipality.hostname),
                "phone": phone,
            },
        )
        _sync(
            Person,
            {"pk": person.pk},
            {"department": departments[department], "place": places[place_key], "room": room},
        )

    for data in contacts.people:
        _sync(
            Person,
            {
                "municipality": municipality,
                "first_name": data.first_name,
                "last_name": data.last_name,
            },
            {
                "title_before": data.title_before,
                "title_after": data.title_after,
                "position": data.position,
                "department": departments[data.department],
                "place": places[data.place] if data.place else None,
                "email": _email(data.email, municipality),
                "phone": data.phone,
                "mobile": data.mobile,
                "room": data.room,
                "office_hours": data.office_hours,
            },
        )

    return _build_directory_page(municipality, contacts)


def _build_directory_page(municipality, contacts):
    home = municipality.site.root_page.specific
    existing = home.get_children().filter(slug=DIRECTORY_SLUG).first()
    if existing is not None:
        return existing.specific
    page = DirectoryPage(title="Kontakty", slug=DIRECTORY_SLUG, intro=contacts.intro)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
