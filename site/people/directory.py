"""The public contacts directory: who works where, filtered by department and initial letter.

Everything is computed from one list of the municipality's people, sorted in Czech in Python
(the database cannot), so the page costs the same few queries for 10 or 1,000 people.
Facet counts follow the usual rule: each facet counts within the *other* active filters.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.scope import for_municipality
from radnice.core.collation import czech_initial, czech_sort_key, fold, initial_order
from radnice.core.facets import facet
from radnice.core.images import images_with_renditions

from .hours import opening_hours_on
from .models import Person, Place, PlaceHoursException

DEPARTMENT_PARAM = "odbor"
LETTER_PARAM = "pismeno"
QUERY_PARAM = "q"
# Facet value of people without a department.
NO_DEPARTMENT = "0"
# The crop the directory's person cards show (people/includes/person_card.html).
PHOTO_CROP = "square"


def people_of(municipality, photo_crop=PHOTO_CROP):
    """The municipality's people in Czech order (surname, first name), with what a list shows."""
    queryset = for_municipality(Person.objects.all(), municipality).select_related(
        "department", "place"
    )
    if photo_crop:
        queryset = queryset.prefetch_related(
            Prefetch("photo", queryset=images_with_renditions(photo_crop))
        )
    return sorted_people(queryset)


def sorted_people(people):
    return sorted(people, key=lambda person: person.sort_key)


def surname_initial(person):
    return czech_initial(person.last_name)


def matches_query(person, query):
    words = fold(query).split()
    if not words:
        return True
    haystack = fold(
        " ".join(
            [
                person.full_name,
                person.position,
                person.department.name if person.department_id else "",
                person.email,
            ]
        )
    )
    return all(word in haystack for word in words)


def department_value(person):
    return str(person.department_id) if person.department_id else NO_DEPARTMENT


@dataclass
class DirectoryFilters:
    department: str = ""
    letter: str = ""
    query: str = ""

    @classmethod
    def from_params(cls, params):
        return cls(
            department=params.get(DEPARTMENT_PARAM, "").strip(),
            letter=params.get(LETTER_PARAM, "").strip(),
            query=params.get(QUERY_PARAM, "").strip()[:100],
        )

    @property
    def active(self):
        return bool(self.department or self.letter or self.query)

    def keep(self, person, ignore=None):
        """Whether ``person`` passes every filter except the one named ``ignore``."""
        wrong_department = department_value(person) != self.department
        if ignore != "department" and self.department and wrong_department:
            return False
        wrong_letter = surname_initial(person).casefold() != self.letter.casefold()
        if ignore != "letter" and self.letter and wrong_letter:
            return False
        return matches_query(person, self.query)


def letter_counts(people):
    """``[(initial, count), ...]`` in the order of the Czech alphabet ("#" last)."""
    counts = {}
    for person in people:
        initial = surname_initial(person)
        counts[initial] = counts.get(initial, 0) + 1
    return sorted(counts.items(), key=lambda item: initial_order(item[0]))


def department_counts(people):
    """``[(department or None, count), ...]`` in the departments' order; None (no
    department) last."""
    counts, departments = {}, {}
    for person in people:
        key = person.department_id
        counts[key] = counts.get(key, 0) + 1
        if key is not None:
            departments[key] = person.department
    ordered = sorted(departments.values(), key=lambda d: (d.order, czech_sort_key(d.name), d.pk))
    result = [(department, counts[department.pk]) for department in ordered]
    if None in counts:
        result.append((None, counts[None]))
    return result


def group_by_department(people):
    """``[(department or None, [people...]), ...]``; people keep their (Czech) order."""
    groups = {}
    for person in people:
        groups.setdefault(person.department_id, []).append(person)
    return [
        (department, groups[department.pk if department else None])
        for department, _count in department_counts(people)
    ]


@dataclass
class Directory:
    people: list
    groups: list
    letter_facet: list
    department_facet: list
    filters: DirectoryFilters
    total: int
    selected_department_label: str = ""
    places: list = field(default_factory=list)


def department_label(department):
    return department.name if department is not None else str(_("Ostatní"))


def build_directory(people, params):
    """Filter ``people`` (already Czech-sorted) by ``params`` and compute both facets."""
    filters = DirectoryFilters.from_params(params)
    shown = [person for person in people if filters.keep(person)]
    departments = department_counts([p for p in people if filters.keep(p, ignore="department")])
    letters = letter_counts([p for p in people if filters.keep(p, ignore="letter")])
    department_options = [
        (department.pk if department else NO_DEPARTMENT, department_label(department), count)
        for department, count in departments
    ]
    selected_label = next(
        (label for value, label, _count in department_options if str(value) == filters.department),
        "",
    )
    return Directory(
        people=shown,
        groups=group_by_department(shown),
        letter_facet=facet(params, LETTER_PARAM, [(i, i, count) for i, count in letters]),
        department_facet=facet(params, DEPARTMENT_PARAM, department_options),
        filters=filters,
        total=len(people),
        selected_department_label=selected_label,
    )


def places_of(municipality, today=None):
    """The municipality's places with their regular hours and only ``today``'s exceptions."""
    today = today or timezone.localdate()
    return list(
        for_municipality(Place.objects.all(), municipality).prefetch_related(
            "opening_hours",
            Prefetch("hours_exceptions", queryset=PlaceHoursException.objects.filter(date=today)),
        )
    )


def places_with_hours(places, day):
    """``[(place, DayHours), ...]`` for listing places with the hours of ``day``."""
    return [(place, opening_hours_on(place, day)) for place in places]


def place_with_calendar(municipality, place_id, today):
    """One place with every upcoming exception prefetched (for its detail page), or None."""
    return (
        for_municipality(Place.objects.all(), municipality)
        .prefetch_related(
            "opening_hours",
            Prefetch(
                "hours_exceptions", queryset=PlaceHoursException.objects.filter(date__gte=today)
            ),
        )
        .filter(pk=place_id)
        .first()
    )
