"""The national code lists ship with the module and keep paragraphs and items apart."""

import pytest

from modules.budget.classification import (
    item_group_name,
    item_name,
    load_classification,
    paragraph_group_name,
    paragraph_name,
)
from modules.budget.models import Item, ItemGroup, Paragraph, ParagraphGroup


@pytest.mark.django_db
def test_code_lists_are_loaded_by_the_migration():
    assert Paragraph.objects.count() == 528
    assert Item.objects.count() == 562
    assert ParagraphGroup.objects.count() == 27
    assert ItemGroup.objects.count() == 16


@pytest.mark.django_db
def test_same_number_is_a_different_paragraph_and_item():
    assert Paragraph.objects.get(code=2212).name == "Silnice"
    assert Item.objects.get(code=2212).name != "Silnice"
    assert paragraph_name(6171) == "Činnost místní správy"
    assert item_name(5169) == "Nákup ostatních služeb"


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    assert load_classification() == {"ParagraphGroup": 0, "Paragraph": 0, "ItemGroup": 0, "Item": 0}


@pytest.mark.django_db
def test_names_of_unknown_codes_and_groups():
    assert paragraph_name(9999) == "Paragraf 9999"
    assert paragraph_group_name(61).startswith("Státní moc")
    assert paragraph_group_name(0) == "Příjmy bez odvětvového třídění"
    assert item_group_name(11).startswith("Daně z příjmů")
    # the shipped item groups cover income only
    assert item_group_name(51) == "Seskupení položek 51"
