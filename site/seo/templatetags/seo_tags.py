"""Head tags for every page: canonical, hreflang alternates, Open Graph, Twitter, schema.org."""

from django import template
from django.utils.html import escape
from django.utils.translation import get_language

from municipalities.hosts import absolute_url, page_full_url
from radnice.core.images import image_alt
from radnice.core.templatetags.responsive_images import main_image_alt
from radnice.seo.jsonld import jsonld_script

register = template.Library()


def page_description(page):
    specific = getattr(page, "specific", page)
    return (
        getattr(specific, "search_description", "")
        or getattr(specific, "teaser", "")
        or getattr(specific, "intro", "")
        or ""
    )


def social_image_alt(page, image):
    """The page's own alt text of its main image (empty when decorative), else the image's."""
    specific = getattr(page, "specific", page)
    if getattr(specific, "main_image", None) is image:
        return main_image_alt(specific)
    return image_alt(image)


def page_image(page):
    specific = getattr(page, "specific", page)
    for name in ("main_image", "image", "hero_image"):
        image = getattr(specific, name, None)
        if image is not None:
            return image
    return None


LANGUAGE_NAMES = {"cs": "Česky", "en": "English", "de": "Deutsch", "pl": "Polski"}


def page_alternates(page, request):
    """``[(language code, absolute URL)]`` of the page's live translations, itself included.

    Computed once per request and page: the head's hreflang links and the header's language
    switch both use it.
    """
    cache = request.__dict__.setdefault("_radnice_alternates", {})
    if page.pk not in cache:
        alternates = []
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        for translation in translations:
            url = page_full_url(translation, request)
            if url:
                alternates.append((translation.locale.language_code, url))
        cache[page.pk] = sorted(alternates)
    return cache[page.pk]


@register.inclusion_tag("seo/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the current page in the other languages it is translated into."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not hasattr(page, "get_translations"):
        return {"languages": []}
    current = get_language()
    alternates = page_alternates(page, request)
    if len(alternates) < 2:
        return {"languages": []}
    languages = [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code.upper()),
            "url": url,
            "current": code == current,
        }
        for code, url in alternates
    ]
    return {"languages": languages}


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    municipality = context.get("municipality")
    data = {"request": request, "page": page, "municipality": municipality}
    if request is None or page is None or not hasattr(page, "get_full_url"):
        return data
    data["canonical"] = page_full_url(page, request)
    alternates = page_alternates(page, request)
    data["alternates"] = alternates
    default = next((url for code, url in alternates if code == "cs"), None)
    data["x_default"] = default
    data["description"] = page_description(page)
    image = page_image(page)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        data["image_url"] = absolute_url(request, rendition.url)
        data["image_alt"] = social_image_alt(page, image)
    return data


@register.simple_tag(takes_context=True)
def organisation_jsonld(context):
    """The municipality as a schema.org GovernmentOrganization."""
    request = context.get("request")
    municipality = context.get("municipality")
    if not municipality or request is None:
        return ""
    document = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": municipality.name,
        "url": absolute_url(municipality, "/"),
        "identifier": {"@type": "PropertyValue", "propertyID": "IČO", "value": municipality.ico},
    }
    if municipality.street:
        document["address"] = {
            "@type": "PostalAddress",
            "streetAddress": municipality.street,
            "postalCode": municipality.postcode,
            "addressLocality": municipality.city,
            "addressCountry": "CZ",
        }
    if municipality.email:
        document["email"] = municipality.email
    if municipality.phone:
        document["telephone"] = municipality.phone
    return jsonld_script(document)


@register.filter
def jsonld(data):
    """``{{ data|jsonld }}``: the ``<script type="application/ld+json">`` element of ``data``."""
    return jsonld_script(data)


@register.filter
def meta_escape(value):
    return escape(value or "")
