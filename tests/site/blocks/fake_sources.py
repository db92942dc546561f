"""Stand-ins for the news, events and board queries, registered by tests as "latest" sources.

They have the signature of the real ones, ``(root_page, limit)``, and stay inside
``root_page`` like them, so tests of listings do not depend on the other apps.
"""

from dataclasses import dataclass

from radnice.pages.models import StandardPage


def latest_standard_pages(root_page, limit):
    """The newest live standard pages below the root."""
    return list(
        StandardPage.objects.live()
        .descendant_of(root_page)
        .order_by("-first_published_at", "-pk")[:limit]
    )


def nothing(root_page, limit):
    return []


@dataclass
class FakeOccurrence:
    event: StandardPage
    start: object
    all_day: bool = False


OCCURRENCES = []


def upcoming_fake_occurrences(root_page, limit):
    """Occurrences shaped like the events app's (``.event``, ``.start``) below the root."""
    return [o for o in OCCURRENCES if o.event.path.startswith(root_page.path)][:limit]
