"""A tag widget whose suggestions come only from the editor's own towns' news.

Tags are global in taggit, and Wagtail's tag autocomplete suggests every tag in the
database, i.e. other towns' tags too; this widget asks ``views.tag_autocomplete`` instead.
"""

from django.urls import reverse
from wagtail.admin.widgets import AdminTagWidget


class ScopedNewsTagWidget(AdminTagWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse("news_tag_autocomplete")
        return context
