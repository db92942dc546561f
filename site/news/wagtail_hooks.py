from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from municipalities.viewsets import MunicipalitySnippetViewSet

from .models import NewsType
from .views import tag_autocomplete


class NewsTypeViewSet(MunicipalitySnippetViewSet):
    model = NewsType
    icon = "tag"
    menu_label = _("Typy aktualit")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    inspect_view_enabled = False


register_snippet(NewsTypeViewSet)


@hooks.register("register_admin_urls")
def register_news_admin_urls():
    return [path("news/tag-autocomplete/", tag_autocomplete, name="news_tag_autocomplete")]
