"""schema.org ``NewsArticle`` of a news page, for search engines (JSON-LD in the page head).

The template writes it with the ``jsonld`` filter (radnice.seo.jsonld)."""

from django.utils import timezone

IMAGE_SPEC = "fill-1200x800"


def news_article(page, request):
    municipality = getattr(request, "municipality", None)
    url = page.get_full_url(request)
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
        article["image"] = [request.build_absolute_uri(rendition.url)]
    if municipality:
        organisation = {
            "@type": "GovernmentOrganization",
            "name": municipality.name,
            "identifier": municipality.ico,
            "url": request.build_absolute_uri("/"),
        }
        article["publisher"] = organisation
        article["author"] = organisation
    return article
