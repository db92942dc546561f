"""Every id-carrying field of every admin form refuses another town's records.

Found by introspection, so it cannot go stale: every page type, snippet, site setting,
module viewset and the municipality (``municipalities.references.admin_forms``); in each
form every model choice field, every field of its inline formsets, every chooser and rich
text block of its StreamFields at any depth and every rich-text field. For each one the
test posts the id of town B's record (titled with a marker) as town A's editor (town A's
administrator for settings and the municipality) through the real admin URL and asserts that
the form comes back refused, with the message at that field, nothing changed in the
database and no trace of the foreign record. A field, block or rich-text feature that
carries ids in a way this test cannot exercise fails the test instead of being skipped.
"""

import datetime
import json
from dataclasses import dataclass

import pytest
from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail import blocks
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import features as feature_registry

from municipalities.models import Municipality, MunicipalityRole
from municipalities.references import REFUSED, admin_forms, is_rich_text_field
from municipalities.roles import declared_model_permissions
from municipalities.scope import is_municipal_model, municipality_field_of
from radnice.core.bank import CzechBankAccountField, IBANField

from ..factories import make_member
from ..site.blocks.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"
ADMINISTRATOR_AREAS = {"setting"}  # and the municipality itself
# Rich-text entity types that carry a record id, and the model of that record.
ID_ENTITIES = {"LINK": Page, "DOCUMENT": get_document_model(), "IMAGE": get_image_model()}
ENTITIES_WITHOUT_IDS = {"EMBED"}  # a URL only


@dataclass(frozen=True)
class Case:
    """One id-carrying place of a form: a field, a field of an inline form, a block path."""

    kind: str  # "field", "inline", "block", "rich text field"
    field: str
    target: type  # the model whose id is posted
    inline_field: str = ""
    path: tuple = ()
    entity: str = ""  # rich text: the entity type carrying the id

    def __str__(self):
        where = ".".join([self.field, self.inline_field, *self.path]).replace("..", ".")
        return f"{where.strip('.')}{f' ({self.entity})' if self.entity else ''}"


# --- finding every id-carrying place ---------------------------------------------------------


def rich_text_entities(features):
    entities = []
    for feature in features or feature_registry.get_default_features():
        plugin = feature_registry.get_editor_plugin("draftail", feature)
        if not isinstance(plugin, EntityFeature):
            continue
        entity = plugin.data.get("type")
        if entity in ID_ENTITIES:
            entities.append(entity)
        elif entity not in ENTITIES_WITHOUT_IDS:
            pytest.fail(f"rich-text feature {feature!r} has an entity {entity!r} of unknown kind")
    return entities


def block_cases(field_name, block, path=()):
    if isinstance(block, (blocks.BaseStreamBlock, TypedTableBlock)):
        for name, child in block.child_blocks.items():
            yield from block_cases(field_name, child, (*path, name))
    elif isinstance(block, blocks.ListBlock):
        yield from block_cases(field_name, block.child_block, (*path, "*"))
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child in block.child_blocks.items():
            yield from block_cases(field_name, child, (*path, name))
    elif isinstance(block, blocks.ChooserBlock):
        yield Case("block", field_name, block.model_class, path=path)
    elif isinstance(block, blocks.RichTextBlock):
        for entity in rich_text_entities(block.features):
            yield Case("block", field_name, ID_ENTITIES[entity], path=path, entity=entity)
    elif type(block).extract_references is not blocks.Block.extract_references:
        pytest.fail(f"{field_name}: block {'.'.join(path)} carries ids in an unknown way")


def field_cases(form_class, name, field, inline=None):
    model = form_class._meta.model
    if isinstance(field, forms.ModelChoiceField):
        target = field.queryset.model
        if is_municipal_model(target) and name != "municipality":
            if inline:
                return [Case("inline", inline, target, inline_field=name)]
            return [Case("field", name, target)]
        return []
    if isinstance(field, blocks.BlockField):
        assert not inline, f"{model.__name__}: a StreamField in an inline form is not exercised"
        return list(block_cases(name, field.block))
    if is_rich_text_field(form_class, name, field):
        assert not inline, f"{model.__name__}: rich text in an inline form is not exercised"
        features = getattr(field.widget, "features", None)
        return [
            Case("rich text field", name, ID_ENTITIES[entity], entity=entity)
            for entity in rich_text_entities(features)
        ]
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # a form field that is no model field
        return []
    if model_field.is_relation and is_municipal_model(model_field.related_model):
        pytest.fail(f"{model.__name__}.{name}: an id-carrying field of an unknown form field kind")
    return []


