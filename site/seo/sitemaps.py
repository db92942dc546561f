"""A sitemap per site that lists the pages of every language of the municipality."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from municipalities.hosts import with_site_scheme
from municipalities.scope import paths_q


class MunicipalitySitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        paths = root.get_translations(inclusive=True).values_list("path", flat=True)
        return (
            Page.objects.filter(paths_q(list(paths)))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's entries (URLs of the registered site), on HTTPS when TLS is in front."""
        urls = super()._urls(page, protocol, domain)
        for entry in urls:
            entry["location"] = with_site_scheme(entry["location"])
        return urls
