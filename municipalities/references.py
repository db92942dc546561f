"""Record ids in admin forms: checked on the server, never echoed when refused.

A form accepts whatever id is posted, and Wagtail's chooser widgets display any record by id.
So every admin form (pages, snippets, site settings, module viewsets, the municipality)
derives from ``MunicipalReferencesFormMixin`` (through ``municipalities.forms``), which:

- narrows every model choice field (foreign keys, choosers, many-to-many, in the form and in
  its inline formsets) to the records the edited record's town may refer to, as far as the
  editing user may reach them (``scope.scope_for_model``); another town's id and an id that
  does not exist are refused with the same message, so ids cannot be probed;
- walks the posted data of every StreamField (chooser blocks at any depth, rich text blocks)
  and every rich-text field (links to pages and documents, embedded images) and refuses
  foreign ids at the block or field where they were posted;
- redisplays a form without any refused record: its bound fields show the value with foreign
  records left out (empty choosers, links without their target), so no title, URL, file
  name or preview of another town's record is rendered.

Which models belong to a town is derived generically (pages, collections, images and
documents, any model with a municipality), so a module's chooser blocks and foreign keys are
covered without listing them. Render-time filtering stays as a second line of defence.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError, StructValue
from wagtail.contrib.typed_table_block.blocks import TypedTable, TypedTableBlock
from wagtail.fields import RichTextField
from wagtail.rich_text import RichText, get_rewriter
from wagtail.rich_text.rewriters import extract_attrs

from .scope import municipality_of, scope_for_model, user_municipalities

REFUSED = _("Vybraný záznam neexistuje nebo patří jiné obci.")


class ReferenceScope:
    """The records a form may refer to: those of ``municipality`` that ``user`` reaches."""

    def __init__(self, municipality=None, user=None):
        self.municipality = municipality
        self.user = user
        self._querysets = {}
        self._answers = {}

    def queryset(self, model):
        """Allowed records of ``model``, or None when the model belongs to no town."""
        if model not in self._querysets:
            self._querysets[model] = scope_for_model(model, self.municipality, self.user)
        return self._querysets[model]

    def allows(self, model, pk):
        queryset = self.queryset(model)
        if queryset is None:
            return True
        key = (model, str(pk))
        if key not in self._answers:
            try:
                self._answers[key] = queryset.filter(pk=pk).exists()
            except (ValueError, TypeError, ValidationError):
                self._answers[key] = False
        return self._answers[key]

    def allows_instance(self, instance):
        return self.allows(type(instance), instance.pk)


# --- rich text ------------------------------------------------------------------------------


def _rich_text_tags(html):
    """(start, end, rewriter, [(model, pk)]) of every link or embed that carries an id."""
    for rewriter in getattr(get_rewriter(), "rewriters", []):
        for match in rewriter.get_opening_tag_regex().finditer(html or ""):
            attrs = extract_attrs(match.group(1))
            extractor = rewriter.reference_extractors.get(rewriter.get_tag_type_from_attrs(attrs))
            if extractor is not None:
                references = [(model, pk) for model, pk, *_rest in extractor(attrs)]
                yield match.start(), match.end(), rewriter, references


def rich_text_is_allowed(html, reference_scope):
    return all(
        reference_scope.allows(model, pk)
        for _start, _end, _rewriter, references in _rich_text_tags(html)
        for model, pk in references
    )


def strip_foreign_rich_text(html, reference_scope):
    """``html`` without the targets of foreign links (their text stays) and foreign embeds."""
    refused = [
        (start, end, rewriter)
        for start, end, rewriter, references in _rich_text_tags(html)
        if not all(reference_scope.allows(model, pk) for model, pk in references)
    ]
    for start, end, rewriter in sorted(refused, key=lambda tag: tag[0], reverse=True):
        replacement = "<a>" if rewriter.get_opening_tag_regex().pattern.startswith("<a") else ""
        html = html[:start] + replacement + html[end:]
    return html


# --- StreamField: the posted data, block by block -----------------------------------------


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _sequence_children(data, prefix, child_block_of):
    """The posted children of a stream or list block in saved order: (index, block, prefix)."""
    entries = []
    for i in range(_int(data.get(f"{prefix}-count"))):
        if data.get(f"{prefix}-{i}-deleted"):
            continue
        child = child_block_of(i)
        if child is not None:
            entries.append((_int(data.get(f"{prefix}-{i}-order")), child, f"{prefix}-{i}-value"))
    entries.sort(key=lambda entry: entry[0])
    return [(index, child, child_prefix) for index, (_o, child, child_prefix) in enumerate(entries)]


def posted_block_error(block, data, files, prefix, reference_scope):
    """The validation error for every foreign or unknown id posted for ``block`` (nested the
    way the block reports its own errors), or None."""
    if isinstance(block, blocks.BaseStreamBlock):
        children = _sequence_children(
            data, prefix, lambda i: block.child_blocks.get(data.get(f"{prefix}-{i}-type"))
        )
        errors = _child_errors(children, data, files, reference_scope)
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.ListBlock):
        children = _sequence_children(data, prefix, lambda i: block.child_block)
        errors = _child_errors(children, data, files, reference_scope)
        return ListBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.BaseStructBlock):
        children = [(name, child, f"{prefix}-{name}") for name, child in block.child_blocks.items()]
        errors = _child_errors(children, data, files, reference_scope)
        return StructBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, TypedTableBlock):
        return _table_error(block, data, files, prefix, reference_scope)
    if isinstance(block, blocks.ChooserBlock):
        raw = block.field.widget.value_from_datadict(data, files, prefix)
        if raw in (None, "") or reference_scope.allows(block.model_class, raw):
            return None
        return ValidationError(REFUSED)
    if isinstance(block, blocks.RichTextBlock):
        value = block.value_from_datadict(data, files, prefix)
        source = getattr(value, "source", value) or ""
        return None if rich_text_is_allowed(source, reference_scope) else ValidationError(REFUSED)
    return None


def _child_errors(children, data, files, reference_scope):
    errors = {}
    for key, child, child_prefix in children:
        error = posted_block_error(child, data, files, child_prefix, reference_scope)
        if error is not None:
            errors[key] = error
    return errors


def _table_error(block, data, files, prefix, reference_scope):
    """Cells of a typed table: the table as a whole reports a foreign id in any cell."""
    columns = [
        (i, block.child_blocks.get(data.get(f"{prefix}-column-{i}-type")))
        for i in range(_int(data.get(f"{prefix}-column-count")))
        if not data.get(f"{prefix}-column-{i}-deleted")
    ]
    for row in range(_int(data.get(f"{prefix}-row-count"))):
        if data.get(f"{prefix}-row-{row}-deleted"):
            continue
        for column, child in columns:
            if child is None:
                continue
            cell_prefix = f"{prefix}-cell-{row}-{column}"
            if posted_block_error(child, data, files, cell_prefix, reference_scope) is not None:
                return ValidationError(REFUSED)
    return None


def merge_block_errors(existing, refused):
    """One error tree from a block's own validation error and the refused ids' one."""
    if existing is None:
        return refused
    if type(existing) is type(refused) and hasattr(existing, "block_errors"):
        merged = dict(existing.block_errors or {})
        for key, error in (refused.block_errors or {}).items():
            merged[key] = merge_block_errors(merged.get(key), error)
        return type(existing)(block_errors=merged, non_block_errors=existing.non_block_errors)
    return refused


# --- redisplay: values without foreign records ----------------------------------------------


def displayable_block_value(block, value, reference_scope):
    """A copy of a block value with foreign records removed (choosers emptied, rich text
    without foreign links and embeds)."""
    if value is None:
        return None
    if isinstance(value, Model):
        return value if reference_scope.allows_instance(value) else None
    if isinstance(value, RichText):
        return RichText(strip_foreign_rich_text(value.source, reference_scope))
    if isinstance(value, StreamValue):
        return StreamValue(
            block,
            [
                StreamValue.StreamChild(
                    child.block,
                    displayable_block_value(child.block, child.value, reference_scope),
                    id=child.id,
                )
                for child in value
            ],
        )
    if isinstance(value, ListValue):
        child_block = block.child_block
        return ListValue(
            block,
            bound_blocks=[
                ListValue.ListChild(
                    child_block,
                    displayable_block_value(child_block, child.value, reference_scope),
                    id=child.id,
                )
                for child in value.bound_blocks
            ],
        )
    if isinstance(value, StructValue):
        return type(value)(
            block,
            [
                (name, displayable_block_value(block.child_blocks.get(name), item, reference_scope))
                for name, item in value.items()
            ],
        )
    if isinstance(value, TypedTable):
        rows = [
            {
                "values": [
                    displayable_block_value(column["block"], cell, reference_scope)
                    for column, cell in zip(value.columns, row["values"], strict=False)
                ]
            }
            for row in value.row_data
        ]
        return TypedTable(columns=value.columns, row_data=rows, caption=value.caption)
    return value


def is_rich_text_field(form, name, field):
    model = getattr(getattr(form, "_meta", None), "model", None)
    try:
        model_field = model._meta.get_field(name) if model is not None else None
    except Exception:  # a form field that is no model field
        model_field = None
    # Wagtail's rich text editor widgets say so with ``accepts_features``.
    is_editor = getattr(field.widget, "accepts_features", False)
    return isinstance(model_field, RichTextField) or is_editor


class ReferenceBoundField(BoundField):
    """Renders the field's value with foreign records left out."""

    def value(self):
        return self.form.displayable_value(self.name, self.field, super().value())


