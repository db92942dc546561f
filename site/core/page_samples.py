"""One sample URL of every public page type and view of a municipality's site.

The accessibility suite (tests/browser) and ``manage.py page_weight`` both walk this list,
so a new page type is measured and checked as soon as a town has a page of that type.

- Every live page type of the town's tree (in the default language) contributes its first
  page; for types with a ``body`` stream, the page with the most components, so the sample
  shows as many components as the town uses.
- A page type with views of its own (a RoutablePage: an archive, a calendar, a filtered
  list, a detail) lists them in ``sample_routes()``, returning ``(key, label, path)`` with
  ``path`` relative to the page's URL (``"archiv/"``, ``"?typ=volby"``). Types without it
  contribute their page's URL under the model's name.
- Views that no page type owns: search with results and without, the citizens' account
  pages (log-in, sign-up, password reset: radnice.citizens) and the 404 page.
- The citizens' own pages (Můj úřad, organisations, the account's deletion), where the town
  has the demo citizen ``obcan@<host>`` as správce of an organisation (the demo towns): those
  samples carry ``cookies``, the session of that citizen, which whoever visits them sets
  first (``radnice.citizens.samples``).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import Page

# A search with results uses a word from the sampled home page's title; this one finds nothing.
NO_RESULTS_QUERY = "xqzvjpw"
NOT_FOUND_PATH = "/tato-stranka-neexistuje/"
# How many pages of one type are compared when looking for the richest one.
CANDIDATES_PER_TYPE = 50


@dataclass(frozen=True)
class SamplePage:
    key: str
    label: str
    path: str
    status: int = 200
    #: ((name, value), ...) cookies to set before the visit (a citizen's session)
    cookies: tuple = ()


def sample_pages(municipality):
    """The sample pages of ``municipality``'s site, in tree order (home first)."""
    home = municipality.site.root_page.specific
    samples = []
    for page in pages_by_type(home):
        base = page.url_path[len(home.url_path) - 1 :]
        routes = page.sample_routes() if hasattr(page, "sample_routes") else None
        if routes is None:
            routes = [(page._meta.model_name, str(page._meta.verbose_name), "")]
        samples.extend(SamplePage(key, str(label), base + path) for key, label, path in routes)
    word = next((part for part in home.title.split() if len(part) > 3), home.title)
    samples += [
        SamplePage("search", _("Vyhledávání s výsledky"), "/hledat/?" + urlencode({"q": word})),
        SamplePage(
            "search_empty",
            _("Vyhledávání bez výsledků"),
            "/hledat/?" + urlencode({"q": NO_RESULTS_QUERY}),
        ),
        SamplePage("account_login", _("Přihlášení občana"), reverse("account_login")),
        SamplePage("account_signup", _("Registrace občana"), reverse("account_signup")),
        SamplePage(
            "account_password_reset", _("Obnovení hesla"), reverse("account_reset_password")
        ),
        SamplePage("not_found", _("Stránka nenalezena"), NOT_FOUND_PATH, status=404),
    ]
    samples += [
        SamplePage(key, str(label), path, cookies=cookies)
        for key, label, path, cookies in citizen_samples(municipality)
    ]
    return samples


def citizen_samples(municipality):
    """[(key, label, path, cookies)] of the citizens' own pages (radnice.citizens.samples)."""
    return import_string("radnice.citizens.samples.sample_routes")(municipality)


def pages_by_type(home):
    """The home page and one live page of every other type below it, in tree order."""
    pages = Page.objects.live().public().descendant_of(home, inclusive=True).order_by("path")
    content_types = list(pages.order_by().values_list("content_type", flat=True).distinct())
    chosen = []
    for content_type in content_types:
        candidates = list(pages.filter(content_type=content_type)[:CANDIDATES_PER_TYPE].specific())
        richest = max(candidates, key=_component_count)
        chosen.append(richest)
    return sorted(chosen, key=lambda page: page.path)


def _component_count(page):
    body = getattr(page, "body", None)
    # max() keeps the first of equals, so without a body the first page in the tree wins.
    return len(body.raw_data) if body is not None and hasattr(body, "raw_data") else 0
