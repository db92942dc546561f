"""News ("Aktuality"): an index page per town, news pages beneath it, and a type taxonomy.

The models stay thin: listing, filtering, feeds and open data live in ``queries``, ``feeds``
and ``opendata``; the index page only wires them to its routes.
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from radnice.core.feeds import FeedRoutesMixin
from radnice.core.main_image import (
    MainImagePageForm,
    main_image_alt_text_field,
    main_image_decorative_field,
    main_image_panel,
)
from radnice.core.taxonomy import Taxonomy

from .blocks import NewsBodyBlock
from .widgets import ScopedNewsTagWidget


class NewsType(Taxonomy):
    """A town's own taxonomy of news ("Typ aktuality"): Doprava, Odpady, Kultura..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("typ aktuality")
        verbose_name_plural = _("typy aktualit")
        default_related_name = "news_types"


def alternate_links(index_page, data_page, request):
    """Feeds of the news index and the open data of ``data_page`` (the index or one item)."""
    index_url = index_page.get_url(request)
    return [
        {
            "type": "application/rss+xml",
            "title": _("Kanál RSS"),
            "url": index_url + index_page.reverse_subpage("rss"),
        },
        {
            "type": "application/atom+xml",
            "title": _("Kanál Atom"),
            "url": index_url + index_page.reverse_subpage("atom"),
        },
        {
            "type": "application/ld+json",
            "title": _("Otevřená data (OFN Aktuality, JSON-LD)"),
            "url": data_page.get_url(request) + data_page.reverse_subpage("ofn"),
        },
    ]


class NewsIndexPage(FeedRoutesMixin, RoutablePageMixin, Page):
    """The listing of a town's news, with RSS and Atom feeds and OFN open data beneath it."""

    rss_feed_class = "radnice.news.feeds.NewsRssFeed"
    atom_feed_class = "radnice.news.feeds.NewsAtomFeed"

    intro = models.CharField(
        _("úvodní text"),
        max_length=320,
        blank=True,
        help_text=_("Krátký text nad výpisem; použije se i jako popis kanálů RSS a Atom."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.LandingPage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("výpis aktualit")
        verbose_name_plural = _("výpisy aktualit")

    def get_context(self, request, *args, **kwargs):
        from .queries import news_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = news_listing(self, request.GET)
        context["alternate_links"] = alternate_links(self, self, request)
        return context

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        type_slug = (
            NewsPage.objects.live()
            .descendant_of(self)
            .exclude(news_type=None)
            .order_by("news_type__name")
            .values_list("news_type__slug", flat=True)
            .first()
        )
        routes = [("news", _("Aktuality"), "")]
        if type_slug:
            routes.append(("news_filtered", _("Aktuality – filtr"), f"?type={type_slug}"))
        return routes

    @path("data.jsonld", name="ofn")
    def ofn_list(self, request):
        """OFN "Aktuality" of every live news item beneath this index.

        Reached through ``radnice.core.page_files`` (Wagtail's own URLs take no dots).
        """
        from radnice.opendata.ofn import jsonld_response

        from .opendata import ofn_news_list

        return jsonld_response(ofn_news_list(self, request))


class NewsPage(RoutablePageMixin, Page):
    """One news article ("Aktualita")."""

    date = models.DateField(_("datum"), default=timezone.localdate)
    news_type = models.ForeignKey(
        NewsType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("typ"),
    )
    teaser = models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_(
            "Krátké shrnutí do výpisů, vyhledávání, kanálů RSS a náhledů na sociálních sítích."
        ),
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hlavní obrázek"),
    )
    main_image_alt_text = main_image_alt_text_field()
    main_image_decorative = main_image_decorative_field()
    main_image_caption = models.CharField(_("popisek hlavního obrázku"), max_length=255, blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("obsah"), blank=True)
    tags = ClusterTaggableManager(through="news.NewsPageTag", blank=True, verbose_name=_("štítky"))

    base_form_class = MainImagePageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("news_type", widget=forms.Select)]),
        FieldPanel("teaser"),
        main_image_panel(),
        FieldPanel("body"),
        FieldPanel("tags", widget=ScopedNewsTagWidget),
        InlinePanel("related_persons", label=_("Související osoby"), heading=_("Osoby")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("aktualita")
        verbose_name_plural = _("aktuality")

    def get_context(self, request, *args, **kwargs):
        from .schema_org import news_article

        context = super().get_context(request, *args, **kwargs)
        news_index = self.get_parent().specific
        context["news_index"] = news_index
        context["alternate_links"] = alternate_links(news_index, self, request)
        context["tags"] = list(self.tags.all())
        context["persons"] = [link.person for link in self.related_persons.select_related("person")]
        context["schema_org"] = news_article(self, request)
        return context

    @path("data.jsonld", name="ofn")
    def ofn_item(self, request):
        """OFN "Aktualita" of this page, reached through ``radnice.core.page_files``."""
        from radnice.opendata.ofn import jsonld_response

        from .opendata import ofn_news_item

        return jsonld_response(ofn_news_item(self, request))


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="tagged_items")


class NewsPagePerson(Orderable):
    """A person of the town's office related to a news item (e.g. who to contact)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_persons")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba")
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("související osoba")
        verbose_name_plural = _("související osoby")