# --- the form mixin -------------------------------------------------------------------------

_guarded_child_forms = {}


def guarded_form_class(form_class):
    """``form_class`` with the reference checks (the child forms of inline panels)."""
    if issubclass(form_class, MunicipalReferencesFormMixin):
        return form_class
    if form_class not in _guarded_child_forms:
        _guarded_child_forms[form_class] = type(form_class)(
            form_class.__name__, (MunicipalReferencesFormMixin, form_class), {}
        )
    return _guarded_child_forms[form_class]


class MunicipalReferencesFormMixin:
    """Base of every admin form: checks every posted record id (see the module docstring).

    The town whose records may be chosen is ``reference_municipality()``: the record's own
    (a page's town, a site setting's town, a record's municipality, the municipality itself),
    or the municipality posted in the form's ``municipality_field`` when the user may choose
    it. Inline child forms get their parent's scope.
    """

    municipality_field = "municipality"
    bound_field_class = ReferenceBoundField

    def __init__(self, *args, reference_scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_own_municipalities()
        self.reference_scope = reference_scope or ReferenceScope(
            self.reference_municipality(), getattr(self, "for_user", None)
        )
        for name, field in self.fields.items():
            if name != self.municipality_field and isinstance(field, forms.ModelChoiceField):
                self._narrow_choices(field)
        for formset in getattr(self, "formsets", {}).values():
            formset.form = guarded_form_class(formset.form)
            formset.form_kwargs = {**formset.form_kwargs, "reference_scope": self.reference_scope}

    def _offer_own_municipalities(self):
        """The municipality field offers the user's municipalities, preselected when there is
        just one."""
        field = self.fields.get(self.municipality_field)
        user = getattr(self, "for_user", None)
        if not isinstance(field, forms.ModelChoiceField) or user is None:
            return
        allowed = user_municipalities(user)
        field.queryset = allowed
        if not self.instance.pk and allowed.count() == 1:
            field.initial = allowed.first().pk
            field.empty_label = None

    def reference_anchor(self):
        """The record whose town the form's references must belong to."""
        return self.instance

    def reference_municipality(self):
        field = self.fields.get(self.municipality_field)
        if isinstance(field, forms.ModelChoiceField) and self.is_bound:
            posted = self.data.get(self.add_prefix(self.municipality_field))
            try:
                chosen = field.queryset.filter(pk=posted).first() if posted else None
            except (ValueError, TypeError, ValidationError):
                chosen = None
            if chosen is not None:
                return chosen
        return municipality_of(self.reference_anchor())

    def _narrow_choices(self, field):
        allowed = self.reference_scope.queryset(field.queryset.model)
        if allowed is None:
            return
        field.queryset = field.queryset.filter(pk__in=allowed.values("pk"))
        field.error_messages = {
            **field.error_messages,
            "invalid_choice": REFUSED,
            "invalid_pk_value": REFUSED,
        }

    # checking what was posted

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, blocks.BlockField):
                self._refuse_block_ids(name, field)
            elif is_rich_text_field(self, name, field):
                html = self._widget_data_value(field.widget, self.add_prefix(name))
                if not rich_text_is_allowed(html or "", self.reference_scope):
                    self.add_error(name, ValidationError(REFUSED))
        return cleaned_data

    def _refuse_block_ids(self, name, field):
        error = posted_block_error(
            field.block, self.data, self.files, self.add_prefix(name), self.reference_scope
        )
        if error is None:
            return
        existing = self._errors.get(name)
        if existing:
            existing[0] = merge_block_errors(existing.as_data()[0], error)
        else:
            self.add_error(name, error)

    # redisplaying it

    def displayable_value(self, name, field, value):
        if value in (None, "", []) or name == self.municipality_field:
            return value
        if isinstance(field, forms.ModelMultipleChoiceField):
            return [pk for pk in value if self._choice_allowed(field, pk)]
        if isinstance(field, forms.ModelChoiceField):
            return value if self._choice_allowed(field, value) else None
        if isinstance(field, blocks.BlockField):
            return displayable_block_value(field.block, value, self.reference_scope)
        if isinstance(value, str) and is_rich_text_field(self, name, field):
            return strip_foreign_rich_text(value, self.reference_scope)
        return value

    def _choice_allowed(self, field, value):
        pk = value.pk if isinstance(value, Model) else value
        try:
            return field.queryset.filter(pk=pk).exists()
        except (ValueError, TypeError, ValidationError):
            return False