def form_cases(form_class):
    cases = []
    for name, field in form_class.base_fields.items():
        cases.extend(field_cases(form_class, name, field))
    for relation, formset_class in getattr(form_class, "formsets", {}).items():
        child = formset_class.form
        for name, field in child.base_fields.items():
            cases.extend(field_cases(child, name, field, inline=relation))
        for nested in getattr(child, "formsets", {}).values():  # comment replies: no ids
            assert not form_cases(nested.form), f"{relation}: ids in nested formsets not exercised"
    return cases


ADMIN_FORMS = list(admin_forms())


def admin_form_id(admin_form):
    model, _form_class, area, _viewset, view = admin_form
    return f"{area}:{model._meta.label}:{view}"


# --- records of both towns ---------------------------------------------------------------


def make_record(model, town, title):
    """A saved record of ``model`` belonging to ``town``, every required field filled."""
    file_name = slugify(title)  # a foreign file's name must not show either
    if issubclass(model, get_image_model()):
        return ImageFactory(
            collection=town.collection, title=title, file__filename=f"{file_name}.jpg"
        )
    if issubclass(model, get_document_model()):
        return DocumentFactory(
            collection=town.collection, title=title, file__filename=f"{file_name}.pdf"
        )
    if model is Municipality:
        return town
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key or field.has_default():
            continue
        if field.null or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.is_relation:
            if field.related_model is Municipality:
                values[field.name] = town
            elif not issubclass(model, Page):
                values[field.name] = make_record(field.related_model, town, title)
            continue
        if field.blank and not isinstance(field, (models.DateField, models.TimeField)):
            continue
        values[field.name] = sample_value(model, field, title)
    if issubclass(model, Page):
        values.update(title=title, slug=slugify(f"{model.__name__}-{town.pk}-{title}"))
        if model.__name__ == "HomePage":
            return town.site.root_page.specific
        return town.site.root_page.add_child(instance=model(**values))
    field = municipality_field_of(model)
    if field and "__" not in field and field != "pk":
        values[field] = town
    return model.objects.create(**values)


def sample_value(model, field, title):
    if field.choices:
        return field.choices[0][0]
    # fields whose values have a form of their own (checked when saved), before CharField
    if isinstance(field, CzechBankAccountField):
        return "19-2000145399/0800"
    if isinstance(field, IBANField):
        return "CZ6508000000192000145399"
    if isinstance(field, (models.CharField, models.TextField)):
        return title[: field.max_length] if field.max_length else title
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date(2026, 1, 5)
    if isinstance(field, models.TimeField):
        return datetime.time(8, 0)
    pytest.fail(f"{model.__name__}.{field.name}: the test cannot fill a {type(field).__name__}")


def editable_record(admin_form, town_a):
    model, _form_class, area, _viewset, _view = admin_form
    if area == "setting":
        return model.for_site(town_a.site)
    return make_record(model, town_a, f"Záznam Alfy {model.__name__}")


def admin_url(admin_form, record):
    model, _form_class, area, viewset, view = admin_form
    if area == "page":
        return reverse("wagtailadmin_pages:edit", args=[record.pk])
    if area == "setting":
        return reverse(
            "wagtailsettings:edit",
            args=[model._meta.app_label, model._meta.model_name, record.site_id],
        )
    if view == "add":
        return reverse(viewset.get_url_name("add"))
    return reverse(viewset.get_url_name("edit"), args=[record.pk])


def snapshot(record):
    if isinstance(record, Page):
        record.refresh_from_db()
        return record.latest_revision_id, record.revisions.count()
    record.refresh_from_db()
    data = model_to_dict(record)
    for relation in getattr(record._meta, "child_relations", []):
        accessor = relation.get_accessor_name()
        data[accessor] = list(getattr(record, accessor).values_list("pk", flat=True))
    return data


# --- form data -------------------------------------------------------------------------------

EMPTY_CONTENTSTATE = json.dumps({"blocks": [], "entityMap": {}})


def contentstate(entity, target_id):
    if entity == "IMAGE":
        block = {"key": "img01", "type": "atomic", "depth": 0, "text": " ", "data": {}}
        block.update(inlineStyleRanges=[], entityRanges=[{"offset": 0, "length": 1, "key": 0}])
        data = {"id": target_id, "format": "fullwidth", "alt": "obrázek"}
        mutability = "IMMUTABLE"
    else:
        block = {"key": "lnk01", "type": "unstyled", "depth": 0, "text": "odkaz", "data": {}}
        block.update(inlineStyleRanges=[], entityRanges=[{"offset": 0, "length": 5, "key": 0}])
        data = {"id": target_id}
        mutability = "MUTABLE"
    entity_map = {"0": {"type": entity, "mutability": mutability, "data": data}}
    return json.dumps({"blocks": [block], "entityMap": entity_map})


