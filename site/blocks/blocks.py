"""The component library: every block a page body can hold (CSGOV's "komponenty").

Each block renders through ``themes/<theme>/templates/blocks/<block>.html``. Headings inside
blocks start at ``<h2>`` (the page title is the only ``<h1>``); items of a block with a heading
get ``<h3>``. ``BodyStreamBlock`` offers all of them and is what pages use for their body.

Nothing here makes a visitor's browser talk to a third party by default: videos wait behind a
click-to-load placeholder and maps are a static placeholder with a link to OpenStreetMap.
"""

import html
import re
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.functional import cached_property
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.definition_lookup import BlockDefinitionLookupBuilder
from wagtail.contrib.typed_table_block.blocks import TypedTable, TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from municipalities.registry import module_blocks as module_blocks_of_registry
from municipalities.scope import paths_q
from radnice.core.images import (
    ALT_TEXT_REQUIRED,
    DECORATIVE_HELP,
    DECORATIVE_LABEL,
    image_alt,
    missing_alt_text,
    prefetch_renditions,
)

from .icons import ICON_CHOICES
from .items import NodeItem, attach_images, localized_site_root, specific_in_order
from .sources import latest_items, source_choices

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
SIMPLE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
INLINE_TEXT_FEATURES = ["bold", "italic", "link", "document-link"]


def heading_block(required=False):
    return blocks.CharBlock(
        label=_("nadpis"),
        required=required,
        max_length=255,
        help_text=_("Zobrazí se jako nadpis druhé úrovně (pod nadpisem stránky)."),
    )


class HeadedValue(blocks.StructValue):
    """A block with an optional heading: its items' headings sit one level below it."""

    @property
    def item_heading_level(self):
        return 3 if self.get("heading") else 2


# --- links --------------------------------------------------------------------------------


class LinkValue(blocks.StructValue):
    @property
    def is_set(self):
        return bool(self.get("page") or self.get("url"))

    @cached_property
    def target_page(self):
        """The chosen page in the visitor's language, when it has been translated."""
        page = self.get("page")
        return page.localized if page else None

    @property
    def link_text(self):
        page = self.target_page
        return self.get("text") or (page.title if page else self.get("url", ""))


