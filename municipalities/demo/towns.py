"""The three demo towns (data/<town>/town.yaml) and their staff accounts.

Town staff get the published password ``radnice-demo`` (README) only where ``DEBUG`` is on;
elsewhere every demo account gets a random password, which ``load_demo`` prints once.
"""

import os
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.crypto import get_random_string

from . import data

DEMO_PASSWORD = "radnice-demo"
OPERATOR_USERNAME = "operator"
#: the operator's password when set; otherwise a random one (printed by load_demo)
OPERATOR_PASSWORD_ENV = "RADNICE_DEMO_OPERATOR_PASSWORD"


def staff_password():
    """The password of new demo town staff: the published one only with DEBUG on, else None
    (``ensure_member`` then sets a random one)."""
    return DEMO_PASSWORD if settings.DEBUG else None


def ensure_operator():
    """Create the platform operator (a superuser) unless they exist: (user, password).

    The password comes from ``RADNICE_DEMO_OPERATOR_PASSWORD`` (then "" is returned, so it is
    not echoed) or is random. (None, "") when the operator exists: their password is kept.
    The published demo password is refused where DEBUG is off (ValueError).
    """
    User = get_user_model()
    if User.objects.filter(username=OPERATOR_USERNAME).exists():
        return None, ""
    given = os.environ.get(OPERATOR_PASSWORD_ENV, "")
    if given == DEMO_PASSWORD and not settings.DEBUG:
        raise ValueError(
            f"{OPERATOR_PASSWORD_ENV}: zveřejněné heslo {DEMO_PASSWORD} smí mít jen demo "
            "na vývojovém počítači (DEBUG=1); zvolte jiné."
        )
    password = given or get_random_string(20)
    user = User.objects.create_superuser(
        OPERATOR_USERNAME, f"{OPERATOR_USERNAME}@localhost", password
    )
    return user, "" if given else password


@dataclass(frozen=True)
class DemoTown:
    name: str
    kind: str
    ico: str
    hostname: str
    editor_username: str
    data_box: str
    street: str
    postcode: str
    city: str
    email: str
    phone: str
    intro: str
    #: [{title, slug, teaser, body}] first pages under the home page
    pages: list = field(default_factory=list)
    #: [{first_name, last_name, ...Person fields}]
    people: list = field(default_factory=list)
    theme: str = "default"
    font: str = "system"
    #: {module name: keyword arguments of the module's demo}: the modules the town has on
    modules: dict = field(default_factory=dict)
    #: {name, ico, address, data_box, representative} of a citizens' organisation
    organisation: dict = field(default_factory=dict)


def load_town(key):
    return DemoTown(**data.load(key, "town"))


DEMO_TOWNS = [load_town(key) for key in data.town_keys()]
LHOTA, HORNI_DOLNI, PRAHA_99 = DEMO_TOWNS
