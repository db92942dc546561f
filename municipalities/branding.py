"""Per-municipality branding: colours checked for contrast, emitted as CSS custom properties.

A brand colour is validated as a background under white text. As the colour of text and
links it may need adjusting: on the light surfaces of the themes it is darkened, and in dark
mode (where a dark blue link on a near-black page is unreadable) it is lightened, each just
enough to keep 4.5 : 1 against the lightest surface text sits on in that mode.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MINIMUM_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
TEXT_ON_BRAND = "#ffffff"  # themes put white text on the brand colours
# The lightest surface text sits on in each colour mode (docs/themes.md): light mode's grey
# panels and dark mode's raised cards. Themes must not put text on lighter (dark mode) or
# darker (light mode) backgrounds than these.
LIGHT_SURFACE = "#eef1f5"
DARK_SURFACE = "#262c34"

# Fonts the platform ships (self-hosted in themes/default/static/themes/default/fonts/, no
# third-party requests; every one has the full Czech alphabet); "system" uses the visitor's.
FONT_CHOICES = [
    ("system", _("Systémové písmo zařízení")),
    ("source-sans", _("Source Sans 3 (bezpatkové, úřední)")),
    ("atkinson", _("Atkinson Hyperlegible (bezpatkové, nejčitelnější)")),
    ("noto-serif", _("Noto Serif (patkové)")),
    ("serif", _("Patkové systémové písmo")),
]
SYSTEM_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
FONT_STACKS = {
    "system": SYSTEM_SANS,
    "source-sans": f'"Source Sans 3", {SYSTEM_SANS}',
    "atkinson": f'"Atkinson Hyperlegible", {SYSTEM_SANS}',
    "noto-serif": '"Noto Serif", Georgia, "Times New Roman", serif',
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


def mix(colour, other, share):
    """``colour`` with ``share`` (0–1) of ``other`` mixed in, channel by channel in sRGB."""
    channels = []
    for i in (1, 3, 5):
        first, second = int(colour[i : i + 2], 16), int(other[i : i + 2], 16)
        channels.append(round(first + (second - first) * share))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def readable_on(colour, background, minimum=MINIMUM_CONTRAST):
    """``colour`` itself if it reaches ``minimum`` against ``background``; otherwise the
    least change towards white (dark backgrounds) or black (light ones) that does."""
    target = "#ffffff" if relative_luminance(background) < 0.18 else "#000000"
    for step in range(101):
        candidate = mix(colour.lower(), target, step / 100)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return target


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
    for name, colour in (
        ("primary", municipality.primary_color),
        ("secondary", municipality.secondary_color),
    ):
        if colour:
            properties[f"--color-{name}"] = colour.lower()
            properties[f"--color-{name}-text"] = readable_on(colour, LIGHT_SURFACE)
            properties[f"--color-{name}-text-dark"] = readable_on(colour, DARK_SURFACE)
    properties["--font-body"] = FONT_STACKS.get(municipality.font, FONT_STACKS["system"])
    return properties