class LinkBlock(blocks.StructBlock):
    """A link to a page of the town's web (preferred) or to any URL."""

    page = blocks.PageChooserBlock(label=_("stránka webu"), required=False)
    url = blocks.URLBlock(label=_("nebo adresa URL"), required=False)
    text = blocks.CharBlock(
        label=_("text odkazu"),
        required=False,
        max_length=120,
        help_text=_("Bez vyplnění se použije název stránky. U adresy URL je povinný."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        optional = not self.meta.required or getattr(self, "is_deferred_validation", False)
        if optional and not value.get("page") and not value.get("url"):
            return value  # nothing chosen yet: fine for an optional link or a draft
        if value.get("page") and value.get("url"):
            errors["url"] = ValidationError(_("Vyberte buď stránku, nebo zadejte adresu URL."))
        elif not value.get("page") and not value.get("url"):
            errors["page"] = ValidationError(_("Vyberte stránku, nebo zadejte adresu URL."))
        elif value.get("url") and not value.get("text"):
            errors["text"] = ValidationError(_("U odkazu na adresu URL vyplňte text odkazu."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "link"
        label = _("odkaz")
        value_class = LinkValue
        required = True


# --- text and images ------------------------------------------------------------------------


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("text")
        template = "blocks/rich_text.html"


class ImageValue(blocks.StructValue):
    @property
    def alt(self):
        return image_alt(self.get("image"), self.get("alt_text"), self.get("decorative"))


def alt_text_block():
    return blocks.CharBlock(
        label=_("alternativní text"),
        required=False,
        max_length=255,
        help_text=_(
            "Popis obrázku pro nevidomé a pro případ, že se obrázek nenačte. Bez vyplnění se "
            "použije popis obrázku z knihovny; když ho obrázek nemá, je text povinný."
        ),
    )


def decorative_block():
    return blocks.BooleanBlock(
        label=DECORATIVE_LABEL, required=False, default=False, help_text=DECORATIVE_HELP
    )


class AltTextRequiredMixin:
    """An image needs an alt text (here or as its description) unless marked decorative.

    Drafts may be saved without it, as Wagtail's own ImageBlock allows.
    """

    def clean(self, value):
        value = super().clean(value)
        if getattr(self, "is_deferred_validation", False):
            return value
        if missing_alt_text(value.get("image"), value.get("alt_text"), value.get("decorative")):
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ALT_TEXT_REQUIRED)}
            )
        return value


class ImageBlock(AltTextRequiredMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("obrázek"))
    alt_text = alt_text_block()
    decorative = decorative_block()
    caption = blocks.CharBlock(label=_("popisek"), required=False, max_length=255)
    attribution = blocks.CharBlock(
        label=_("autor / zdroj"),
        required=False,
        max_length=255,
        help_text=_("Např. „Foto: J. Novák“."),
    )

    class Meta:
        icon = "image"
        label = _("obrázek")
        template = "blocks/image.html"
        value_class = ImageValue


class ImageWithTextBlock(AltTextRequiredMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("obrázek"))
    alt_text = alt_text_block()
    decorative = decorative_block()
    image_position = blocks.ChoiceBlock(
        label=_("umístění obrázku"),
        choices=[("left", _("vlevo")), ("right", _("vpravo"))],
        default="left",
    )
    heading = heading_block()
    text = RichTextBlock(label=_("text"), features=SIMPLE_TEXT_FEATURES)
    link = LinkBlock(label=_("odkaz"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("obrázek s textem")
        template = "blocks/image_with_text.html"
        value_class = ImageValue


class GalleryImageBlock(AltTextRequiredMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("obrázek"))
    alt_text = alt_text_block()
    decorative = decorative_block()
    caption = blocks.CharBlock(label=_("popisek"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("obrázek galerie")
        value_class = ImageValue


# Each thumbnail links to this rendition: large, in the original's format and proportions.
GALLERY_LARGE_IMAGE = "width-1600"


class GalleryBlock(blocks.StructBlock):
    heading = heading_block()
    images = blocks.ListBlock(GalleryImageBlock(), label=_("obrázky"), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        prefetch_renditions(
            [item.get("image") for item in value.get("images") or []],
            "landscape",
            extra_specs=[GALLERY_LARGE_IMAGE],
        )
        context["large_image_spec"] = GALLERY_LARGE_IMAGE
        return context

    class Meta:
        icon = "image"
        label = _("galerie")
        template = "blocks/gallery.html"
        value_class = HeadedValue


# --- structure ------------------------------------------------------------------------------


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("otázka / název části"), max_length=255)
    content = RichTextBlock(label=_("obsah"), features=SIMPLE_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        label = _("část")


class AccordionBlock(blocks.StructBlock):
    heading = heading_block()
    items = blocks.ListBlock(AccordionItemBlock(), label=_("části"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("akordeon (rozbalovací části)")
        template = "blocks/accordion.html"
        value_class = HeadedValue
        description = _("Rozbalovací části, např. časté dotazy. Funguje i bez JavaScriptu.")


class TileBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("název"), max_length=120)
    text = blocks.TextBlock(label=_("krátký text"), required=False, max_length=300)
    link = LinkBlock(label=_("odkaz"))
    icon = blocks.ChoiceBlock(label=_("ikona"), choices=ICON_CHOICES, required=False)
    image = ImageChooserBlock(
        label=_("obrázek"),
        required=False,
        help_text=_("Jen ilustrační (čtečky ho přeskočí): co dlaždice nabízí, řekne její název."),
    )

    class Meta:
        icon = "grip"
        label = _("dlaždice")


class TilesBlock(blocks.StructBlock):
    heading = heading_block()
    tiles = blocks.ListBlock(TileBlock(), label=_("dlaždice"), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        prefetch_renditions([tile.get("image") for tile in value.get("tiles") or []], "landscape")
        return context

    class Meta:
        icon = "grip"
        label = _("dlaždice")
        template = "blocks/tiles.html"
        value_class = HeadedValue


INFO_LEVELS = [
    ("info", _("Informace")),
    ("success", _("Hotovo")),
    ("warning", pgettext_lazy("informační panel", "Upozornění")),
    ("error", _("Důležité")),
]


class InfoPanelValue(blocks.StructValue):
    @property
    def level_label(self):
        return dict(INFO_LEVELS).get(self.get("level"), INFO_LEVELS[0][1])


class InfoPanelBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        label=_("druh"),
        choices=INFO_LEVELS,
        default="info",
        help_text=_("Druh je vidět i jako text, nejen barvou."),
    )
    heading = blocks.CharBlock(label=_("nadpis"), required=False, max_length=255)
    text = RichTextBlock(label=_("text"), features=SIMPLE_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("informační panel")
        template = "blocks/info_panel.html"
        value_class = InfoPanelValue


class StatBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("hodnota"), max_length=32, help_text=_("Např. „412“."))
    label = blocks.CharBlock(label=_("popis"), max_length=120, help_text=_("Např. „obyvatel“."))

    class Meta:
        icon = "order"
        label = _("údaj")


class StatsBarBlock(blocks.StructBlock):
    heading = heading_block()
    items = blocks.ListBlock(StatBlock(), label=_("údaje"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = _("pruh s čísly")
        template = "blocks/stats_bar.html"
        value_class = HeadedValue


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokument"))
    title = blocks.CharBlock(
        label=_("název"),
        required=False,
        max_length=255,
        help_text=_("Bez vyplnění se použije název dokumentu z knihovny."),
    )

    class Meta:
        icon = "doc-full"
        label = _("příloha")


class AttachmentListBlock(blocks.StructBlock):
    heading = heading_block()
    attachments = blocks.ListBlock(AttachmentBlock(), label=_("přílohy"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("přílohy")
        template = "blocks/attachment_list.html"
        value_class = HeadedValue


# --- tables ---------------------------------------------------------------------------------


class TranslatableTypedTableBlock(TypedTableBlock):
    """A typed table whose caption, column headings and text cells wagtail-localize translates.

    wagtail-localize skips block types it does not know; these two hooks are how it asks a
    block for its strings and how it gives them back translated.
    """

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        if not value:
            return []
        segments = []
        if value.caption:
            segments.append(StringSegmentValue("caption", value.caption))
        for index, column in enumerate(value.columns):
            if column["heading"]:
                segments.append(StringSegmentValue(f"heading-{index}", column["heading"]))
        extractor = StreamFieldSegmentExtractor(None)
        for row_index, row in enumerate(value.row_data):
            for index, (column, cell) in enumerate(zip(value.columns, row["values"], strict=False)):
                segments.extend(
                    segment.wrap(f"cell-{row_index}-{index}")
                    for segment in extractor.handle_block(column["block"], cell)
                )
        return segments

    def restore_translated_segments(self, value, segments):
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        by_key = defaultdict(list)
        for segment in segments:
            key, inner = segment.unwrap()
            by_key[key].append(inner)

        def text(key, default):
            return by_key[key][0].render_text() if by_key.get(key) else default

        writer = StreamFieldSegmentsWriter(None, None, None)
        columns = [
            {"block": column["block"], "heading": text(f"heading-{index}", column["heading"])}
            for index, column in enumerate(value.columns)
        ]
        rows = []
        for row_index, row in enumerate(value.row_data):
            values = []
            for index, (column, cell) in enumerate(zip(value.columns, row["values"], strict=False)):
                cell_segments = by_key.get(f"cell-{row_index}-{index}")
                values.append(
                    writer.handle_block(column["block"], cell, cell_segments)
                    if cell_segments
                    else cell
                )
            rows.append({"values": values})
        return TypedTable(columns=columns, row_data=rows, caption=text("caption", value.caption))


class TableBlock(blocks.StructBlock):
    table = TranslatableTypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("text"))),
            ("number", blocks.DecimalBlock(label=_("číslo"))),
            ("date", blocks.DateBlock(label=_("datum"))),
            (
                "rich_text",
                RichTextBlock(label=_("formátovaný text"), features=INLINE_TEXT_FEATURES),
            ),
        ],
        label=_("tabulka"),
        help_text=_("Sloupce mají záhlaví; popisek tabulky (caption) řekne, co tabulka obsahuje."),
    )
    row_headers = blocks.BooleanBlock(
        label=_("první sloupec je záhlavím řádků"), required=False, default=False
    )

    class Meta:
        icon = "table"
        label = _("tabulka")
        template = "blocks/table.html"


# --- quotes, calls to action, guides ----------------------------------------------------------


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citace"))
    author = blocks.CharBlock(label=_("autor"), required=False, max_length=255)
    role = blocks.CharBlock(
        label=_("funkce nebo zdroj"),
        required=False,
        max_length=255,
        help_text=_("Např. „starosta“."),
    )

    class Meta:
        icon = "openquote"
        label = _("citace")
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    heading = heading_block(required=True)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=500)
    link = LinkBlock(label=_("tlačítko"))

    class Meta:
        icon = "pick"
        label = _("výzva k akci")
        template = "blocks/call_to_action.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("název kroku"), max_length=255)
    content = RichTextBlock(label=_("popis"), features=SIMPLE_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = _("krok")


class StepByStepBlock(blocks.StructBlock):
    heading = heading_block(required=True)
    intro = blocks.TextBlock(label=_("úvod"), required=False, max_length=500)
    steps = blocks.ListBlock(StepBlock(), label=_("kroky"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("postup krok za krokem")
        template = "blocks/step_by_step.html"
        description = _("Očíslovaný návod, např. jak vyřídit občanský průkaz.")


# --- media, people, places ------------------------------------------------------------------

PRIVACY_ENHANCED_HOSTS = {
    "https://www.youtube.com/embed/": "https://www.youtube-nocookie.com/embed/",
    "https://youtube.com/embed/": "https://www.youtube-nocookie.com/embed/",
}
IFRAME_SRC = re.compile(r"<iframe\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)


class VideoValue(blocks.StructValue):
    @property
    def url(self):
        video = self.get("video")
        return video.url if video else ""

    @cached_property
    def player_src(self):
        """The address of the provider's player, or "" when it is not known.

        It comes from Wagtail's embed cache only, filled when an editor saves the block; the
        page never asks the provider while rendering. YouTube's player is swapped for its
        privacy-enhanced (no-cookie) variant. Without it, or for a player the site's
        Content-Security-Policy does not admit, the placeholder offers just a link.
        """
        from wagtail.embeds.embeds import get_embed_hash
        from wagtail.embeds.models import Embed

        video = self.get("video")
        if not video:
            return ""
        embed_hash = get_embed_hash(video.url, video.max_width, video.max_height)
        embed = Embed.objects.exclude(cache_until__lte=now()).filter(hash=embed_hash).first()
        match = IFRAME_SRC.search(embed.html or "") if embed else None
        if match is None:
            return ""
        src = html.unescape(match.group(1))
        if src.startswith("//"):
            src = f"https:{src}"
        if not src.startswith("https://"):
            return ""
        for host, private_host in PRIVACY_ENHANCED_HOSTS.items():
            if src.startswith(host):
                src = private_host + src[len(host) :]
        # Only players the Content-Security-Policy admits as frames; others get the link.
        if not src.startswith(tuple(f"{o}/" for o in settings.RADNICE_VIDEO_PLAYER_ORIGINS)):
            return ""
        return src


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("adresa videa"), help_text=_("Odkaz na video na YouTube, Vimeu apod.")
    )
    title = blocks.CharBlock(
        label=_("název videa"),
        max_length=255,
        help_text=_("Zobrazí se na zástupném obrázku a přečte ho čtečka obrazovky."),
    )
    caption = blocks.CharBlock(label=_("popisek"), required=False, max_length=255)
    transcript = RichTextBlock(
        label=_("přepis"),
        required=False,
        features=SIMPLE_TEXT_FEATURES,
        help_text=_("Přepis nebo shrnutí obsahu videa pro ty, kdo ho nemohou pustit."),
    )

    class Meta:
        icon = "media"
        label = _("video")
        template = "blocks/video.html"
        value_class = VideoValue
        description = _("Video se načte až po kliknutí návštěvníka (bez sledování předem).")


class ContactCardBlock(blocks.StructBlock):
    person = SnippetChooserBlock("people.Person", label=_("osoba"))
    show_photo = blocks.BooleanBlock(label=_("zobrazit fotografii"), required=False, default=True)

    def get_context(self, value, parent_context=None):
        """Only the current municipality's own people are shown (the chooser offers no other)."""
        context = super().get_context(value, parent_context=parent_context)
        person = value.get("person")
        current = getattr(context.get("municipality"), "pk", None)
        if person is not None and current is not None and person.municipality_id != current:
            person = None
        context["person"] = person
        return context

    class Meta:
        icon = "user"
        label = _("kontakt")
        template = "blocks/contact_card.html"


class MapValue(blocks.StructValue):
    def _coordinates(self):
        return Decimal(self.get("latitude") or 0), Decimal(self.get("longitude") or 0)

    @property
    def osm_url(self):
        latitude, longitude = self._coordinates()
        zoom = self.get("zoom") or 16
        return (
            f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
            f"#map={zoom}/{latitude:.6f}/{longitude:.6f}"
        )

    @property
    def coordinates_label(self):
        latitude, longitude = self._coordinates()
        north_south = _("s. š.") if latitude >= 0 else _("j. š.")
        east_west = _("v. d.") if longitude >= 0 else _("z. d.")
        return f"{abs(latitude):.5f}° {north_south}, {abs(longitude):.5f}° {east_west}"


class MapBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("název místa"), max_length=255)
    address = blocks.CharBlock(label=_("adresa"), required=False, max_length=255)
    latitude = blocks.DecimalBlock(
        label=_("zeměpisná šířka"),
        min_value=-90,
        max_value=90,
        decimal_places=6,
        help_text=_("Např. 49.951230 (z mapy.cz nebo openstreetmap.org)."),
    )
    longitude = blocks.DecimalBlock(
        label=_("zeměpisná délka"),
        min_value=-180,
        max_value=180,
        decimal_places=6,
        help_text=_("Např. 15.123450."),
    )
    zoom = blocks.IntegerBlock(label=_("přiblížení"), min_value=3, max_value=19, default=16)

    class Meta:
        icon = "site"
        label = _("mapa")
        template = "blocks/map.html"
        value_class = MapValue
        description = _("Místo s odkazem na mapu OpenStreetMap; mapa se nenačítá předem.")


# --- listings -------------------------------------------------------------------------------

VIEW_MODES = [("card", _("karta")), ("teaser", _("upoutávka")), ("tile", _("dlaždice"))]
COLUMN_CHOICES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


def localize_pages(pages, locale_id):
    """Each page in ``locale_id`` when it has a live translation there (one query)."""
    if not pages or all(page.locale_id == locale_id for page in pages):
        return pages
    from wagtail.models import Page

    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(locale_id=locale_id, translation_key__in=[p.translation_key for p in pages])
        .specific()
    }
    return [translations.get(page.translation_key, page) for page in pages]


def node_list_items(value, page):
    """The items a node list shows on ``page``: hand-picked or the latest of a source.

    Both stay inside the page's municipality (and language): hand-picked pages of another
    tree are dropped, "latest" asks the source for the descendants of the page's site root.
    """
    root = localized_site_root(page)
    if root is None:
        return []
    if value.get("mode") == "latest":
        return latest_items(value.get("source"), root, value.get("limit") or 3) or []

    from wagtail.models import Page

    chosen_ids = [chosen.pk for chosen in value.get("pages") or [] if chosen is not None]
    if not chosen_ids:
        return []
    own_trees = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
    in_town = Page.objects.live().filter(paths_q(list(own_trees.values_list("path", flat=True))))
    pages = localize_pages(specific_in_order(chosen_ids, in_town), root.locale_id)
    attach_images(pages)
    return [NodeItem(chosen) for chosen in pages]


class NodeListBlock(blocks.StructBlock):
    heading = heading_block()
    mode = blocks.ChoiceBlock(
        label=_("obsah"),
        choices=[("selected", _("vybrané stránky")), ("latest", _("nejnovější obsah ze zdroje"))],
        default="selected",
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=_("stránka")),
        label=_("vybrané stránky"),
        required=False,
        help_text=_("Pro „vybrané stránky“: stránky v tomto pořadí."),
    )
    source = blocks.ChoiceBlock(
        label=_("zdroj"),
        choices=source_choices,
        required=False,
        help_text=_("Pro „nejnovější obsah“: odkud se položky berou."),
    )
    limit = blocks.IntegerBlock(
        label=_("počet položek"), min_value=1, max_value=12, default=3, required=False
    )
    view_mode = blocks.ChoiceBlock(label=_("zobrazení"), choices=VIEW_MODES, default="card")
    columns = blocks.ChoiceBlock(label=_("počet sloupců"), choices=COLUMN_CHOICES, default="3")
    more_link = LinkBlock(label=_("odkaz „Další“"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if getattr(self, "is_deferred_validation", False):
            return value  # a draft may be saved before its pages or source are chosen
        if value.get("mode") == "latest" and not value.get("source"):
            raise blocks.StructBlockValidationError(
                block_errors={"source": ValidationError(_("Vyberte zdroj nejnovějšího obsahu."))}
            )
        if value.get("mode") != "latest" and not value.get("pages"):
            raise blocks.StructBlockValidationError(
                block_errors={"pages": ValidationError(_("Vyberte alespoň jednu stránku."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        view_mode = value.get("view_mode")
        if view_mode not in dict(VIEW_MODES):
            view_mode = VIEW_MODES[0][0]
        context["items"] = node_list_items(value, context.get("page"))
        context["item_heading_level"] = 3 if value.get("heading") else 2
        context["view_mode_template"] = f"blocks/view_modes/{view_mode}.html"
        return context

    class Meta:
        icon = "list-ul"
        label = _("výpis stránek")
        template = "blocks/node_list.html"
        description = _(
            "Vybrané stránky, nebo nejnovější aktuality, akce či oznámení z úřední desky."
        )


class BodyStreamBlock(blocks.StreamBlock):
    """Everything a page body may contain: the component library, then the teaser blocks of
    every registered module (``municipalities.registry.module_blocks``).

    Module blocks are added when the block is built, and modules register when Django starts,
    so fields take the class (``BodyField(BodyStreamBlock)``) and build it on first use.
    """

    def __init__(self, local_blocks=None, **kwargs):
        module_blocks = module_blocks_of_registry()
        clash = sorted({name for name, _block in module_blocks} & set(self.base_blocks))
        if clash:
            raise ImproperlyConfigured(f"Module blocks {clash} clash with components of the body.")
        super().__init__([*module_blocks, *(local_blocks or [])], **kwargs)

    rich_text = RichTextBlock()
    image = ImageBlock()
    image_with_text = ImageWithTextBlock()
    gallery = GalleryBlock()
    accordion = AccordionBlock()
    tiles = TilesBlock()
    info_panel = InfoPanelBlock()
    stats_bar = StatsBarBlock()
    attachments = AttachmentListBlock()
    table = TableBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    step_by_step = StepByStepBlock()
    video = VideoBlock()
    contact = ContactCardBlock()
    map = MapBlock()
    node_list = NodeListBlock()


class BodyField(StreamField):
    """A page body: ``BodyField(BodyStreamBlock)``, a StreamField whose migrations record only
    the platform's own blocks.

    ``deconstruct()`` leaves out the teaser blocks that modules add (``module_blocks``), so a
    module that adds or changes a block, or an installation that switches a module off in
    INSTALLED_APPS, never changes the migrations of the core page apps. That is safe because a
    StreamField is one JSON column whatever its blocks: the definitions in a migration serve
    only data migrations, and the core's data migrations work on the raw JSON (``raw_data``),
    keeping blocks they do not know as they are. A module's own migrations never see the body.
    """

    def deconstruct(self):
        field_name, _path, _args, kwargs = super().deconstruct()
        of_modules = {name for name, _block in module_blocks_of_registry()}
        lookup = BlockDefinitionLookupBuilder()
        block_types = [
            (name, lookup.add_block(block))
            for name, block in self.stream_block.child_blocks.items()
            if name not in of_modules
        ]
        kwargs["block_lookup"] = lookup.get_lookup_as_dict()
        # Recorded as a plain StreamField: migrations need no import of this module.
        return field_name, "wagtail.fields.StreamField", [block_types], kwargs


def rich_text_stream(html):
    """A body value holding ``html`` as one text block (demo data, tests, data migrations)."""
    from wagtail.rich_text import RichText

    return [("rich_text", RichText(html))] if html else []
