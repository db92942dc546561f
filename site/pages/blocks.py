"""Blocks only the accessibility statement uses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from radnice.blocks.blocks import SIMPLE_TEXT_FEATURES, RichTextBlock

# The three reasons law 99/2019 Sb. (§ 5 and § 6, and the statement's model in the EU
# implementing decision 2018/1523) allows for content that is not accessible.
NON_ACCESSIBLE_REASONS = [
    ("non_compliance", _("Nesoulad s právními předpisy")),
    ("disproportionate_burden", _("Nepřiměřená zátěž")),
    ("out_of_scope", _("Obsah mimo rozsah platných právních předpisů")),
]


class NonAccessibleContentBlock(blocks.StructBlock):
    reason = blocks.ChoiceBlock(label=_("důvod"), choices=NON_ACCESSIBLE_REASONS)
    title = blocks.CharBlock(
        label=_("co není přístupné"),
        max_length=255,
        help_text=_("Např. „Starší dokumenty PDF na úřední desce nemají textovou vrstvu.“"),
    )
    description = RichTextBlock(
        label=_("podrobnosti"),
        required=False,
        features=SIMPLE_TEXT_FEATURES,
        help_text=_("Proč obsah není přístupný a které požadavky nesplňuje."),
    )
    alternative = blocks.TextBlock(
        label=_("přístupná alternativa"),
        required=False,
        help_text=_("Jak se návštěvník k obsahu dostane jinak, např. na požádání e-mailem."),
    )

    class Meta:
        icon = "warning"
        label = _("nepřístupný obsah")
        template = "blocks/non_accessible_content.html"
