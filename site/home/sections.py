"""What the home page shows besides its own fields: top tasks, the latest of each source
(official board, news, events) and its subpages. Each part is a function tests call directly.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from radnice.blocks.sources import latest_items
from radnice.pages.queries import child_items, resolve_links

from .models import MAX_TOP_TASKS

SEARCH_PATH = "/hledat/"


@dataclass(frozen=True)
class HomeSection:
    source: str
    heading: str
    limit: int
    view_mode: str


HOME_SECTIONS = (
    HomeSection("board", _("Úřední deska"), 5, "teaser"),
    HomeSection("news", _("Aktuality"), 3, "card"),
    HomeSection("events", _("Nadcházející akce"), 4, "teaser"),
)


@dataclass(frozen=True)
class FilledSection:
    source: str
    heading: str
    items: list
    view_mode_template: str


def latest_sections(home):
    """The sections whose source is available and has something to show."""
    filled = []
    for section in HOME_SECTIONS:
        items = latest_items(section.source, home, section.limit)
        if items:
            filled.append(
                FilledSection(
                    section.source,
                    section.heading,
                    items,
                    f"blocks/view_modes/{section.view_mode}.html",
                )
            )
    return filled


def search_url():
    """The site search (radnice.search), in the language of the page (Czech has no prefix)."""
    try:
        return reverse("search")
    except NoReverseMatch:
        language = get_language() or settings.LANGUAGE_CODE
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        return prefix + SEARCH_PATH


def top_tasks(home, request=None):
    tasks = home.top_tasks.select_related("link_page").all()[:MAX_TOP_TASKS]
    return resolve_links(tasks, request)


def home_page_context(home, request=None):
    return {
        "search_url": search_url(),
        "top_tasks": top_tasks(home, request),
        "latest_sections": latest_sections(home),
        "children": child_items(home),
    }