def block_data(block, prefix, path, leaf_value):
    """Posted data of ``block``, holding ``leaf_value`` at ``path`` (None: off the path)."""
    on_path = path is not None
    if isinstance(block, blocks.BaseStreamBlock):
        if not on_path:
            return {f"{prefix}-count": "0"}
        data = {f"{prefix}-count": "1", f"{prefix}-0-type": path[0], f"{prefix}-0-deleted": ""}
        data.update({f"{prefix}-0-order": "0", f"{prefix}-0-id": ""})
        child = block.child_blocks[path[0]]
        data.update(block_data(child, f"{prefix}-0-value", path[1:], leaf_value))
        return data
    if isinstance(block, blocks.ListBlock):
        if not on_path:
            return {f"{prefix}-count": "0"}
        data = {f"{prefix}-count": "1", f"{prefix}-0-deleted": "", f"{prefix}-0-order": "0"}
        data[f"{prefix}-0-id"] = ""
        data.update(block_data(block.child_block, f"{prefix}-0-value", path[1:], leaf_value))
        return data
    if isinstance(block, blocks.BaseStructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            child_path = path[1:] if on_path and path and path[0] == name else None
            data.update(block_data(child, f"{prefix}-{name}", child_path, leaf_value))
        return data
    if isinstance(block, TypedTableBlock):
        data = {f"{prefix}-caption": "", f"{prefix}-column-count": "0", f"{prefix}-row-count": "0"}
        if on_path:
            column = {"type": path[0], "order": "0", "deleted": "", "heading": "Sloupec"}
            data.update({f"{prefix}-column-0-{key}": value for key, value in column.items()})
            data.update({f"{prefix}-column-count": "1", f"{prefix}-row-count": "1"})
            data.update({f"{prefix}-row-0-order": "0", f"{prefix}-row-0-deleted": ""})
            child = block.child_blocks[path[0]]
            data.update(block_data(child, f"{prefix}-cell-0-0", path[1:], leaf_value))
        return data
    if isinstance(block, blocks.RichTextBlock):
        return {prefix: leaf_value if on_path else EMPTY_CONTENTSTATE}
    if on_path:
        return {prefix: leaf_value}
    return {prefix: ""}


def field_data(form, name, field, prefix=""):
    """What the admin would post for a field that is not under test: its current value."""
    html_name = f"{prefix}{name}"
    if isinstance(field, blocks.BlockField):
        return block_data(field.block, html_name, None, None)
    value = form.get_initial_for_field(field, name)
    if is_rich_text_field(form, name, field):
        return {html_name: field.widget.format_value(value or "") or EMPTY_CONTENTSTATE}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {html_name: [getattr(item, "pk", item) for item in value or []]}
    if isinstance(field, forms.BooleanField):
        return {html_name: "on"} if value else {}
    if isinstance(field, forms.MultipleChoiceField):
        return {html_name: list(value or [])}
    if value is None:
        return {html_name: ""}
    if isinstance(value, datetime.datetime):
        return {html_name: timezone.localtime(value).strftime("%Y-%m-%d %H:%M")}
    return {html_name: str(getattr(value, "pk", value))}


def formset_data(relation, rows):
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


def form_data(form, case, foreign_id):
    data = {}
    for name, field in form.fields.items():
        data.update(field_data(form, name, field))
    for relation, formset in form.formsets.items():
        rows = []
        if case.kind == "inline" and relation == case.field:
            child = formset.empty_form
            row = {}
            for name, field in child.fields.items():
                if name not in ("ORDER", "DELETE", "id"):
                    row.update(field_data(child, name, field))
            row[case.inline_field] = str(foreign_id)
            rows.append(row)
        data.update(formset_data(relation, rows))
    if case.kind == "field":
        field = form.fields[case.field]
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        data[case.field] = [str(foreign_id)] if multiple else str(foreign_id)
    elif case.kind == "rich text field":
        data[case.field] = contentstate(case.entity, foreign_id)
    elif case.kind == "block":
        block = form.fields[case.field].block
        leaf = contentstate(case.entity, foreign_id) if case.entity else str(foreign_id)
        data.update(block_data(block, case.field, case.path, leaf))
    return data


def refused_at(form, case):
    """The refusal is reported where the id was posted."""
    if case.kind == "inline":
        child = form.formsets[case.field].forms[0]
        return str(REFUSED) in child.errors.get(case.inline_field, [])
    errors = form.errors.get(case.field)
    if not errors:
        return False
    return str(REFUSED) in json.dumps(_error_messages(errors.as_data()[0]), ensure_ascii=False)


def _error_messages(error):
    block_errors = getattr(error, "block_errors", None)
    if block_errors:
        return {str(key): _error_messages(value) for key, value in block_errors.items()}
    return [str(message) for message in error.messages]


def role_editing(model, area):
    """The town role that edits ``model``: editors, unless only administrators may change it
    (settings, the municipality, the town's organisations and roles: ``role_permissions``)."""
    if area in ADMINISTRATOR_AREAS or model is Municipality:
        return MunicipalityRole.ADMINISTRATOR
    if area == "page":
        return MunicipalityRole.EDITOR
    declared = declared_model_permissions(MunicipalityRole.EDITOR)
    editors_change = any(
        (app_label, model_name) == (model._meta.app_label, model._meta.model_name)
        and "change" in actions
        for app_label, model_name, actions in declared
    )
    return MunicipalityRole.EDITOR if editors_change else MunicipalityRole.ADMINISTRATOR


# --- the tests -----------------------------------------------------------------------------------


@pytest.fixture
def foreign_records(town_b):
    made = {}

    def foreign(model):
        key = Page if issubclass(model, Page) and model is Page else model
        if key not in made:
            page_model = model if issubclass(model, Page) and model is not Page else None
            if key is Page:
                from radnice.pages.models import StandardPage

                page_model = StandardPage
            made[key] = make_record(page_model or model, town_b, f"Beta {MARKER} {model.__name__}")
        return made[key]

    return foreign


@pytest.mark.parametrize("admin_form", ADMIN_FORMS, ids=admin_form_id)
def test_every_id_carrying_field_refuses_another_towns_record(
    client, town_a, town_b, foreign_records, admin_form
):
    model, form_class, area, _viewset, view = admin_form
    cases = form_cases(form_class)
    if not cases:
        return  # nothing in this form carries a record id (counted in the summary below)
    role = role_editing(model, area)
    client.force_login(make_member(town_a, role))
    record = editable_record(admin_form, town_a)
    url = admin_url(admin_form, record)
    page = client.get(url, HTTP_HOST="alfa.test")
    assert page.status_code == 200, url
    form = page.context["form"]
    failures = []
    for case in cases:
        foreign = foreign_records(case.target)
        before = snapshot(record) if view == "edit" else model.objects.count()
        response = client.post(url, form_data(form, case, foreign.pk), HTTP_HOST="alfa.test")
        html = response.content.decode()
        after = snapshot(record) if view == "edit" else model.objects.count()
        if response.status_code != 200:
            failures.append(f"{case}: saved (status {response.status_code})")
        elif not refused_at(response.context["form"], case):
            failures.append(f"{case}: no refusal at the field")
        elif MARKER in html.lower():
            failures.append(f"{case}: the foreign record shows in the refused form")
        elif before != after:
            failures.append(f"{case}: the database changed")
    assert not failures, "\n".join(failures)


def test_summary_of_covered_fields():
    """Run with -s to see how much the test above covers; it must cover something."""
    covered = {admin_form_id(admin_form): form_cases(admin_form[1]) for admin_form in ADMIN_FORMS}
    total = sum(len(cases) for cases in covered.values())
    print(f"\ncovered {total} id-carrying fields of {len(covered)} admin forms")
    for name, cases in covered.items():
        print(f"  {name}: {', '.join(map(str, cases)) or '-'}")
    assert total > 50
    assert any(case.kind == "inline" for cases in covered.values() for case in cases)
    assert any(case.entity == "DOCUMENT" for cases in covered.values() for case in cases)


def test_viewsets_left_out_as_read_only_register_no_form():
    """``admin_forms`` leaves out viewsets with ``edit_view_enabled = False`` (the citizens'
    accounts and audit log): they must then register no view that builds a form of the model."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    from ..admin_urls import admin_url_patterns

    read_only = [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet) and not getattr(viewset, "edit_view_enabled", True)
    ]
    assert {viewset.name for viewset in read_only} >= {"citizen_accounts", "citizen_audit"}
    for viewset in read_only:
        views = {
            name.split(":", 1)[1]
            for name, _route in admin_url_patterns()
            if name.startswith(f"{viewset.name}:")
        }
        assert "index" in views, viewset.name
        assert not views & {"add", "edit", "copy", "delete"}, viewset.name
