"""The official board ("Úřední deska"): the board page, its notices and the notice types.

A notice is current from its posting date until its take-down date (inclusive) and then moves
to the archive; it stays published. Which notices are current is always derived from the dates
(see ``radnice.board.queries``); the daily task only records ``archived_at`` and withholds the
attachments of notices that contain personal data.
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from radnice.core.feeds import FeedRoutesMixin
from radnice.core.taxonomy import Taxonomy

MINIMUM_POSTING_DAYS = 15


class NoticeType(Taxonomy):
    """A term of the board's taxonomy ("vyhlášky", "stavební řízení"...), one list per town."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("typ oznámení")
        verbose_name_plural = _("typy oznámení")
        default_related_name = "notice_types"


class OfficialBoardIndexPage(FeedRoutesMixin, RoutablePageMixin, Page):
    """The board: current notices, the archive, and the board's open data and feeds."""

    rss_feed_class = "radnice.board.feeds.BoardRssFeed"
    atom_feed_class = "radnice.board.feeds.BoardAtomFeed"

    intro = RichTextField(_("úvodní text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = ["board.OfficialNoticePage"]

    class Meta:
        verbose_name = _("úřední deska")
        verbose_name_plural = _("úřední desky")

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        from .queries import board_notices, current, today

        notice_type = (
            NoticeType.objects.filter(notices__in=current(board_notices(self), today()))
            .order_by("name")
            .first()
        )
        routes = [
            ("board", _("Úřední deska – aktuální"), ""),
            ("board_archive", _("Úřední deska – archiv"), "archiv/"),
        ]
        if notice_type:
            routes.append(("board_filtered", _("Úřední deska – filtr"), f"?typ={notice_type.slug}"))
        return routes

    @path("")
    def current_view(self, request):
        from .listing import board_listing_context

        return self.render(request, context_overrides=board_listing_context(self, request))

    @path("archiv/", name="archive")
    def archive_view(self, request):
        from .listing import board_listing_context

        context = board_listing_context(self, request, archive=True)
        return self.render(request, context_overrides=context)

    @path("data.jsonld", name="ofn")
    def ofn_view(self, request):
        from .opendata import board_jsonld_response

        return board_jsonld_response(self, request)

    @path("data.csv", name="csv")
    def csv_view(self, request):
        from .opendata import board_csv_response

        return board_csv_response(self, request)


class OfficialNoticePage(Page):
    """One notice ("písemnost") on the official board."""

    teaser = models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů, vyhledávání a náhledů na sociálních sítích."),
    )
    body = RichTextField(_("obsah"), blank=True)
    date_posted = models.DateField(_("datum vystavení"), default=timezone.localdate)
    date_taken_down = models.DateField(
        _("datum sejmutí"),
        null=True,
        blank=True,
        help_text=_(
            "Po tomto dni se oznámení přesune do archivu (zůstane zveřejněné). Nevyplníte-li, "
            "visí do odvolání. Písemnost doručovaná veřejnou vyhláškou musí viset nejméně "
            "15 dní (§ 25 správního řádu)."
        ),
    )
    reference_number = models.CharField(_("číslo jednací"), max_length=64, blank=True)
    file_mark = models.CharField(_("spisová značka"), max_length=64, blank=True)
    notice_types = ParentalManyToManyField(
        NoticeType, blank=True, related_name="notices", verbose_name=_("typy oznámení")
    )
    agenda = models.CharField(
        _("agenda"),
        max_length=255,
        blank=True,
        help_text=_("Např. „stavební řízení“. Více agend oddělte středníkem."),
    )
    department = models.CharField(_("odbor / útvar"), max_length=255, blank=True)
    approval_date = models.DateField(_("datum schválení"), null=True, blank=True)
    contains_personal_data = models.BooleanField(
        _("obsahuje osobní údaje"),
        default=False,
        help_text=_("Po sejmutí přestanou být přílohy veřejně dostupné; v administraci zůstanou."),
    )
    archived_at = models.DateTimeField(_("přesunuto do archivu"), null=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date_posted"), FieldPanel("date_taken_down")]),
                FieldRowPanel([FieldPanel("reference_number"), FieldPanel("file_mark")]),
                FieldPanel("notice_types", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("agenda"), FieldPanel("department")]),
                FieldPanel("approval_date"),
                FieldPanel("contains_personal_data"),
            ],
            heading=_("Údaje úřední desky"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Přílohy"), label=_("příloha")),
        InlinePanel(
            "responsible_persons", heading=_("Odpovědné osoby"), label=_("odpovědná osoba")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("reference_number"),
        index.SearchField("file_mark"),
        index.SearchField("agenda"),
        index.SearchField("department"),
        index.AutocompleteField("reference_number"),
        index.RelatedFields("notice_types", [index.SearchField("name")]),
        index.FilterField("date_posted"),
        index.FilterField("date_taken_down"),
    ]
    # Reference numbers and dates are the same in every language; types are synchronised
    # too (wagtail-localize skips many-to-many fields unless told).
    override_translatable_fields = [
        SynchronizedField("reference_number"),
        SynchronizedField("file_mark"),
        SynchronizedField("notice_types"),
    ]

    parent_page_types = ["board.OfficialBoardIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("oznámení na úřední desce")
        verbose_name_plural = _("oznámení na úřední desce")

    def clean(self):
        super().clean()
        from .validation import validate_posting_period

        validate_posting_period(self.date_posted, self.date_taken_down)

    def with_content_json(self, content):
        # ``archived_at`` records what the archiving task did; an older revision must not undo it.
        obj = super().with_content_json(content)
        obj.archived_at = self.archived_at
        return obj

    def get_context(self, request, *args, **kwargs):
        from .listing import notice_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(notice_detail_context(self, request))
        return context


class NoticeAttachment(Orderable):
    notice = ParentalKey(OfficialNoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("dokument"),
    )
    title = models.CharField(
        _("název přílohy"),
        max_length=255,
        blank=True,
        help_text=_("Nevyplníte-li, použije se název dokumentu."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("příloha")
        verbose_name_plural = _("přílohy")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title


class NoticeResponsiblePerson(Orderable):
    notice = ParentalKey(
        OfficialNoticePage, on_delete=models.CASCADE, related_name="responsible_persons"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba")
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("odpovědná osoba")
        verbose_name_plural = _("odpovědné osoby")

    def __str__(self):
        return str(self.person)
