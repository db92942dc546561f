"""Responsive images: the named crops, their renditions and the ``<picture>`` a page shows.

Every public image goes through ``picture()`` (the ``{% responsive_image %}`` tag): a named
crop (CSGOV's 3:1 hero, 3:2 landscape and 1:1 square, all cut around the image's focal
point, or the original proportions for content images) in a few widths, as AVIF and WebP
sources and a JPEG (PNG for images that may be transparent) fallback ``<img>`` with its width
and height, so the browser reserves the space before the file arrives. Images are lazy by
default; the one image above the fold of a page (a hero, a main image) asks for priority.

Per crop and image that is ``len(widths) × 2 + 1`` renditions (seven), generated on first
use and reused afterwards. Listings fetch the renditions of all their images in one query
(``images_with_renditions``, ``prefetch_renditions``), so a page with ten images costs as
many queries as one with two.

Alt text: an image either has one (the editor's for this use, or the image's own description
in the library) or the editor marks it decorative and it gets ``alt=""``.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_renditions_or_not_found

MODERN_FORMATS = ("avif", "webp")
# Originals of these types may be transparent: their fallback stays PNG instead of JPEG.
TRANSPARENT_EXTENSIONS = (".png", ".gif")

ALT_TEXT_REQUIRED = _("Vyplňte alternativní text, nebo označte obrázek jako dekorativní.")
DECORATIVE_LABEL = _("dekorativní obrázek")
DECORATIVE_HELP = _(
    "Obrázek jen dotváří vzhled a nenese žádnou informaci: čtečky obrazovky ho přeskočí "
    "a alternativní text není potřeba."
)


@dataclass(frozen=True)
class Crop:
    """A named shape in which pages show images, with the widths offered to browsers."""

    name: str
    ratio: tuple[int, int] | None  # width : height, None keeps the original proportions
    widths: tuple[int, ...]  # ascending; the middle one is the fallback's
    sizes: str  # the default ``sizes`` attribute: how wide the image is on the page

    def operation(self, width):
        if self.ratio is None:
            return f"width-{width}"
        ratio_width, ratio_height = self.ratio
        return f"fill-{width}x{round(width * ratio_height / ratio_width)}"

    def spec(self, width, fmt):
        return f"{self.operation(width)}|format-{fmt}"

    @property
    def fallback_width(self):
        return self.widths[len(self.widths) // 2]

    def specs(self):
        """Every rendition spec this crop may ask for (for prefetching)."""
        modern = [self.spec(width, fmt) for fmt in MODERN_FORMATS for width in self.widths]
        fallbacks = [self.spec(self.fallback_width, fmt) for fmt in ("jpeg", "png")]
        return [*modern, *fallbacks]

    def widths_for(self, image):
        """The widths worth offering for ``image``: renditions never upscale, so widths beyond
        the source collapse into one (the largest the source allows)."""
        largest = image.width
        if self.ratio is not None:
            ratio_width, ratio_height = self.ratio
            largest = min(image.width, image.height * ratio_width / ratio_height)
        smaller = [width for width in self.widths if width < largest]
        return [*smaller, *[width for width in self.widths if width >= largest][:1]]

    def specs_for(self, image):
        """The rendition specs of ``image`` in this crop, the fallback last."""
        transparent = image.file.name.lower().endswith(TRANSPARENT_EXTENSIONS)
        modern = [
            self.spec(width, fmt) for fmt in MODERN_FORMATS for width in self.widths_for(image)
        ]
        return [*modern, self.spec(self.fallback_width, "png" if transparent else "jpeg")]


CONTENT_SIZES = "(min-width: 72rem) 70rem, 100vw"
# Widths are multiples of the ratio's terms, so every rendition has exactly its crop's shape.
CROPS = {
    crop.name: crop
    for crop in (
        Crop("hero", (3, 1), (720, 1440, 1920), "100vw"),
        Crop("landscape", (3, 2), (480, 960, 1440), CONTENT_SIZES),
        Crop("square", (1, 1), (160, 320, 640), "10rem"),
        Crop("original", None, (480, 800, 1200), CONTENT_SIZES),
    )
}


def get_crop(name):
    try:
        return CROPS[name]
    except KeyError:
        raise ValueError(f"Unknown image crop {name!r}; choose one of {sorted(CROPS)}") from None


def rendition_specs(*crop_names):
    """All rendition specs of the named crops, e.g. for ``prefetch_renditions``."""
    return [spec for name in crop_names for spec in get_crop(name).specs()]


def images_with_renditions(*crop_names, extra_specs=()):
    """A queryset of images that brings along their renditions of the named crops."""
    specs = [*rendition_specs(*crop_names), *extra_specs]
    return get_image_model().objects.prefetch_renditions(*specs)


def prefetch_renditions(images, *crop_names, extra_specs=()):
    """Load the renditions of the named crops (and ``extra_specs``) of fetched ``images``.

    One query for all of them.

    Renditions prefetched earlier (for other crops) are dropped first: Wagtail trusts a
    prefetched list and would generate every missing rendition anew instead of looking it up.
    """
    images = list({id(image): image for image in images if image is not None}.values())
    if not images:
        return
    for image in images:
        image.__dict__.pop("prefetched_renditions", None)
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=[*rendition_specs(*crop_names), *extra_specs])
    )
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def image_alt(image, alt_text="", decorative=False):
    """The alt text to render: "" when decorative, else this use's text, else the image's."""
    if image is None or decorative or getattr(image, "decorative", False):
        return ""
    contextual = getattr(image, "contextual_alt_text", None)  # Wagtail's own ImageBlock
    return alt_text or contextual or image.default_alt_text


def missing_alt_text(image, alt_text="", decorative=False):
    """True when ``image`` would be shown without a real alt text and is not decorative.

    The image's title does not count: in a library it is mostly a file name.
    """
    if image is None or decorative:
        return False
    return not (alt_text or "").strip() and not (getattr(image, "description", "") or "").strip()


def picture(image, crop="original", *, sizes=None, alt=None, priority=False, **attrs):
    """The ``<picture>`` of ``image`` in the named crop ("" without an image).

    ``alt`` defaults to what ``image_alt`` says; ``priority`` is for the image above the fold
    (loaded at once and first), every other image is lazy and decoded off the main thread.
    """
    if not image:
        return ""
    crop = get_crop(crop)
    *modern_specs, fallback_spec = crop.specs_for(image)
    # A missing source file renders a broken image rather than failing the whole page.
    renditions = get_renditions_or_not_found(image, [*modern_specs, fallback_spec])
    sizes = sizes or crop.sizes
    sources = (
        format_html(
            '<source type="image/{}" srcset="{}" sizes="{}">',
            fmt,
            ", ".join(
                f"{renditions[spec].url} {renditions[spec].width}w"
                for spec in modern_specs
                if spec.endswith(f"|format-{fmt}")
            ),
            sizes,
        )
        for fmt in MODERN_FORMATS
    )
    attrs = {key.replace("_", "-"): value for key, value in attrs.items() if value is not None}
    attrs["alt"] = image_alt(image) if alt is None else alt
    if priority:
        attrs.update(loading="eager", fetchpriority="high")
    else:
        attrs.update(loading="lazy", decoding="async")
    fallback = renditions[fallback_spec].img_tag(attrs)
    # Every source element is built by format_html.
    return format_html("<picture>{}{}</picture>", mark_safe("".join(sources)), fallback)
