"""The page with the terms a citizen accepts at sign-up: per town, found by its slug.

A town publishes its terms of the citizens' accounts (and how it processes their personal
data) as any page of its web with the slug ``podminky-uctu``; the sign-up form then links it
from the consent checkbox. Without such a page the form asks for the consent without a link.
"""

from django.utils.translation import get_language

from municipalities.scope import pages_of

TERMS_SLUG = "podminky-uctu"


def terms_page(town):
    """The town's live, public terms page (in the current language if translated), or None."""
    if town is None:
        return None
    pages = pages_of(town).live().public().filter(slug=TERMS_SLUG).specific()
    language = get_language() or ""
    translated = [page for page in pages if page.locale.language_code == language]
    return (translated or list(pages) or [None])[0]
