"""The payment shop's demo: Lhota's town hall and primary school, built twice to no change."""

import datetime

import pytest
from django.forms.models import model_to_dict

from modules.payments.demo import build_demo
from modules.payments.models import PayerField, PaymentSettings, PriceTier, Product
from municipalities.demo.towns import DEMO_TOWNS
from municipalities.models import ModuleRoleAssignment, TownOrganisation

pytestmark = pytest.mark.django_db

MODELS = (TownOrganisation, PaymentSettings, Product, PriceTier, PayerField, ModuleRoleAssignment)


def snapshot():
    return {
        model.__name__: sorted(
            (record.pk, repr(sorted(model_to_dict(record).items())))
            for record in model.objects.all()
        )
        for model in MODELS
    }


def test_lhota_has_the_module_on():
    lhota = next(town for town in DEMO_TOWNS if town.name == "Lhota pod Lesem")
    assert "payments" in lhota.modules


def test_the_demo_builds_the_town_hall_and_the_school(town_a, editor_a):
    today = datetime.date(2026, 3, 2)
    organisations = build_demo(town_a, today=today)
    assert set(organisations) == {
        "Obecní úřad Lhota pod Lesem",
        "Základní škola a mateřská škola Lhota pod Lesem",
    }
    products = {product.slug: product for product in Product.objects.filter(municipality=town_a)}
    assert set(products) == {
        "poplatek-ze-psa",
        "poplatek-za-odpad",
        "kopie-dokumentu",
        "skolni-vylet-kutna-hora",
    }
    dog_fee = products["poplatek-ze-psa"]
    assert dog_fee.price == 20000
    assert "Číslo čipu psa" in [field.label for field in dog_fee.payer_fields.all()]
    waste = products["poplatek-za-odpad"]
    assert waste.price is None
    assert [(tier.label, tier.price) for tier in waste.price_tiers.all()] == [
        ("Přihlášená osoba", 75000),
        ("Dítě do 15 let", 37500),
        ("Stavba k rodinné rekreaci", 75000),
    ]
    trip = products["skolni-vylet-kutna-hora"]
    assert trip.stock_limit == 40
    assert trip.organisation.kind == "skola"
    assert (trip.available_from, trip.available_until) == (
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 23),
    )
    assert trip.is_available(today)
    grade = trip.payer_fields.get(label="Třída žáka")
    assert grade.kind == "choice" and grade.choice_list()[0] == "1. třída"
    office = PaymentSettings.objects.get(organisation=dog_fee.organisation)
    assert office.iban == "CZ6508000000192000145399"
    assert office.gateway == "dummy"
    # the town's editors manage the school's catalogue
    assert ModuleRoleAssignment.objects.filter(
        user=editor_a, role="spravce_organizace", organisation=trip.organisation
    ).exists()
    for record in Product.objects.all():
        record.full_clean()


def test_a_second_run_changes_nothing(town_a, editor_a):
    today = datetime.date(2026, 3, 2)
    build_demo(town_a, today=today)
    before = snapshot()
    build_demo(town_a, today=today)
    assert snapshot() == before


def test_a_changed_tier_list_is_brought_back_to_the_data(town_a):
    build_demo(town_a)
    waste = Product.objects.get(slug="poplatek-za-odpad")
    waste.price_tiers.filter(label="Dítě do 15 let").delete()
    PriceTier.objects.create(product=waste, label="Navíc", price=100, sort_order=9)
    build_demo(town_a)
    assert [tier.label for tier in waste.price_tiers.all()] == [
        "Přihlášená osoba",
        "Dítě do 15 let",
        "Stavba k rodinné rekreaci",
    ]
