"""Content pages: the standard page, the landing page ("rozcestník") and the accessibility
statement ("prohlášení o přístupnosti") that law 99/2019 Sb. requires of every public body.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from municipalities.scope import municipality_of_page
from radnice.blocks.blocks import SIMPLE_TEXT_FEATURES, BodyField, BodyStreamBlock
from radnice.core.main_image import (
    MainImagePageForm,
    main_image_alt_text_field,
    main_image_decorative_field,
    main_image_panel,
)

from .blocks import NonAccessibleContentBlock


def teaser_field():
    return models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů, vyhledávání a náhledů na sociálních sítích."),
    )


def image_field(verbose_name, help_text=""):
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


class AbstractLink(models.Model):
    """A link to a page of the town's web or to any URL, with an optional own text."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("stránka webu"),
    )
    link_url = models.URLField(_("nebo adresa URL"), blank=True)
    title = models.CharField(
        _("text odkazu"),
        max_length=120,
        blank=True,
        help_text=_("Bez vyplnění se použije název stránky. U adresy URL je povinný."),
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("title")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.text or ""

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            raise ValidationError({"link_url": _("Vyberte buď stránku, nebo zadejte adresu URL.")})
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_page": _("Vyberte stránku, nebo zadejte adresu URL.")})
        if self.link_url and not self.title:
            raise ValidationError({"title": _("U odkazu na adresu URL vyplňte text odkazu.")})

    @property
    def target_page(self):
        return self.link_page.localized if self.link_page_id else None

    @property
    def text(self):
        page = self.target_page
        return self.title or (page.title if page else self.link_url)

    def href(self, request=None):
        page = self.target_page
        return page.get_url(request=request) if page else self.link_url


class StandardPage(Page):
    teaser = teaser_field()
    main_image = image_field(_("hlavní obrázek"))
    main_image_alt_text = main_image_alt_text_field()
    main_image_decorative = main_image_decorative_field()
    main_image_caption = models.CharField(_("popisek hlavního obrázku"), max_length=255, blank=True)
    body = BodyField(BodyStreamBlock, blank=True, verbose_name=_("obsah"))

    base_form_class = MainImagePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        main_image_panel(),
        FieldPanel("body"),
        InlinePanel("persons", label=_("Kontaktní osoby"), heading=_("Kontaktní osoby")),
        InlinePanel("related_links", label=_("Související odkaz"), heading=_("Související odkazy")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    # Subpages are left to the child types: other apps' listings (e.g. the official board)
    # may live under a standard page; the content page types below say where they belong.
    parent_page_types = ["home.HomePage", "pages.StandardPage", "pages.LandingPage"]

    class Meta:
        verbose_name = _("stránka")
        verbose_name_plural = _("stránky")

    def get_context(self, request, *args, **kwargs):
        from .queries import page_persons, resolve_links

        context = super().get_context(request, *args, **kwargs)
        context["persons"] = page_persons(self)
        context["related_links"] = resolve_links(
            self.related_links.select_related("link_page"), request
        )
        return context


class StandardPageRelatedLink(TranslatableMixin, Orderable, AbstractLink):
    page = ParentalKey(StandardPage, on_delete=models.CASCADE, related_name="related_links")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("související odkaz")
        verbose_name_plural = _("související odkazy")


class StandardPagePerson(Orderable):
    """A contact person shown at the end of the page (a municipality's own people only)."""

    page = ParentalKey(StandardPage, on_delete=models.CASCADE, related_name="persons")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba")
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktní osoba")
        verbose_name_plural = _("kontaktní osoby")


class LandingPage(Page):
    """A section's signpost ("rozcestník"): a hero, components and its subpages as tiles."""

    teaser = teaser_field()
    hero_image = image_field(
        _("obrázek v záhlaví"),
        help_text=_(
            "Široký obrázek (poměr 3 : 1). Je jen ilustrační, čtečky obrazovky ho přeskočí."
        ),
    )
    intro = models.TextField(_("úvodní text"), max_length=600, blank=True)
    body = BodyField(BodyStreamBlock, blank=True, verbose_name=_("obsah"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("intro")], heading=_("Záhlaví")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "pages.LandingPage"]

    class Meta:
        verbose_name = _("rozcestník")
        verbose_name_plural = _("rozcestníky")

    def get_context(self, request, *args, **kwargs):
        from .queries import child_items

        context = super().get_context(request, *args, **kwargs)
        context["children"] = child_items(self)
        return context


ENFORCEMENT_DEFAULT = (
    "<p>Pokud nejste spokojeni s tím, jak jsme vaše oznámení nebo žádost o přístupný obsah "
    "vyřídili, můžete se obrátit na orgán dohledu nad dodržováním zákona č. 99/2019 Sb.:</p>"
    "<p>Ministerstvo vnitra, odbor eGovernmentu<br/>Náměstí Hrdinů 1634/3<br/>"
    "140 21 Praha 4</p>"
)


class AccessibilityStatementPage(Page):
    """The "Prohlášení o přístupnosti" with the parts law 99/2019 Sb. and its model ask for."""

    class Compliance(models.TextChoices):
        FULL = "full", _("plně v souladu")
        PARTIAL = "partial", _("částečně v souladu")
        NONE = "none", _("není v souladu")

    class Method(models.TextChoices):
        SELF_ASSESSMENT = "self", _("vlastní posouzení")
        THIRD_PARTY = "third_party", _("posouzení třetí stranou")

    compliance = models.CharField(
        _("stav souladu"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Soulad se zákonem č. 99/2019 Sb. a normou ČSN EN 301 549 (WCAG 2.1 AA)."),
    )
    websites = models.CharField(
        _("weby, na které se prohlášení vztahuje"),
        max_length=255,
        blank=True,
        help_text=_("Bez vyplnění adresa tohoto webu."),
    )
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())],
        blank=True,
        verbose_name=_("nepřístupný obsah"),
        help_text=_("Co není přístupné, proč a jaká je přístupná alternativa."),
    )
    prepared_on = models.DateField(_("datum vypracování prohlášení"))
    reviewed_on = models.DateField(
        _("datum poslední revize"),
        null=True,
        blank=True,
        help_text=_("Prohlášení se přezkoumává alespoň jednou ročně."),
    )
    method = models.CharField(
        _("způsob posouzení"),
        max_length=16,
        choices=Method.choices,
        default=Method.SELF_ASSESSMENT,
    )
    assessor = models.CharField(
        _("kdo posouzení provedl"),
        max_length=255,
        blank=True,
        help_text=_("U posouzení třetí stranou její název."),
    )
    feedback_email = models.EmailField(
        _("e-mail pro zpětnou vazbu"), blank=True, help_text=_("Bez vyplnění e-mail podatelny.")
    )
    feedback_phone = models.CharField(
        _("telefon pro zpětnou vazbu"),
        max_length=32,
        blank=True,
        help_text=_("Bez vyplnění telefon obce."),
    )
    feedback_text = RichTextField(
        _("zpětná vazba"),
        features=SIMPLE_TEXT_FEATURES,
        blank=True,
        default="<p>Nedostatky v přístupnosti nám prosím oznamte. Můžete také požádat "
        "o informace, které na webu nejsou přístupné. Odpovíme bez zbytečného odkladu.</p>",
    )
    enforcement_text = RichTextField(
        _("postupy pro prosazování práva"),
        features=SIMPLE_TEXT_FEATURES,
        default=ENFORCEMENT_DEFAULT,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("websites")], heading=_("Stav souladu")
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldRowPanel([FieldPanel("method"), FieldPanel("assessor")]),
            ],
            heading=_("Vypracování prohlášení"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("feedback_text"),
            ],
            heading=_("Zpětná vazba a kontakty"),
        ),
        FieldPanel("enforcement_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("non_accessible_content")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("prohlášení o přístupnosti")
        verbose_name_plural = _("prohlášení o přístupnosti")

    def clean(self):
        super().clean()
        if self.reviewed_on and self.prepared_on and self.reviewed_on < self.prepared_on:
            raise ValidationError(
                {"reviewed_on": _("Revize nemůže předcházet vypracování prohlášení.")}
            )

    def non_accessible_groups(self):
        """(reason label, items) in the order of the law, only the reasons that have items."""
        from .blocks import NON_ACCESSIBLE_REASONS

        groups = []
        for reason, label in NON_ACCESSIBLE_REASONS:
            items = [
                block for block in self.non_accessible_content if block.value["reason"] == reason
            ]
            if items:
                groups.append((label, items))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        municipality = municipality_of_page(self, request)
        site = self.get_site()
        context["statement_websites"] = self.websites or (site.hostname if site else "")
        context["feedback_email"] = self.feedback_email or getattr(municipality, "email", "")
        context["feedback_phone"] = self.feedback_phone or getattr(municipality, "phone", "")
        context["non_accessible_groups"] = self.non_accessible_groups()
        return context
