from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from municipalities.localize import admin_urlpatterns as localize_admin_urlpatterns
from municipalities.module_urls import module_urlpatterns
from radnice.core import page_files
from radnice.search import views as search_views
from radnice.seo import views as seo_views
from themes.colour_scheme import set_colour_scheme

urlpatterns = [
    # Scoped versions of some wagtail-localize admin views; they must come before the admin.
    path("admin/", include(localize_admin_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo_views.sitemap, name="sitemap"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", seo_views.security_txt, name="security_txt"),
    path("", include("radnice.alerts.urls")),  # hiding an alert banner, without JavaScript
    path("_vzhled/", set_colour_scheme, name="colour_scheme"),  # light/dark, without JavaScript
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # MEDIA_ROOT holds only image renditions; documents and originals live in the private
    # default storage and are never served from here (README: "Production").
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Czech at /, English under /en/.
urlpatterns += i18n_patterns(
    path("hledat/", search_views.search, name="search"),
    # Citizens' accounts (radnice.citizens, django-allauth): log-in, sign-up, password...
    # The citizens' own pages (radnice.citizens: identity, Můj úřad, organisations, their
    # data), before allauth's.
    path("ucet/", include("radnice.citizens.urls")),
    path("ucet/", include("allauth.urls")),
    # Modules' stable URLs (gateway callbacks, links in e-mails) at /moduly/<module>/, from
    # the registry (municipalities.module_urls): they do not move with the pages.
    *module_urlpatterns(),
    path("", include(page_files)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "radnice.core.views.page_not_found"
