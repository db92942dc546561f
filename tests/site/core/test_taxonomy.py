"""Town taxonomies (notice, event and news types): one model, one slug policy, one admin menu."""

import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from radnice.board.models import NoticeType
from radnice.core.taxonomy import fill_blank_slugs
from radnice.events.models import EventType
from radnice.news.models import NewsType

TAXONOMIES = [NoticeType, EventType, NewsType]


def admin_menu_items(client):
    """{label: [sub-item labels]} of the admin sidebar, which Wagtail renders as JSON props."""
    html = client.get(reverse("wagtailadmin_home"), HTTP_HOST="alfa.test").content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    menu = {}

    def walk(node, into):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type", "").endswith("SubMenuItem"):
                item, children = args
                into[item["label"]] = labels = []
                for child in children:
                    walk(child, labels)
                return
            if node.get("_type", "").endswith("LinkMenuItem"):
                if isinstance(into, list):
                    into.append(args[0]["label"])
                return
            for value in node.values():
                walk(value, into)
        elif isinstance(node, list):
            for value in node:
                walk(value, into)

    walk(json.loads(props.group(1)), menu)
    return menu


@pytest.mark.django_db
def test_editor_finds_the_three_taxonomies_under_one_menu(client_a):
    menu = admin_menu_items(client_a)
    assert menu["Číselníky"] == ["Typy akcí", "Typy aktualit", "Typy oznámení"]


# --- the one slug policy ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", TAXONOMIES)
def test_slug_is_made_from_the_czech_name_and_stays_on_rename(model, town_a):
    term = model.objects.create(municipality=town_a, name="Životní prostředí a ČOV")
    assert term.slug == "zivotni-prostredi-a-cov"
    term.name = "Příroda"
    term.full_clean()
    term.save()
    term.refresh_from_db()
    assert term.slug == "zivotni-prostredi-a-cov"


@pytest.mark.django_db
@pytest.mark.parametrize("model", TAXONOMIES)
def test_slug_is_unique_per_town_and_code_takes_the_next_free_one(model, town_a, town_b):
    first = model.objects.create(municipality=town_a, name="Kultura")
    second = model.objects.create(municipality=town_a, name="Kultura")
    elsewhere = model.objects.create(municipality=town_b, name="Kultura")
    assert [first.slug, second.slug, elsewhere.slug] == ["kultura", "kultura-2", "kultura"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", TAXONOMIES)
def test_editor_is_told_the_slug_is_taken_in_the_town(model, town_a, town_b):
    model.objects.create(municipality=town_a, name="Kultura")
    model(municipality=town_b, name="Kultura").full_clean()  # another town: fine
    with pytest.raises(ValidationError) as error:
        model(municipality=town_a, name="Kultura").full_clean()
    assert error.value.message_dict["slug"] == [
        "Zkratku „kultura“ už v této obci má položka „Kultura“. "
        "Zadejte jinou zkratku nebo jiný název."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", TAXONOMIES)
def test_a_name_without_letters_needs_a_slug_from_the_editor(model, town_a):
    with pytest.raises(ValidationError) as error:
        model(municipality=town_a, name="???").full_clean()
    assert "Z názvu nelze zkratku vytvořit" in error.value.message_dict["slug"][0]
    assert model.objects.create(municipality=town_a, name="???").slug == "typ"


# --- the data migrations give the terms saved without a slug their slug --------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", TAXONOMIES)
def test_data_migration_gives_a_slug_only_to_terms_without_one(model, town_a, town_b):
    kept = model.objects.create(municipality=town_a, name="Doprava", slug="silnice")
    blank = model.objects.create(municipality=town_a, name="Životní prostředí")
    # One blank slug per town at most: the slug was unique per town before, too.
    nameless = model.objects.create(municipality=town_b, name="!!!")
    model.objects.filter(pk__in=[blank.pk, nameless.pk]).update(slug="")
    fill_blank_slugs(model._meta.app_label, model._meta.model_name)(apps, None)
    assert dict(model.objects.values_list("name", "slug")) == {
        "Doprava": "silnice",
        "Životní prostředí": "zivotni-prostredi",
        "!!!": "typ",
    }
    assert kept.pk in model.objects.values_list("pk", flat=True)
