"""Onboarding a municipality: site, page tree in every language, collection, groups, settings.

``provision_municipality`` is idempotent: run again with the same IČO and hostname it only
fills in what is missing, so the onboarding command and the demo loader can both call it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site

from .models import Municipality, MunicipalityGroup, MunicipalityKind, MunicipalityRole
from .roles import grant_role_permissions
from .validators import validate_ico


class ProvisioningError(Exception):
    pass


@dataclass
class ProvisioningResult:
    municipality: Municipality
    created: bool
    administrator: object = None
    administrator_password: str = ""


def ensure_locales(language_codes=None):
    codes = language_codes or [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES]
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in codes}


def _check_inputs(name, kind, ico, hostname, theme):
    if not name.strip():
        raise ProvisioningError(_("Název obce nesmí být prázdný."))
    if kind not in MunicipalityKind.values:
        raise ProvisioningError(
            _("Neznámý druh „%(kind)s“; možnosti: %(choices)s.")
            % {"kind": kind, "choices": ", ".join(MunicipalityKind.values)}
        )
    try:
        validate_ico(ico)
    except ValidationError as error:
        raise ProvisioningError(" ".join(error.messages)) from error
    if not hostname or "/" in hostname or " " in hostname:
        raise ProvisioningError(_("Neplatný název hostitele „%(host)s“.") % {"host": hostname})
    from themes import available_themes

    if theme not in {t.name for t in available_themes()}:
        raise ProvisioningError(_("Neznámé téma „%(theme)s“.") % {"theme": theme})


@transaction.atomic
def provision_municipality(
    *,
    name,
    kind,
    ico,
    hostname,
    port=80,
    theme="default",
    languages=None,
    administrator_email="",
    administrator_password=None,
    is_default_site=False,
):
    from radnice.home.models import HomePage

    hostname = hostname.strip().lower()
    ico = ico.strip()
    _check_inputs(name, kind, ico, hostname, theme)
    languages = languages or [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES]
    default_language = settings.LANGUAGE_CODE

    existing = Municipality.objects.filter(ico=ico).select_related("site").first()
    site_with_host = Site.objects.filter(hostname=hostname, port=port).first()
    if existing and (existing.site.hostname, existing.site.port) != (hostname, port):
        raise ProvisioningError(
            _("Obec s IČO %(ico)s už existuje na adrese %(host)s.")
            % {"ico": ico, "host": f"{existing.site.hostname}:{existing.site.port}"}
        )
    if site_with_host and (not existing or existing.site_id != site_with_host.pk):
        raise ProvisioningError(
            _("Adresa %(host)s už patří jinému webu („%(site)s“).")
            % {"host": f"{hostname}:{port}", "site": site_with_host.site_name}
        )

    locales = ensure_locales([default_language, *languages])
    created = existing is None
    if created:
        tree_root = Page.get_first_root_node()
        home = HomePage(
            title=name,
            slug=slugify(hostname.split(".")[0]) or slugify(name),
            locale=locales[default_language],
        )
        tree_root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=name,
            is_default_site=is_default_site
            and not Site.objects.filter(is_default_site=True).exists(),
        )
        municipality = Municipality(
            site=site, name=name, kind=kind, ico=ico, theme=theme, languages=languages
        )
        municipality.full_clean(exclude=["site"])
        municipality.save()
    else:
        municipality = existing
        home = municipality.site.root_page.specific

    for code in languages:
        if code == default_language or home.has_translation(locales[code]):
            continue
        translation = home.copy_for_translation(locales[code])
        translation.save_revision().publish()

    if municipality.collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        municipality.collection = collection
        municipality.save(update_fields=["collection"])

    for role in MunicipalityRole:
        link = municipality.group_links.filter(role=role).select_related("group").first()
        if link is None:
            group_name = f"{name} – {role.label}"
            group, _created = Group.objects.get_or_create(name=group_name)
            link = MunicipalityGroup.objects.create(
                municipality=municipality, group=group, role=role
            )
        grant_role_permissions(municipality, link.group, role)

    result = ProvisioningResult(municipality=municipality, created=created)
    if administrator_email:
        result.administrator, result.administrator_password = ensure_member(
            municipality,
            MunicipalityRole.ADMINISTRATOR,
            administrator_email,
            administrator_password,
        )
    return result


def ensure_member(municipality, role, email, password=None, **user_fields):
    """Create (or find) a user by e-mail and put them into the municipality's group for role.

    Returns the user and the password that was set ("" when an existing password was kept).
    """
    User = get_user_model()
    email = email.strip().lower()
    # Staff only: a citizen's account (radnice.citizens) with the same address is another person's
    # account in law and never becomes staff.
    staff = User.objects.filter(citizen_profile__isnull=True)
    user = staff.filter(email__iexact=email).first() or staff.filter(username=email).first()
    new_password = ""
    if user is None:
        user = User(username=email, email=email, **user_fields)
        new_password = password or get_random_string(16)
        user.set_password(new_password)
        user.save()
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
        new_password = password
    user.groups.add(municipality.group_for(role))
    return user, new_password
