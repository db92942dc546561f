"""Factories of the component library's blocks, with realistic Czech defaults.

Every factory builds a value that renders as it is; override any child with the usual
wagtail-factories syntax, e.g. ``AccordionBlockFactory(items__0__title="Kdy platím?")`` or,
on a page, ``StandardPageFactory(body__0__info_panel__level="warning")``.
"""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.contrib.typed_table_block.blocks import TypedTable
from wagtail.embeds.blocks import EmbedValue
from wagtail.models import Collection
from wagtail.rich_text import RichText

from radnice.blocks import blocks


class ImageFactory(wagtail_factories.ImageFactory):
    title = "Náves s kapličkou"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=1200, height=800, color="green")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = "Obecně závazná vyhláška o místním poplatku"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="vyhlaska.pdf", data=b"%PDF-1.4 vyhlaska")


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(ImageFactory)


class DocumentChooserBlockFactory(wagtail_factories.DocumentChooserBlockFactory):
    document = factory.SubFactory(DocumentFactory)


class ValueBlockFactory(wagtail_factories.blocks.BlockFactory):
    """A field block built from a plain value (``to_python``, not ``clean``)."""

    class Meta:
        abstract = True

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return block_class().to_python(kwargs.get("value", cls._meta.declarations.get("value")))


class RichTextBlockFactory(ValueBlockFactory):
    value = "<p>Úřední hodiny jsou v pondělí a ve středu od 8 do 17 hodin.</p>"

    class Meta:
        model = blocks.RichTextBlock


class LinkBlockFactory(wagtail_factories.StructBlockFactory):
    page = None
    url = "https://www.portal.gov.cz/"
    text = "Portál občana"

    class Meta:
        model = blocks.LinkBlock


class ImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = ""
    caption = "Kaplička sv. Jana Nepomuckého na návsi"
    attribution = "Foto: Jan Novák"

    class Meta:
        model = blocks.ImageBlock


class ImageWithTextBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = "Hasičská zbrojnice po rekonstrukci"
    image_position = "right"
    heading = "Nová hasičská zbrojnice"
    text = factory.SubFactory(
        RichTextBlockFactory, value="<p>Zbrojnici jsme opravili s podporou kraje.</p>"
    )
    link = factory.SubFactory(LinkBlockFactory, url="", text="", page=None)

    class Meta:
        model = blocks.ImageWithTextBlock


class GalleryImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = ""
    caption = "Masopust 2026"

    class Meta:
        model = blocks.GalleryImageBlock


class GalleryBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Fotografie z masopustu"
    images = wagtail_factories.ListBlockFactory(GalleryImageBlockFactory)

    class Meta:
        model = blocks.GalleryBlock


class AccordionItemBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Kdy se platí poplatek za odpad?"
    content = factory.SubFactory(
        RichTextBlockFactory, value="<p>Poplatek je splatný do 31. března.</p>"
    )

    class Meta:
        model = blocks.AccordionItemBlock


class AccordionBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Časté dotazy"
    items = wagtail_factories.ListBlockFactory(AccordionItemBlockFactory)

    class Meta:
        model = blocks.AccordionBlock


class TileBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Odpady"
    text = "Svoz, sběrné místo a poplatky."
    link = factory.SubFactory(LinkBlockFactory)
    icon = "waste"
    image = None

    class Meta:
        model = blocks.TileBlock


class TilesBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Co u nás vyřídíte"
    tiles = wagtail_factories.ListBlockFactory(TileBlockFactory)

    class Meta:
        model = blocks.TilesBlock


class InfoPanelBlockFactory(wagtail_factories.StructBlockFactory):
    level = "warning"
    heading = "Uzavírka silnice"
    text = factory.SubFactory(
        RichTextBlockFactory, value="<p>Od 1. do 15. května je ulice Návesní uzavřena.</p>"
    )

    class Meta:
        model = blocks.InfoPanelBlock


class StatBlockFactory(wagtail_factories.StructBlockFactory):
    value = "412"
    label = "obyvatel"

    class Meta:
        model = blocks.StatBlock


class StatsBarBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Obec v číslech"
    items = wagtail_factories.ListBlockFactory(StatBlockFactory)

    class Meta:
        model = blocks.StatsBarBlock


class AttachmentBlockFactory(wagtail_factories.StructBlockFactory):
    document = factory.SubFactory(DocumentChooserBlockFactory)
    title = ""

    class Meta:
        model = blocks.AttachmentBlock


class AttachmentListBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Dokumenty ke stažení"
    attachments = wagtail_factories.ListBlockFactory(AttachmentBlockFactory)

    class Meta:
        model = blocks.AttachmentListBlock


def fee_table():
    table_block = blocks.TableBlock().child_blocks["table"]
    text, number, date = (table_block.child_blocks[name] for name in ("text", "number", "date"))
    return TypedTable(
        columns=[
            {"block": text, "heading": "Poplatek"},
            {"block": number, "heading": "Sazba (Kč)"},
            {"block": date, "heading": "Splatnost"},
        ],
        row_data=[
            {"values": ["Odpad", Decimal("1200"), datetime.date(2026, 3, 31)]},
            {"values": ["Pes", Decimal("150.5"), datetime.date(2026, 3, 31)]},
        ],
        caption="Místní poplatky na rok 2026",
    )


class TableBlockFactory(wagtail_factories.StructBlockFactory):
    table = factory.LazyFunction(fee_table)
    row_headers = True

    class Meta:
        model = blocks.TableBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = "Obec je tak silná, jak silní jsou její lidé."
    author = "Ing. Jan Novák"
    role = "starosta"

    class Meta:
        model = blocks.QuoteBlock


class CallToActionBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Zaplaťte poplatky online"
    text = "Poplatek za odpad a za psa zaplatíte kartou nebo QR kódem."
    link = factory.SubFactory(LinkBlockFactory, text="Zaplatit poplatek")

    class Meta:
        model = blocks.CallToActionBlock


class StepBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Vyplňte žádost"
    content = factory.SubFactory(RichTextBlockFactory, value="<p>Formulář najdete níže.</p>")

    class Meta:
        model = blocks.StepBlock


class StepByStepBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Jak si vyřídit občanský průkaz"
    intro = "Vyřízení trvá do 30 dnů."
    steps = wagtail_factories.ListBlockFactory(StepBlockFactory)

    class Meta:
        model = blocks.StepByStepBlock


class EmbedBlockFactory(ValueBlockFactory):
    value = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

    class Meta:
        model = blocks.EmbedBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return EmbedValue(kwargs.get("value", cls.value))


class VideoBlockFactory(wagtail_factories.StructBlockFactory):
    video = factory.SubFactory(EmbedBlockFactory)
    title = "Pozvánka na Dolnodolský jarmark"
    caption = "Video: Město Horní Dolní"
    transcript = factory.SubFactory(RichTextBlockFactory, value="")

    class Meta:
        model = blocks.VideoBlock


class ContactCardBlockFactory(wagtail_factories.StructBlockFactory):
    person = None
    show_photo = True

    class Meta:
        model = blocks.ContactCardBlock


class MapBlockFactory(wagtail_factories.StructBlockFactory):
    label = "Obecní úřad Lhota pod Lesem"
    address = "Návesní 1, 285 01 Lhota pod Lesem"
    latitude = Decimal("49.951230")
    longitude = Decimal("15.123450")
    zoom = 17

    class Meta:
        model = blocks.MapBlock


class NodeListBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Aktuálně"
    mode = "selected"
    pages = factory.LazyFunction(list)
    source = ""
    limit = 3
    view_mode = "card"
    columns = "3"
    more_link = factory.SubFactory(LinkBlockFactory, url="", text="", page=None)

    class Meta:
        model = blocks.NodeListBlock


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    rich_text = factory.SubFactory(RichTextBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    image_with_text = factory.SubFactory(ImageWithTextBlockFactory)
    gallery = factory.SubFactory(GalleryBlockFactory)
    accordion = factory.SubFactory(AccordionBlockFactory)
    tiles = factory.SubFactory(TilesBlockFactory)
    info_panel = factory.SubFactory(InfoPanelBlockFactory)
    stats_bar = factory.SubFactory(StatsBarBlockFactory)
    attachments = factory.SubFactory(AttachmentListBlockFactory)
    table = factory.SubFactory(TableBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    call_to_action = factory.SubFactory(CallToActionBlockFactory)
    step_by_step = factory.SubFactory(StepByStepBlockFactory)
    video = factory.SubFactory(VideoBlockFactory)
    contact = factory.SubFactory(ContactCardBlockFactory)
    map = factory.SubFactory(MapBlockFactory)
    node_list = factory.SubFactory(NodeListBlockFactory)

    class Meta:
        model = blocks.BodyStreamBlock


def rich_text(html):
    return RichText(html)
