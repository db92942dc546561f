"""The payment shop's catalogue in two towns: town A's town hall and school, town B's office."""

import pytest

from modules.payments.models import PayerField, PaymentSettings, PriceTier, Product
from municipalities.models import ModuleRoleAssignment, MunicipalityRole, TownOrganisation

from ...factories import make_member


def enable_payments(town):
    town.enabled_modules = [*town.enabled_modules, "payments"]
    town.save(update_fields=["enabled_modules"])


@pytest.fixture
def town_hall_a(town_a):
    enable_payments(town_a)
    return TownOrganisation.objects.create(municipality=town_a, name="Úřad Alfa", kind="urad")


@pytest.fixture
def school_a(town_a):
    return TownOrganisation.objects.create(
        municipality=town_a, name="ZŠ Alfa", kind="skola", ico="00064581"
    )


@pytest.fixture
def office_b(town_b):
    enable_payments(town_b)
    return TownOrganisation.objects.create(municipality=town_b, name="Úřad Beta", kind="urad")


@pytest.fixture
def catalogue(town_a, town_b, town_hall_a, school_a, office_b):
    """A product and the payment settings of each organisation."""
    dog_fee = Product.objects.create(
        municipality=town_a,
        organisation=town_hall_a,
        name="Poplatek ze psa",
        slug="pes",
        price=20000,
    )
    waste_fee = Product.objects.create(
        municipality=town_a, organisation=town_hall_a, name="Poplatek za odpad", slug="odpad"
    )
    PriceTier.objects.create(product=waste_fee, label="Dospělý", price=75000, sort_order=0)
    PriceTier.objects.create(product=waste_fee, label="Dítě", price=37500, sort_order=1)
    trip = Product.objects.create(
        municipality=town_a,
        organisation=school_a,
        name="Školní výlet",
        slug="vylet",
        price=65000,
        stock_limit=40,
    )
    PayerField.objects.create(
        product=trip, label="Třída žáka", kind="choice", choices="1. A\n1. B", sort_order=0
    )
    foreign = Product.objects.create(
        municipality=town_b, organisation=office_b, name="Poplatek Beta", slug="beta", price=100
    )
    settings = {
        "town_hall": PaymentSettings.objects.create(
            municipality=town_a, organisation=town_hall_a, account="19-2000145399/0800"
        ),
        "school": PaymentSettings.objects.create(
            municipality=town_a, organisation=school_a, account="2000145399/2010"
        ),
        "b": PaymentSettings.objects.create(
            municipality=town_b, organisation=office_b, account="1234567899/0100"
        ),
    }
    return {
        "dog_fee": dog_fee,
        "waste_fee": waste_fee,
        "trip": trip,
        "foreign": foreign,
        "settings": settings,
    }


@pytest.fixture
def school_manager(town_a, school_a):
    """A member of town A's staff (an editor) holding "Správce organizace" for the school."""
    user = make_member(town_a, MunicipalityRole.EDITOR, email="reditelka@zs-alfa.cz")
    ModuleRoleAssignment.objects.create(
        municipality=town_a,
        user=user,
        module="payments",
        role="spravce_organizace",
        organisation=school_a,
    )
    return user
