from django.urls import path
from wagtail import hooks

from .views import tag_autocomplete


@hooks.register("register_admin_urls")
def register_news_admin_urls():
    return [path("news/tag-autocomplete/", tag_autocomplete, name="news_tag_autocomplete")]
