"""The citizen side of the module contract: "Můj úřad", the data export and the deletion.

A module declares ``Module(citizen="modules.<name>.citizen.<Name>CitizenSide")``, a subclass
of ``CitizenSide``; the platform's own part (profile, e-mail addresses, organisations) is
``radnice.citizens.account_side.AccountSide`` and goes through the same mechanism:

- ``section(request, user)``: the module's part of the citizen's page "Můj úřad" (only where
  the town has the module on): rendered HTML, ``(template, context)`` or None;
- ``export(user)``: a JSON-serialisable dict of everything the module holds about the citizen
  (by default, the records its retention declarations name);
- ``retention``: ``Retention`` declarations, one per model holding the citizen's records:
  deleted, anonymised (kept without the link to the person) or kept for the office's legal
  retention period, then purged; ``delete(user)`` applies them when the account is deleted;
- ``deletion_blockers(user)``: Czech reasons why the account cannot be deleted yet.

Export and deletion ask every module, also one the town has switched off: switching a module
off does not erase what the town holds about its citizens. See docs/modules.md.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from municipalities.registry import get_modules, is_enabled

from .accounts import citizen_profile

EXPORT_FORMAT = "radnice-obcan/1"


class Action(models.TextChoices):
    DELETE = "delete", _("smažeme")
    ANONYMISE = "anonymise", _("anonymizujeme (zůstanou bez vazby na vás)")
    KEEP = "keep", _("uchováme po dobu archivace, pak smažeme")


@dataclass(frozen=True)
class Retention:
    """What happens with one model's records of a citizen when the account is deleted."""

    #: "app_label.ModelName"
    model: str
    action: str
    #: Czech, shown to the citizen before the deletion ("podané žádosti o dotaci")
    description: str
    #: the foreign key to the user (``citizen`` of ``CitizenOwnedMixin``)
    owner_field: str = "citizen"
    #: ANONYMISE and KEEP: {field: value} set besides unlinking (e.g. a note → "")
    replace: dict = field(default_factory=dict)
    #: KEEP: how many years the office keeps the record after the deletion (``retained_until``)
    years: int = 0

    def __post_init__(self):
        if self.action not in Action.values:
            raise ImproperlyConfigured(f"Retention of {self.model}: unknown action {self.action}")
        if self.action == Action.KEEP and self.years <= 0:
            raise ImproperlyConfigured(f"Retention of {self.model}: KEEP needs years > 0")

    def get_model(self):
        return apps.get_model(self.model)

    def records(self, user):
        return self.get_model()._default_manager.filter(**{self.owner_field: user})

    def apply(self, user, today=None):
        records = self.records(user)
        if self.action == Action.DELETE:
            records.delete()
            return
        values = {self.owner_field: None, **self.replace}
        if self.action == Action.KEEP:
            today = today or timezone.localdate()
            values["retained_until"] = _years_later(today, self.years)
        records.update(**values)

    def purge(self, today=None):
        """Delete the kept records whose retention period is over; returns how many."""
        if self.action != Action.KEEP:
            return 0
        today = today or timezone.localdate()
        expired = self.get_model()._default_manager.filter(retained_until__lt=today)
        return expired.delete()[0]


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class CitizenSide:
    """Base of a module's (and the platform's) citizen side; see the module docstring."""

    #: heading of the module's section in "Můj úřad" (the module's label when empty)
    label = ""
    #: the section's template; it gets the request, ``user`` and ``section_context()``
    template = ""
    #: [Retention]
    retention = ()

    def __init__(self, module=None):
        self.module = module

    @property
    def heading(self):
        return self.label or (self.module.label if self.module else "")

    def section(self, request, user):
        """HTML, ``(template, context)`` or None (no section)."""
        if not self.template:
            return None
        return self.template, self.section_context(request, user)

    def section_context(self, request, user):
        return {}

    def export(self, user):
        """{model label: [records as serialised by Django]} of every declared model."""
        exported = {}
        for retention in self.retention:
            records = serializers.serialize("python", retention.records(user).order_by("pk"))
            if records:
                exported[retention.model] = [
                    {"id": record["pk"], **record["fields"]} for record in records
                ]
        return exported

    def deletion_blockers(self, user):
        return []

    def delete(self, user):
        today = timezone.localdate()
        for retention in self.retention:
            retention.apply(user, today)


