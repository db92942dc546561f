"""schema.org ``NewsArticle`` of a news page, for search engines (JSON-LD in the page head).

The template writes it with the ``jsonld`` filter (radnice.seo.jsonld)."""

from django.utils import timezone

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page

IMAGE_SPEC = "fill-1200x800"


def news_article(page, request):
    municipality = municipality_of_page(page, request)
    url = page_full_url(page, request)
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
    }
    if page.last_published_at:
        modified = timezone.localtime(page.last_published_at).replace(microsecond=0)
        article["dateModified"] = modified.isoformat()
    if page.teaser:
        article["description"] = page.teaser
    if page.news_type:
        article["articleSection"] = page.news_type.name
    keywords = [tag.name for tag in page.tags.all()]
    if keywords:
        article["keywords"] = keywords
    if page.main_image:
        rendition = page.main_image.get_rendition(IMAGE_SPEC)
        article["image"] = [absolute_url(request, rendition.url)]
    if municipality:
        organisation = {
            "@type": "GovernmentOrganization",
            "name": municipality.name,
            "identifier": municipality.ico,
            "url": absolute_url(request, "/"),
        }
        article["publisher"] = organisation
        article["author"] = organisation
    return article