# --- every admin form uses the mixin ------------------------------------------------------


def install_page_form():
    """Page types without a form of their own get ``MunicipalityScopedPageForm``.

    Wagtail sets ``Page.base_form_class`` in its admin's ``ready()``, which runs after this
    app's, so the default is set on each page type instead (a module's page types included);
    a page type's own form must derive from it (system check ``radnice_forms.E001``).
    """
    from wagtail.models import Page, get_page_models

    from .forms import MunicipalityScopedPageForm

    for model in get_page_models():
        inherited = getattr(model, "base_form_class", None) or object
        if (
            model is not Page
            and "base_form_class" not in vars(model)
            and not issubclass(inherited, MunicipalReferencesFormMixin)
        ):
            model.base_form_class = MunicipalityScopedPageForm


def _is_project_model(model):
    from pathlib import Path

    from django.conf import settings

    path = Path(model._meta.app_config.path)
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def admin_forms():
    """(model, form class, admin area, viewset, view) of every model of this project edited
    in the admin: page types, snippets, site settings, module viewsets, municipalities."""
    import wagtail.admin.urls  # noqa: F401 - registers the admin viewsets
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.contrib.settings.views import get_setting_edit_handler
    from wagtail.models import get_page_models
    from wagtail.snippets.models import get_snippet_models

    for model in get_page_models():
        if _is_project_model(model):
            yield model, model.get_edit_handler().get_form_class(), "page", None, "edit"
    for model in get_snippet_models():
        if _is_project_model(model):
            viewset = model.snippet_viewset
            yield model, viewset.get_form_class(), "snippet", viewset, "edit"
    for model in settings_registry:
        if _is_project_model(model):
            form_class = get_setting_edit_handler(model).get_form_class()
            yield model, form_class, "setting", None, "edit"
    snippet_models = set(get_snippet_models())
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if (
            isinstance(viewset, ModelViewSet)
            and model not in snippet_models
            and _is_project_model(model)
            # read-only viewsets (radnice.citizens.admin_views) build no form of the model
            and getattr(viewset, "edit_view_enabled", True)
        ):
            yield model, viewset.get_form_class(), "viewset", viewset, "edit"
            add_form = viewset.get_add_view_kwargs().get("form_class")
            if add_form is not None:
                yield model, add_form, "viewset", viewset, "add"