@dataclass(frozen=True)
class Side:
    """One part of the citizen's data: the platform's (``module`` None) or a module's."""

    key: str
    side: CitizenSide
    module: object = None

    @property
    def heading(self):
        return self.side.heading


@cache
def _side_class(path):
    side_class = import_string(path)
    if not (isinstance(side_class, type) and issubclass(side_class, CitizenSide)):
        raise ImproperlyConfigured(f"{path} is not a subclass of {CitizenSide.__qualname__}")
    return side_class


def account_side():
    from .account_side import AccountSide

    return Side("ucet", AccountSide())


def module_sides(town=None, enabled_only=False):
    """[Side] of every registered module with a citizen side (by name); with ``enabled_only``,
    only those on in ``town``."""
    sides = []
    for module in sorted(get_modules(), key=lambda module: module.name):
        if not module.citizen or (enabled_only and not is_enabled(town, module.name)):
            continue
        sides.append(Side(module.name, _side_class(module.citizen)(module), module))
    return sides


def all_sides(town=None, enabled_only=False):
    return [account_side(), *module_sides(town, enabled_only)]


def render_section(side, request, user):
    """The section's HTML (a SafeString), or "" when the side shows none."""
    result = side.side.section(request, user)
    if result is None:
        return ""
    if isinstance(result, tuple):
        template, context = result
        context = {"user": user, "side": side, **context}
        return render_to_string(template, context, request=request)
    return SafeString(conditional_escape(result))


def my_office_sections(request, user):
    """[(Side, html)] of "Můj úřad": the platform's and each module on in the request's town."""
    town = citizen_profile(user).municipality
    sections = []
    for side in all_sides(town, enabled_only=True):
        html = render_section(side, request, user)
        if html:
            sections.append((side, html))
    return sections


def export_citizen(user):
    """Everything the town holds about the citizen, as one JSON-serialisable dict."""
    town = citizen_profile(user).municipality
    modules = {}
    for side in module_sides(town):
        exported = side.side.export(user)
        if exported:
            modules[side.key] = exported
    return {
        "format": EXPORT_FORMAT,
        "vytvoreno": timezone.now().isoformat(),
        "obec": {"nazev": town.name, "ico": town.ico, "web": town.site.hostname},
        "ucet": account_side().side.export(user),
        "moduly": modules,
    }


def deletion_blockers(user):
    """Czech reasons why the account cannot be deleted now (empty: it can)."""
    town = citizen_profile(user).municipality
    return [message for side in all_sides(town) for message in side.side.deletion_blockers(user)]


def retention_overview(user):
    """[(heading, [Retention])] for the deletion page: what happens with what."""
    town = citizen_profile(user).municipality
    return [(side.heading, list(side.side.retention)) for side in all_sides(town)]


class DeletionRefused(Exception):
    def __init__(self, messages):
        super().__init__("; ".join(str(message) for message in messages))
        self.messages = messages


def delete_citizen(user):
    """Delete the account by every side's declarations (modules first, the platform last),
    then the user itself; all or nothing. Raises ``DeletionRefused`` with the blockers."""
    blockers = deletion_blockers(user)
    if blockers:
        raise DeletionRefused(blockers)
    town = citizen_profile(user).municipality
    with transaction.atomic():
        for side in [*module_sides(town), account_side()]:
            side.side.delete(user)
        user.delete()


def purge_retained(today=None):
    """Delete the records kept past their retention period, of every module; {model: count}."""
    purged = {}
    for side in all_sides():
        for retention in side.side.retention:
            count = retention.purge(today)
            if count:
                purged[retention.model] = purged.get(retention.model, 0) + count
    return purged


def export_filename(user, today=None):
    today = today or timezone.localdate()
    return f"moje-udaje-{today:%Y-%m-%d}.json"
