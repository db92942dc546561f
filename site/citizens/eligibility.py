"""What a module may require of a citizen: a verification level and eligibility rules.

``Requirement(level=Level.IDENTITY, min_age=15, age_on=date, resident=True)`` says who may use
something (vote in a participatory budget, sign a petition); ``requirement.check(user, town)``
gives the reasons in Czech why the user may not (none: they may). The person's date of birth
and address are those of their newest active proof of identity (``Verification``).

Residence (``is_resident``) compares the town named in the proven address with the town:

- the town's names are its official name without the word saying what it is ("Obec",
  "Město", "Městys"...) and, except for a city district, the town of its office address
  (``Municipality.city``); letters are compared without case and diacritics;
- the address's town is the part after its postcode ("Návesní 1, 285 01 Lhota pod Lesem"),
  or, without a postcode there, its last part after a comma; it must be one of the town's
  names, or begin with one followed by a dash (a part of the town: "Lhota pod Lesem - Záhoří"),
  or be one followed by a house number (a village without streets: "Lhota pod Lesem 12,
  285 01");
- when both the address and the town's office have a postcode, their first three digits (the
  postal district) must agree: two villages of the same name lie in different districts.

Limits: an address naming only a part of the town with a name of its own ("Záhoří 5, 285 01
Záhoří" for a part of Lhota pod Lesem) is not recognised, nor one without the town's name; such
citizens are confirmed at the office, whose official checks the residence in person. A
reliable rule needs the address's RÚIAN code from the provider.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from municipalities.models import MunicipalityKind

from .accounts import citizen_profile
from .models import Level
from .verification import active_verifications, level_of

POSTCODE = re.compile(r"\b(\d{3})\s?(\d{2})\b")
KIND_WORDS = ("statutární město", "městská část", "městys", "město", "obec")


def _normalise(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def town_names(municipality):
    """The names an address may give the town by (normalised)."""
    name = (municipality.name or "").strip()
    for word in KIND_WORDS:
        if name.casefold().startswith(word + " "):
            name = name[len(word) + 1 :]
            break
    names = {_normalise(name)}
    if municipality.city and municipality.kind != MunicipalityKind.MESTSKA_CAST:
        names.add(_normalise(municipality.city))
    return {name for name in names if name}


def address_town(address):
    """The town part of an address and its postcode ("" when it has none)."""
    address = " ".join((address or "").replace("\n", ", ").split())
    matches = list(POSTCODE.finditer(address))
    if matches:
        last = matches[-1]
        postcode = last.group(1) + last.group(2)
        after = address[last.end() :].strip(" ,")
        if after:
            return after, postcode
        before = address[: last.start()].strip(" ,")
        return before.rsplit(",", 1)[-1].strip(), postcode
    return address.rsplit(",", 1)[-1].strip(), ""


def is_resident(address, municipality):
    """Whether ``address`` lies in ``municipality`` by the rule in this module's docstring."""
    town, postcode = address_town(address)
    town_postcode = re.sub(r"\D", "", municipality.postcode or "")
    if not town or (postcode and len(town_postcode) == 5 and postcode[:3] != town_postcode[:3]):
        return False
    names = town_names(municipality)
    candidates = {
        town,
        # "Lhota pod Lesem - Záhoří": a part of the town after a dash
        re.split(r"\s[-–—]\s", town, maxsplit=1)[0],
        # "Lhota pod Lesem 12, 285 01": a village's house number before the postcode
        re.sub(r"\s+\d+[\w/]*$", "", town),
    }
    return any(_normalise(candidate) in names for candidate in candidates)


def age_on(birth_date, day):
    """Completed years of someone born on ``birth_date`` on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def _years(count):
    """ "15 let", "2 roky", "1 rok" (Czech plural)."""
    if count == 1:
        return _("%(count)s rok") % {"count": count}
    if 2 <= count <= 4:
        return _("%(count)s roky") % {"count": count}
    return _("%(count)s let") % {"count": count}


def proven_person(user):
    """The user's newest active proof of identity (for name, date of birth, address) or None."""
    profile = citizen_profile(user)
    if profile is None:
        return None
    return active_verifications(profile).order_by("-verified_at", "-pk").first()


@dataclass(frozen=True)
class Requirement:
    """Who may use something: a level, and optionally a minimum age on a day and residence."""

    level: int = Level.EMAIL
    min_age: int | None = None
    #: the day the age counts on (an election day); today when None
    age_on: datetime.date | None = None
    resident: bool = False

    @property
    def needed_level(self):
        """Age and residence need a proof of identity, whatever level was asked for."""
        if self.min_age is not None or self.resident:
            return max(Level(self.level), Level.IDENTITY)
        return Level(self.level)

    def check(self, user, municipality):
        """Why ``user`` may not (a list of sentences in Czech); empty when they may."""
        profile = citizen_profile(user)
        if profile is None or profile.municipality_id != getattr(municipality, "pk", None):
            return [_("Přihlaste se účtem občana této obce.")]
        reasons = []
        needed = self.needed_level
        if level_of(user) < needed:
            reasons.append(
                _("Je potřeba účet s úrovní „%(level)s“.") % {"level": Level(needed).label}
            )
            return reasons
        person = proven_person(user)
        if self.min_age is not None:
            day = self.age_on or timezone.localdate()
            if person is None or person.birth_date is None:
                reasons.append(_("Ověření vaší totožnosti neuvádí datum narození."))
            elif age_on(person.birth_date, day) < self.min_age:
                reasons.append(
                    _("Ke dni %(date)s vám musí být alespoň %(years)s.")
                    % {"date": formats.date_format(day, "j. n. Y"), "years": _years(self.min_age)}
                )
        if self.resident:
            if person is None or not person.address:
                reasons.append(_("Ověření vaší totožnosti neuvádí adresu."))
            elif not is_resident(person.address, municipality):
                reasons.append(
                    _("Vaše ověřená adresa neleží v obci %(town)s.") % {"town": municipality.name}
                )
        return reasons

    def allows(self, user, municipality):
        return not self.check(user, municipality)
