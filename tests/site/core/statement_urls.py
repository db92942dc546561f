"""The site's URLconf with the admin pages of the test-only statement importer, guarded as
Wagtail guards its admin (``require_admin_access``)."""

from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from radnice.core.imports.views import ImportViewSet
from radnice.urls import handler404  # noqa: F401
from radnice.urls import urlpatterns as site_urlpatterns

from .statement_importer import trial_importer

viewset = ImportViewSet(trial_importer)

urlpatterns = [
    path(
        f"admin/{viewset.url_prefix}/",
        include(
            (decorate_urlpatterns(viewset.get_urlpatterns(), require_admin_access), viewset.name)
        ),
    ),
    *site_urlpatterns,
]
