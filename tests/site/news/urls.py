"""The project's URLs with the news and alert URLs wired in as the report asks the lead to."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from radnice.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("", include("radnice.alerts.urls")),
    *i18n_patterns(path("", include("radnice.news.urls")), prefix_default_language=False),
    *project_urlpatterns,
]
