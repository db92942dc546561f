"""The payment shop's demo: a town's organisations, their accounts and their catalogues.

``build_demo(municipality)`` makes the town hall (dog fee, waste fee with price tiers, copy of
a document) and the primary school (a school trip with 40 places and the payer field "Třída
žáka") from modules/payments/demo.yaml, and gives the town's editors the module role
"Správce organizace" for the school. Every record is found by its natural key and brought to
the data's values, so a second run on the same day changes nothing. Orders and payments
come with the shop's next parts.
"""

import datetime
from pathlib import Path

from django.db import transaction

from municipalities.demo import data
from municipalities.models import ModuleRoleAssignment, MunicipalityRole, TownOrganisation
from radnice.core.money import parse_money

from .models import PayerField, PaymentSettings, PriceTier, Product

DEMO = data.read_yaml(Path(__file__).with_name("demo.yaml"))
MODULE_NAME = "payments"
ORGANISATION_ROLE = "spravce_organizace"


@transaction.atomic
def build_demo(municipality, today=None):
    today = today or datetime.date.today()
    organisations = {}
    for entry in DEMO["organisations"]:
        organisation = ensure(
            TownOrganisation,
            {"municipality": municipality, "name": entry["name"]},
            {"kind": entry["kind"], "ico": entry["ico"]},
        )
        organisations[organisation.name] = organisation
        ensure(
            PaymentSettings,
            {"organisation": organisation},
            {"municipality": municipality, "merchant_id": "", **entry["settings"]},
        )
        for fields in entry["products"]:
            ensure_product(municipality, organisation, fields, today)
    for manager in DEMO["organisation_managers"]:
        group = municipality.group_for(MunicipalityRole(manager["town_role"]))
        for user in group.user_set.all():
            ModuleRoleAssignment.objects.get_or_create(
                municipality=municipality,
                user=user,
                module=MODULE_NAME,
                role=ORGANISATION_ROLE,
                organisation=organisations[manager["organisation"]],
            )
    return organisations


def ensure_product(municipality, organisation, fields, today):
    def day(key):
        return today + datetime.timedelta(days=fields[key]) if key in fields else None

    values = {
        "organisation": organisation,
        "name": fields["name"],
        "description": fields["description"],
        "price": parse_money(fields["price"]) if "price" in fields else None,
        "max_quantity": fields.get("max_quantity", 1),
        "stock_limit": fields.get("stock_limit"),
        "available_from": day("available_from"),
        "available_until": day("available_until"),
        "constant_symbol": fields.get("constant_symbol", ""),
        "specific_symbol": fields.get("specific_symbol", ""),
        "accounting_code": fields.get("accounting_code", ""),
    }
    product = ensure(Product, {"municipality": municipality, "slug": fields["slug"]}, values)
    tiers = [
        {"label": tier["label"], "price": parse_money(tier["price"])}
        for tier in fields.get("price_tiers", [])
    ]
    ensure_children(PriceTier, product, tiers)
    payer_fields = [
        {
            "label": field["label"],
            "kind": field["kind"],
            "choices": field.get("choices", ""),
            "required": field.get("required", True),
            "help_text": field.get("help_text", ""),
        }
        for field in fields.get("payer_fields", [])
    ]
    ensure_children(PayerField, product, payer_fields)
    return product


def ensure(model, keys, values):
    """The record with ``keys``, created or changed to ``values`` (and validated); saved only
    when something differs, so a second run writes nothing."""
    record = model.objects.filter(**keys).first() or model(**keys)
    changed = record.pk is None or any(
        getattr(record, name) != value for name, value in values.items()
    )
    if changed:
        for name, value in values.items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
    return record


def ensure_children(model, product, rows):
    """Inline children of ``product`` (found by label) as ``rows`` say, in their order."""
    labels = [row["label"] for row in rows]
    model.objects.filter(product=product).exclude(label__in=labels).delete()
    for order, row in enumerate(rows):
        ensure(model, {"product": product, "label": row["label"]}, {**row, "sort_order": order})
