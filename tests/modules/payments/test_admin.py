"""The office side of the payment shop: products and payment settings under "Platby".

A town's administrators work with every organisation's records, a "Správce organizace" only
with their organisation's, another town's staff with none, whatever id they type.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from modules.payments.models import PaymentSettings, PriceTier, Product
from municipalities.models import MunicipalityRole
from municipalities.references import REFUSED
from municipalities.registry import RoleScope, get_module

from ...factories import make_member

pytestmark = pytest.mark.django_db

PRODUCTS, SETTINGS = "payments_products", "payments_settings"
A, B = "alfa.test", "beta.test"
FIO_TOKEN = "a1B2" * 16


def url(viewset, view, *args):
    return reverse(f"{viewset}:{view}", args=args)


def get(client, viewset, view, *args, host=A):
    return client.get(url(viewset, view, *args), HTTP_HOST=host)


def product_data(municipality, organisation, **changes):
    data = {
        "municipality": municipality.pk,
        "organisation": organisation.pk,
        "name": "Kroužek keramiky",
        "slug": "",
        "description": "Pololetní kurzovné.",
        "price": "1 200",
        "max_quantity": "1",
        "available_from": "",
        "available_until": "",
        "stock_limit": "",
        "constant_symbol": "0308",
        "specific_symbol": "",
        "accounting_code": "",
        "is_active": "on",
    }
    data.update(inline("price_tiers", changes.pop("price_tiers", [])))
    data.update(inline("payer_fields", changes.pop("payer_fields", [])))
    data.update(changes)
    return data


def inline(relation, rows):
    data = {
        f"{relation}-TOTAL_FORMS": str(len(rows)),
        f"{relation}-INITIAL_FORMS": "0",
        f"{relation}-MIN_NUM_FORMS": "0",
        f"{relation}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{relation}-{index}-{key}": value for key, value in row.items()})
        data.update({f"{relation}-{index}-ORDER": str(index + 1), f"{relation}-{index}-DELETE": ""})
    return data


def settings_data(municipality, organisation, **changes):
    return {
        "municipality": municipality.pk,
        "organisation": organisation.pk,
        "account": "19-2000145399/0800",
        "gateway": "none",
        "merchant_id": "",
        "api_secret": "",
        "fio_token": "",
        "is_active": "on",
        **changes,
    }


def listed(response):
    return {
        obj.name if hasattr(obj, "name") else str(obj) for obj in response.context["object_list"]
    }


# --- the town's administrators -----------------------------------------------------------------


def test_the_administrator_lists_and_edits_every_organisations_products(client, admin_a, catalogue):
    client.force_login(admin_a)
    response = get(client, PRODUCTS, "index")
    assert response.status_code == 200
    assert listed(response) == {"Poplatek ze psa", "Poplatek za odpad", "Školní výlet"}
    html = response.content.decode()
    assert "200,00\xa0Kč" in html  # the dog fee, the Czech way
    assert "od 375,00\xa0Kč" in html  # the waste fee's lowest tier
    for product in ("dog_fee", "trip"):
        assert get(client, PRODUCTS, "edit", catalogue[product].pk).status_code == 200
    settings = get(client, SETTINGS, "index")
    assert listed(settings) == {"Úřad Alfa", "ZŠ Alfa"}
    assert "CZ65 0800 0000 1920 0014 5399" in settings.content.decode()


def test_the_administrator_adds_a_product_with_tiers_and_payer_fields(
    client, admin_a, town_a, school_a
):
    client.force_login(admin_a)
    data = product_data(
        town_a,
        school_a,
        price="",
        price_tiers=[
            {"label": "Dítě", "price": "1 200,50"},
            {"label": "Sourozenec", "price": "900"},
        ],
        payer_fields=[
            {
                "label": "Třída žáka",
                "kind": "choice",
                "choices": "1. A\n 1. B \n\n",
                "required": "on",
            },
            {"label": "Číslo čipu psa", "kind": "text", "choices": "", "help_text": "15 číslic"},
        ],
    )
    response = client.post(url(PRODUCTS, "add"), data, HTTP_HOST=A)
    assert response.status_code == 302
    product = Product.objects.get(name="Kroužek keramiky")
    assert product.slug == "krouzek-keramiky"
    assert product.price is None
    assert [(t.label, t.price) for t in product.price_tiers.all()] == [
        ("Dítě", 120050),
        ("Sourozenec", 90000),
    ]
    fields = list(product.payer_fields.all())
    assert [(f.label, f.kind, f.required) for f in fields] == [
        ("Třída žáka", "choice", True),
        ("Číslo čipu psa", "text", False),
    ]
    assert fields[0].choice_list() == ["1. A", "1. B"]


def test_the_add_form_speaks_czech(client, admin_a, town_a, town_hall_a):
    client.force_login(admin_a)
    html = get(client, PRODUCTS, "add").content.decode()
    assert "Přidat cenovou hladinu" in html
    assert "Cenová hladina" in html  # each tier's own heading stays in the nominative
    assert "Přidat údaj plátce" in html
    assert "Přidat produkt" in get(client, PRODUCTS, "index").content.decode()


def test_the_search_finds_only_products_the_user_reaches(
    client, admin_a, school_manager, catalogue
):
    client.force_login(admin_a)
    search = url(PRODUCTS, "index")
    assert listed(client.get(search, {"q": "poplatek"}, HTTP_HOST=A)) == {
        "Poplatek ze psa",
        "Poplatek za odpad",
    }
    client.force_login(school_manager)
    assert listed(client.get(search, {"q": "poplatek"}, HTTP_HOST=A)) == set()
    assert listed(client.get(search, {"q": "výlet"}, HTTP_HOST=A)) == {"Školní výlet"}


def test_the_product_listing_costs_the_same_queries_for_more_products(
    client, admin_a, town_a, town_hall_a, school_a, catalogue
):
    client.force_login(admin_a)

    def queries_of_listing():
        with CaptureQueriesContext(connection) as queries:
            assert get(client, PRODUCTS, "index").status_code == 200
        return len(queries)

    queries_of_listing()  # the first request fills per-process caches
    before = queries_of_listing()
    for number in range(4):
        organisation = (town_hall_a, school_a)[number % 2]
        product = Product.objects.create(
            municipality=town_a,
            organisation=organisation,
            name=f"Další {number}",
            slug=f"d{number}",
        )
        PriceTier.objects.create(product=product, label="Dítě", price=100)
    assert queries_of_listing() == before


# --- validation -------------------------------------------------------------------------------


def post_product(client, town, organisation, **changes):
    response = client.post(
        url(PRODUCTS, "add"), product_data(town, organisation, **changes), HTTP_HOST=A
    )
    assert response.status_code == 200
    assert not Product.objects.filter(name="Kroužek keramiky").exists()
    return response.context["form"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"available_from": "2026-05-10", "available_until": "2026-05-01"},
            "available_until",
            "Prodej nemůže skončit (1. 5. 2026) dřív, než začne (10. 5. 2026).",
        ),
        (
            {"price_tiers": [{"label": "Dítě", "price": "100"}]},
            "price",
            "Zadejte buď pevnou cenu, nebo cenové hladiny, ne obojí.",
        ),
        (
            {"price": ""},
            "price",
            "Zadejte pevnou cenu, nebo přidejte alespoň jednu cenovou hladinu.",
        ),
        ({"price": "0"}, "price", "Cena musí být větší než 0 Kč."),
        (
            {"stock_limit": "40", "max_quantity": "41"},
            "max_quantity",
            "Objednávka nemůže mít víc kusů (41), než je kusů nebo míst celkem (40).",
        ),
        (
            {"constant_symbol": "03a8"},
            "constant_symbol",
            "Konstantní symbol má jen číslice, nejvýše 4 (např. 0308).",
        ),
        (
            {"specific_symbol": "12-34"},
            "specific_symbol",
            "Specifický symbol má jen číslice, nejvýše 10.",
        ),
        ({"slug": "pes"}, "slug", "Adresu „pes“ už má jiný produkt obce; zvolte jinou."),
    ],
)
def test_a_product_is_refused_with_a_czech_message_at_its_field(
    client, admin_a, town_a, school_a, catalogue, changes, field, message
):
    client.force_login(admin_a)
    form = post_product(client, town_a, school_a, **changes)
    assert message in form.errors[field]


def test_a_choice_without_options_is_refused_at_the_payer_field(client, admin_a, town_a, school_a):
    client.force_login(admin_a)
    form = post_product(
        client,
        town_a,
        school_a,
        payer_fields=[{"label": "Třída žáka", "kind": "choice", "choices": "1. A"}],
    )
    errors = form.formsets["payer_fields"].forms[0].errors["choices"]
    assert errors == [
        "U výběru ze seznamu zadejte alespoň dvě možnosti, každou na samostatném řádku."
    ]


def test_options_of_a_field_that_is_no_choice_are_refused(client, admin_a, town_a, school_a):
    client.force_login(admin_a)
    form = post_product(
        client,
        town_a,
        school_a,
        payer_fields=[{"label": "Jméno", "kind": "text", "choices": "a\nb"}],
    )
    assert form.formsets["payer_fields"].forms[0].errors["choices"] == [
        "Možnosti se zadávají jen u odpovědi „výběr ze seznamu“."
    ]


def test_a_tier_of_no_price_is_refused_at_the_tier(client, admin_a, town_a, school_a):
    client.force_login(admin_a)
    form = post_product(
        client, town_a, school_a, price="", price_tiers=[{"label": "Dítě", "price": "0"}]
    )
    assert form.formsets["price_tiers"].forms[0].errors["price"] == [
        "Cena musí být větší než 0 Kč."
    ]


def test_an_organisation_has_one_set_of_payment_settings(client, admin_a, town_a, catalogue):
    client.force_login(admin_a)
    school = catalogue["settings"]["school"].organisation
    response = client.post(url(SETTINGS, "add"), settings_data(town_a, school), HTTP_HOST=A)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "Tato organizace už platební údaje má; upravte je v jejich seznamu."
    ]


def test_an_account_failing_the_modulo_11_check_is_refused(client, admin_a, town_a, school_a):
    client.force_login(admin_a)
    data = settings_data(town_a, school_a, account="19-2000145398/0800")
    response = client.post(url(SETTINGS, "add"), data, HTTP_HOST=A)
    assert response.status_code == 200
    assert "modulo 11" in " ".join(response.context["form"].errors["account"])
    assert not PaymentSettings.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gateway": "gopay"}, "merchant_id", "Pro platební bránu zadejte číslo obchodníka."),
        (
            {"gateway": "comgate", "merchant_id": "123456"},
            "api_secret",
            "Pro platební bránu Comgate zadejte její tajný klíč.",
        ),
        (
            {"fio_token": FIO_TOKEN},
            "fio_token",
            "Token Fio API patří jen k účtu u Fio banky (kód banky 2010); účet "
            "19-2000145399/0800 je u banky 0800.",
        ),
        (
            {"account": "2000145399/2010", "fio_token": "kratky"},
            "fio_token",
            "Token Fio API má 64 písmen a číslic; zadaný má 6 znaků.",
        ),
    ],
)
def test_payment_settings_are_refused_with_a_czech_message_at_the_field(
    client, admin_a, town_a, school_a, changes, field, message
):
    client.force_login(admin_a)
    response = client.post(
        url(SETTINGS, "add"), settings_data(town_a, school_a, **changes), HTTP_HOST=A
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not PaymentSettings.objects.exists()


# --- secrets ----------------------------------------------------------------------------------


def test_the_gateway_secret_and_the_fio_token_are_stored_encrypted_and_never_shown(
    client, admin_a, town_a, school_a
):
    client.force_login(admin_a)
    data = settings_data(
        town_a,
        school_a,
        account="2000145399/2010",
        gateway="gopay",
        merchant_id="8123456789",
        api_secret="tajne-heslo-brany",
        fio_token=FIO_TOKEN,
    )
    assert client.post(url(SETTINGS, "add"), data, HTTP_HOST=A).status_code == 302
    settings = PaymentSettings.objects.get()
    assert settings.iban == "CZ9320100000002000145399"
    assert (settings.api_secret, settings.fio_token) == ("tajne-heslo-brany", FIO_TOKEN)
    with connection.cursor() as cursor:
        cursor.execute("SELECT api_secret, fio_token FROM payments_paymentsettings")
        stored = " ".join(cursor.fetchone())
    assert "tajne-heslo-brany" not in stored and FIO_TOKEN not in stored

    edit = get(client, SETTINGS, "edit", settings.pk)
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "tajne-heslo-brany" not in html and FIO_TOKEN not in html
    assert "CZ9320100000002000145399" in html  # the derived IBAN is shown

    # Blank inputs keep the secrets; a refused form does not echo a newly typed one either.
    kept = {**data, "api_secret": "", "fio_token": "", "is_active": ""}
    assert client.post(url(SETTINGS, "edit", settings.pk), kept, HTTP_HOST=A).status_code == 302
    settings.refresh_from_db()
    assert (settings.api_secret, settings.fio_token, settings.is_active) == (
        "tajne-heslo-brany",
        FIO_TOKEN,
        False,
    )
    refused = {**kept, "api_secret": "nove-heslo-brany", "merchant_id": ""}
    response = client.post(url(SETTINGS, "edit", settings.pk), refused, HTTP_HOST=A)
    assert response.status_code == 200
    html = response.content.decode()
    assert "nove-heslo-brany" not in html and "tajne-heslo-brany" not in html


# --- the organisation's manager ---------------------------------------------------------------


def test_the_organisation_manager_sees_and_edits_only_their_organisations_records(
    client, school_manager, catalogue
):
    client.force_login(school_manager)
    response = get(client, PRODUCTS, "index")
    assert response.status_code == 200
    assert listed(response) == {"Školní výlet"}
    assert get(client, PRODUCTS, "edit", catalogue["trip"].pk).status_code == 200
    assert listed(get(client, SETTINGS, "index")) == {"ZŠ Alfa"}
    assert get(client, SETTINGS, "edit", catalogue["settings"]["school"].pk).status_code == 200
    for view in ("edit", "delete"):
        for product in ("dog_fee", "waste_fee", "foreign"):
            target = url(PRODUCTS, view, catalogue[product].pk)
            assert client.get(target, HTTP_HOST=A).status_code == 404, (view, product)
            assert client.post(target, {}, HTTP_HOST=A).status_code == 404, (view, product)
    for settings in ("town_hall", "b"):
        target = url(SETTINGS, "edit", catalogue["settings"][settings].pk)
        assert client.get(target, HTTP_HOST=A).status_code == 404
    assert Product.objects.count() == 4


def test_the_organisation_manager_files_products_only_under_their_organisation(
    client, school_manager, town_a, town_hall_a, school_a, catalogue
):
    client.force_login(school_manager)
    form = get(client, PRODUCTS, "add").context["form"]
    assert list(form.fields["organisation"].queryset) == [school_a]
    response = client.post(url(PRODUCTS, "add"), product_data(town_a, town_hall_a), HTTP_HOST=A)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [str(REFUSED)]
    # nor move their product to the town hall
    trip = catalogue["trip"]
    data = product_data(town_a, town_hall_a, name=trip.name, slug=trip.slug)
    response = client.post(url(PRODUCTS, "edit", trip.pk), data, HTTP_HOST=A)
    assert response.status_code == 200
    trip.refresh_from_db()
    assert trip.organisation == school_a
    assert (
        client.post(url(PRODUCTS, "add"), product_data(town_a, school_a), HTTP_HOST=A).status_code
        == 302
    )
    assert Product.objects.get(name="Kroužek keramiky").organisation == school_a


def test_the_organisation_manager_may_not_delete_payment_settings(
    client, school_manager, catalogue
):
    client.force_login(school_manager)
    target = url(SETTINGS, "delete", catalogue["settings"]["school"].pk)
    assert client.post(target, {}, HTTP_HOST=A).status_code == 302
    assert PaymentSettings.objects.filter(pk=catalogue["settings"]["school"].pk).exists()


def test_an_editor_without_the_role_has_no_payments_admin(client, editor_a, catalogue):
    client.force_login(editor_a)
    for viewset in (PRODUCTS, SETTINGS):
        assert get(client, viewset, "index").status_code == 302
    # the scope reaches none of the town's products for them: no object, not "forbidden"
    assert get(client, PRODUCTS, "edit", catalogue["dog_fee"].pk).status_code == 404


# --- another town -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [MunicipalityRole.ADMINISTRATOR, MunicipalityRole.EDITOR])
def test_another_towns_staff_cannot_list_open_edit_or_delete(client, town_b, catalogue, role):
    client.force_login(make_member(town_b, role))
    if role == MunicipalityRole.ADMINISTRATOR:
        assert listed(get(client, PRODUCTS, "index", host=B)) == {"Poplatek Beta"}
        assert listed(get(client, SETTINGS, "index", host=B)) == {"Úřad Beta"}
    records = [(PRODUCTS, catalogue[name].pk) for name in ("dog_fee", "waste_fee", "trip")] + [
        (SETTINGS, catalogue["settings"][name].pk) for name in ("town_hall", "school")
    ]
    for viewset, pk in records:
        for view in ("edit", "delete"):
            target = url(viewset, view, pk)
            assert client.get(target, HTTP_HOST=B).status_code == 404, (viewset, view)
            assert client.post(target, {}, HTTP_HOST=B).status_code == 404, (viewset, view)
    assert Product.objects.count() == 4 and PaymentSettings.objects.count() == 3


def test_another_towns_administrator_cannot_file_under_the_towns_organisation(
    client, town_b, school_a, office_b
):
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    response = client.post(url(PRODUCTS, "add"), product_data(town_b, school_a), HTTP_HOST=B)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [str(REFUSED)]
    assert "ZŠ Alfa" not in response.content.decode()
    data = settings_data(town_b, school_a)
    response = client.post(url(SETTINGS, "add"), data, HTTP_HOST=B)
    assert response.context["form"].errors["organisation"] == [str(REFUSED)]
    assert not PaymentSettings.objects.exists() and not Product.objects.exists()


# --- the module and its menu ------------------------------------------------------------------

PAYMENTS_MENU = '"name": "platby"'


def admin_menu(client, host=A):
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_module_is_declared_with_its_role():
    module = get_module("payments")
    assert str(module.label) == "Platby"
    assert module.menu_item_names == ["platby"]
    role = module.get_role("spravce_organizace")
    assert str(role.label) == "Správce organizace"
    assert role.scope == RoleScope.ORGANISATION
    assert role.permissions["product"] == ["add", "change", "delete", "view"]


def test_only_the_towns_administrators_get_the_catalogue_permissions(town_a):
    administrator = make_member(town_a, MunicipalityRole.ADMINISTRATOR, email="s@alfa.cz")
    assert administrator.has_perm("payments.delete_product")
    assert administrator.has_perm("payments.change_paymentsettings")
    for role in (MunicipalityRole.EDITOR, MunicipalityRole.MODERATOR):
        user = make_member(town_a, role, email=f"{role}@alfa.cz")
        assert not user.has_perm("payments.view_product"), role


def test_the_menu_shows_platby_only_where_the_town_has_the_module_on(client, admin_a, town_a):
    client.force_login(admin_a)
    assert PAYMENTS_MENU not in admin_menu(client)
    town_a.enabled_modules = [*town_a.enabled_modules, "payments"]
    town_a.save(update_fields=["enabled_modules"])
    assert PAYMENTS_MENU in admin_menu(client)


def test_the_organisation_manager_sees_the_menu(client, school_manager, town_hall_a):
    client.force_login(school_manager)
    assert PAYMENTS_MENU in admin_menu(client)


def test_an_organisation_with_products_is_not_deleted_and_the_administrator_is_told_why(
    client, admin_a, catalogue
):
    client.force_login(admin_a)
    school = catalogue["trip"].organisation
    target = reverse("town_organisations:delete", args=[school.pk])
    response = client.post(target, {}, HTTP_HOST=A, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("town_organisations:index"), 302)]
    assert (
        "Organizaci „ZŠ Alfa“ nelze smazat, patří k ní záznamy modulů: produkt (1). Nejdříve je "
        "smažte, nebo je převeďte na jinou organizaci."
    ) in [str(message) for message in response.context["messages"]]
    assert Product.objects.filter(organisation=school).exists()
    assert PaymentSettings.objects.filter(organisation=school).exists()
