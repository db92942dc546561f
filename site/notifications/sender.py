"""Who a town's messages come from: the town's sender settings, else the platform's address.

From carries the town's name (or the name its administrators chose) and the platform's
``DEFAULT_FROM_EMAIL``, or the town's own address when it is in a domain the operator lets
the platform send from (``RADNICE_MAIL_SENDER_DOMAINS``: the domains whose SPF and DKIM
records name the platform's mail server; another domain's address would be refused or
marked as spam by the recipients' servers). Reply-To is any address the town chooses.
"""

from email.headerregistry import Address

from django.conf import settings
from django.utils.translation import gettext as _


def platform_domain():
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].lower()


def allowed_sender_domains():
    configured = getattr(settings, "RADNICE_MAIL_SENDER_DOMAINS", ()) or ()
    return [platform_domain(), *(domain.lower() for domain in configured)]


def sender_domain_error(address):
    """A Czech message why ``address`` cannot be the town's sender, or None."""
    if not address:
        return None
    domain = address.rpartition("@")[2].lower()
    allowed = allowed_sender_domains()
    if domain in allowed:
        return None
    return _(
        "Z domény „%(domain)s“ platforma odesílat nesmí (její servery by e-maily odmítly "
        "jako podvržené). Povolené domény: %(allowed)s. Nechte pole prázdné, nebo požádejte "
        "provozovatele o povolení domény."
    ) % {"domain": domain, "allowed": ", ".join(allowed)}


def sender_settings(municipality):
    from .models import SenderSettings

    return SenderSettings.for_site(municipality.site)


def from_email(municipality):
    """The From header of the town's messages."""
    own = sender_settings(municipality)
    address = own.from_email if own.from_email and not sender_domain_error(own.from_email) else ""
    # Readable (the name unencoded, quoted when needed): Django encodes it when sending.
    return str(
        Address(
            display_name=own.from_name or municipality.name,
            addr_spec=address or settings.DEFAULT_FROM_EMAIL,
        )
    )


def reply_to(municipality):
    """The Reply-To of the town's messages ("" when replies go to the sender)."""
    return sender_settings(municipality).reply_to
