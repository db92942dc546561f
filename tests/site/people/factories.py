"""Factories of the contacts directory (tests/factories.py keeps the shared PersonFactory)."""

import datetime

import factory
import wagtail_factories

from radnice.people.models import (
    Department,
    DirectoryPage,
    Place,
    PlaceHoursException,
    PlaceOpeningHours,
)


class DepartmentFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Odbor {n}")
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = Department


class PlaceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Pracoviště {n}")
    street = "Návesní 1"
    postcode = "285 01"
    city = "Lhota pod Lesem"

    class Meta:
        model = Place


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    weekday = 0
    opens = datetime.time(8, 0)
    closes = datetime.time(12, 0)

    class Meta:
        model = PlaceOpeningHours


class HoursExceptionFactory(factory.django.DjangoModelFactory):
    date = datetime.date(2025, 12, 24)
    closed = True
    note = "Štědrý den"

    class Meta:
        model = PlaceHoursException


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Kontakty"
    slug = "kontakty"

    class Meta:
        model = DirectoryPage
