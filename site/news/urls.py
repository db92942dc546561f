"""Public URLs outside Wagtail's page routing, included inside ``i18n_patterns`` before
Wagtail's own URLs in the project's ``urls.py``."""

from django.urls import re_path

from .views import serve_page_data_file

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>data\.(?:jsonld|json|csv))$",
        serve_page_data_file,
        name="page_data_file",
    ),
]
