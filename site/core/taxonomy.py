"""A town's own taxonomy (číselník): notice types, event types, news types.

Every per-town list of terms is a concrete subclass of ``Taxonomy``, so all of them share
one slug policy, one search definition and one admin: ``radnice.core.wagtail_hooks`` lists
every subclass under the menu "Číselníky", each through ``TaxonomyViewSet`` (scoped to the
editor's towns like every municipal snippet). A new taxonomy only subclasses ``Taxonomy``
and gives its ``Meta`` (inheriting ``Taxonomy.Meta``) its names.

The slug policy:

- the slug is unique within a town (another town may use the same one);
- left blank, it is made from the Czech name with the diacritics folded
  ("Životní prostředí" → "zivotni-prostredi");
- once saved it stays: renaming a term keeps its addresses (filter links) working;
- an editor is told when the slug (typed or made from the name) is taken in the town;
  saving from code (imports, demo data) takes the next free one instead ("…-2").

Terms are listed by name; views that show them to citizens sort them in Czech order with
``radnice.core.collation.czech_sort_key`` (the database has no Czech collation to rely on).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality

SLUG_LENGTH = 128
# Room left for the suffix of a taken slug ("-2" ... "-9999").
_SUFFIX_ROOM = 5


def slug_from_name(name):
    """The name's slug with Czech diacritics folded, leaving room for a suffix."""
    return slugify(name)[: SLUG_LENGTH - _SUFFIX_ROOM].strip("-")


def free_slug(queryset, municipality_id, name, fallback):
    """The slug made from ``name`` (``fallback`` if it makes none) that no term in
    ``queryset`` of the town uses yet: "name", "name-2", "name-3"...

    Also used by the data migrations that gave the existing terms their slugs.
    """
    base = slug_from_name(name) or fallback
    taken = set(
        queryset.filter(municipality_id=municipality_id, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Taxonomy(index.Indexed, models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("obec"))
    name = models.CharField(_("název"), max_length=128)
    slug = models.SlugField(
        _("zkratka v adrese"),
        max_length=SLUG_LENGTH,
        blank=True,
        allow_unicode=False,
        help_text=_(
            "Použije se v adrese filtru výpisu. Nevyplníte-li ji, vytvoří se z názvu bez "
            "diakritiky; přejmenování ji už nezmění."
        ),
    )

    #: the slug of a term whose name gives none (a name of punctuation only), saved from code
    slug_fallback = "typ"

    base_form_class = MunicipalityScopedForm

    panels = [FieldPanel("municipality"), FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("municipality"),
        # The scoped admin listing narrows by id before it searches.
        index.FilterField("id"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="%(app_label)s_%(class)s_unique_slug"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            others = type(self)._default_manager.exclude(pk=self.pk)
            self.slug = free_slug(others, self.municipality_id, self.name, self.slug_fallback)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slug_from_name(self.name)
            if not self.slug:
                raise ValidationError(
                    {
                        "slug": _(
                            "Z názvu nelze zkratku vytvořit; zadejte ji písmeny bez diakritiky, "
                            "číslicemi a pomlčkami."
                        )
                    }
                )
        taken = self._same_slug_in_town().first() if self.municipality_id else None
        if taken is not None:
            raise ValidationError(
                {
                    "slug": _(
                        "Zkratku „%(slug)s“ už v této obci má položka „%(name)s“. "
                        "Zadejte jinou zkratku nebo jiný název."
                    )
                    % {"slug": self.slug, "name": taken.name}
                }
            )

    def _same_slug_in_town(self):
        return (
            type(self)
            ._default_manager.filter(municipality_id=self.municipality_id, slug=self.slug)
            .exclude(pk=self.pk)
        )


def fill_blank_slugs(app_label, model_name):
    """The forward step of a data migration: terms saved without a slug (a name that made
    none) get one by the policy above. Runs on the migration's historical model."""

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for term in model._default_manager.filter(slug=""):
            others = model._default_manager.exclude(pk=term.pk)
            term.slug = free_slug(others, term.municipality_id, term.name, Taxonomy.slug_fallback)
            term.save(update_fields=["slug"])

    return forward
