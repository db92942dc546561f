"""``{% responsive_image %}``: the one way public templates show an image (see core.images).

{% responsive_image page.main_image "landscape" alt=page|main_image_alt priority=True %}
{% responsive_image item.image "square" sizes="10rem" alt="" class="tile__image" %}
"""

from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from ..images import image_alt, picture

register = template.Library()


@register.simple_tag
def responsive_image(image, crop="original", **kwargs):
    return picture(image, crop, **kwargs)


@register.filter
def main_image_alt(page):
    """The alt text of a page's main image: its own field, "" when marked decorative."""
    return image_alt(
        getattr(page, "main_image", None),
        getattr(page, "main_image_alt_text", ""),
        getattr(page, "main_image_decorative", False),
    )


@register.simple_tag
def rendition_url(image, spec):
    """The address of one rendition of ``image`` (e.g. a gallery's link to the large image)."""
    return get_rendition_or_not_found(image, spec).url if image else ""
