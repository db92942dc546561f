"""News as Czech open data: the OFN "Aktuality" format (https://ofn.gov.cz/aktuality/2020-07-01/).

Each item is an "Aktualita" with its own ``@context`` (as in the standard's list example);
the list is a JSON array of them.
"""

from django.utils import timezone

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page
from radnice.opendata.ofn import multilingual, organisation, time_instant

from .queries import live_news, with_images

CONTEXT = "https://ofn.gov.cz/aktuality/2020-07-01/kontexty/aktualita.jsonld"
IMAGE_SPEC = "max-1600x1600"


def _publisher(municipality):
    if not municipality:
        return None
    publisher = organisation(municipality.ico)
    publisher["název"] = multilingual(cs=municipality.name)
    return publisher


def ofn_news_item(page, request, municipality=None):
    """One news page as an OFN "Aktualita"."""
    if municipality is None:
        municipality = municipality_of_page(page, request)
    language = page.locale.language_code
    item = {
        "@context": CONTEXT,
        "typ": "Aktualita",
        "iri": page_full_url(page, request),
        "název": multilingual(**{language: page.title}),
        "vytvořeno": time_instant(page.date),
    }
    if page.teaser:
        item["popis"] = multilingual(**{language: page.teaser})
    if page.last_published_at:
        updated = timezone.localtime(page.last_published_at).replace(microsecond=0)
        item["aktualizováno"] = time_instant(updated)
    publisher = _publisher(municipality)
    if publisher:
        item["oznamovatel"] = publisher
    if page.main_image:
        rendition = page.main_image.get_rendition(IMAGE_SPEC)
        attachment = {
            "typ": "Digitální objekt",
            "url": absolute_url(request, rendition.url),
        }
        caption = page.main_image_caption or page.main_image.default_alt_text
        if caption:
            attachment["název"] = multilingual(**{language: caption})
        item["příloha"] = [attachment]
    return item


def ofn_news_list(index_page, request):
    """Every live news item beneath ``index_page`` as an OFN "Aktuality" array."""
    municipality = municipality_of_page(index_page, request)
    pages = with_images(live_news(index_page), crops=(), extra_specs=[IMAGE_SPEC])
    return [ofn_news_item(page, request, municipality) for page in pages]
