"""The kinds of message the platform and its modules send, each declared once.

A kind is what a town may reword (radnice.notifications.models.MessageTemplate): its name is
the prefix of its default templates (``<name>_subject.txt``, ``<name>_message.txt``, optionally
``<name>_message.html``, found like every template: the town's theme first), its label is what
the town's administrators read, and its sample is the context of the preview in the admin.

Any app declares its kinds on its app config (a module on its ``ModuleAppConfig``), as it
declares ``role_permissions``::

    class PaymentsConfig(ModuleAppConfig):
        message_kinds = [
            MessageKind("payments/email/receipt", _("Potvrzení o zaplacení"),
                        sample={"order": {"number": "2026-0001", "total": "1 234,50 Kč"}}),
        ]

A message of an undeclared kind can still be sent (allauth has mails the platform does not
list); it is only not offered for rewording.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class MessageKind:
    name: str  # the templates' prefix, e.g. "citizens/email/invitation"
    label: str  # Czech, for the admin
    sample: dict = field(default_factory=dict, hash=False, compare=False)
    help_text: str = ""  # what the templates may use, for the admin


@cache
def message_kinds():
    """{name: MessageKind} of every installed app's ``message_kinds``, in name order."""
    found = {}
    for config in apps.get_app_configs():
        for kind in getattr(config, "message_kinds", None) or ():
            if kind.name in found:
                raise ImproperlyConfigured(
                    f"Message kind {kind.name!r} is declared twice ({config.label})."
                )
            found[kind.name] = kind
    return dict(sorted(found.items()))


def get_kind(name):
    return message_kinds().get(name)


def kind_choices():
    return [(kind.name, kind.label) for kind in message_kinds().values()]


def check_declarations():
    message_kinds.cache_clear()
    message_kinds()
