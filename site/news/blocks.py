"""The body of a news article: text, images and quotes.

A minimal set of its own; the shared component library (radnice.blocks) can replace it later
without a data migration as long as the block names stay.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("obrázek"))
    caption = blocks.CharBlock(label=_("popisek"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Obrázek")
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citace"))
    attribution = blocks.CharBlock(label=_("autor citace"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Citace")
        template = "news/blocks/quote.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="news/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
