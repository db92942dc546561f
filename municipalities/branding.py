"""Per-municipality branding: colours checked for contrast, emitted as CSS custom properties."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MINIMUM_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
TEXT_ON_BRAND = "#ffffff"  # themes put white text on the brand colours

# Fonts the platform ships (self-hosted, no third-party requests); "system" uses the visitor's.
FONT_CHOICES = [
    ("system", _("Systémové písmo zařízení")),
    ("serif", _("Patkové systémové písmo")),
]
FONT_STACKS = {
    "system": 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    "serif": 'Georgia, "Noto Serif", "Times New Roman", serif',
}


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio):
    return f"{ratio:.2f}".replace(".", ",")


def validate_brand_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Barvu zadejte jako #rrggbb, např. #1d4f91 (zadáno: „%(value)s“)."),
            code="colour_format",
            params={"value": value},
        )
    ratio = contrast_ratio(value, TEXT_ON_BRAND)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "Bílý text na barvě %(value)s má kontrast jen %(ratio)s : 1; pro čitelnost "
                "(WCAG 2.1 AA) je potřeba alespoň 4,5 : 1. Zvolte tmavší odstín."
            ),
            code="colour_contrast",
            params={"value": value, "ratio": format_ratio(ratio)},
        )


def css_custom_properties(municipality):
    """The municipality's branding as `--name: value` pairs for a :root rule."""
    properties = {}
    if municipality.primary_color:
        properties["--color-primary"] = municipality.primary_color
    if municipality.secondary_color:
        properties["--color-secondary"] = municipality.secondary_color
    properties["--font-body"] = FONT_STACKS.get(municipality.font, FONT_STACKS["system"])
    return properties
