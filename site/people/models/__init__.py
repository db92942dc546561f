"""People, departments and places of the municipal office (CSGOV's "Osoba" and "Místo").

All three are snippets that belong to one municipality; the public directory of a town is a
``DirectoryPage``, whose querying and formatting live in ``radnice.people.directory``,
``radnice.people.hours`` and ``radnice.people.vcard``.

The models live in submodules (``departments``, ``places``, ``persons``, ``page``); this
package re-exports them, so ``radnice.people.models.X`` keeps working.
"""

from .departments import Department
from .page import DirectoryPage
from .persons import Person
from .places import WEEKDAYS, Place, PlaceHoursException, PlaceOpeningHours

__all__ = [
    "WEEKDAYS",
    "Department",
    "DirectoryPage",
    "Person",
    "Place",
    "PlaceHoursException",
    "PlaceOpeningHours",
]
