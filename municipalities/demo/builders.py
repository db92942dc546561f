"""Idempotent builders of demo content for one municipality."""

import datetime

from django.utils.module_loading import import_string

from radnice.blocks.blocks import rich_text_stream
from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import Membership, Organisation, Role, Verification
from radnice.citizens.verification import active_verifications, confirm_by_office
from radnice.core.tasks_backend import coalesced_jobs
from radnice.pages.models import StandardPage
from radnice.people.models import Person

from ..models import MunicipalityRole
from ..provisioning import ensure_member, provision_municipality
from ..registry import run_module_demos
from .towns import staff_password

# Each content app fills a demo town with its own content; order matters (people before the
# board, which names responsible persons; the home page last, as it shows the others).
SHARED_CITIZEN_EMAIL = "jana.novakova@example.cz"

CONTENT_BUILDERS = [
    "radnice.people.demo.build_demo",
    "radnice.board.demo.build_demo",
    "radnice.news.demo.build_demo",
    "radnice.events.demo.build_demo",
    "radnice.alerts.demo.build_demo",
    "radnice.home.demo.build_demo",
]


def ensure_type(model, municipality, slug, name):
    """The town's term of a taxonomy (NoticeType, EventType, NewsType) with this slug; the
    name is set only when the term is created (editors may rename it)."""
    return model.objects.get_or_create(
        municipality=municipality, slug=slug, defaults={"name": name}
    )[0]


def build_demo_town(town, port, accounts=None):
    """A whole demo town: the municipality, every app's content, the demo of every module the
    town has on (``town.modules``, through the module registry), the menus.

    ``accounts``: a list to which (username, password) of every account created now is added.
    """
    # Wagtail's index updates run once per record, after the last of its many saves here.
    with coalesced_jobs():
        municipality = build_town(town, port, accounts)
        for path in CONTENT_BUILDERS:
            import_string(path)(municipality)
        enable_modules(municipality, town.modules)
        run_module_demos(municipality, town.modules)
        build_navigation(municipality)
    return municipality


def enable_modules(municipality, names):
    missing = [name for name in names if name not in (municipality.enabled_modules or [])]
    if missing:
        municipality.enabled_modules = [*(municipality.enabled_modules or []), *missing]
        municipality.save(update_fields=["enabled_modules"])


def build_town(town, port, accounts=None):
    result = provision_municipality(
        name=town.name,
        kind=town.kind,
        ico=town.ico,
        hostname=town.hostname,
        port=port,
        is_default_site=town.hostname.startswith("lhota"),
    )
    municipality = result.municipality
    contact_fields = ("data_box", "street", "postcode", "city", "email", "phone")
    if (municipality.theme, municipality.font) != (town.theme, town.font):
        municipality.theme, municipality.font = town.theme, town.font
        municipality.save(update_fields=["theme", "font"])
    if any(getattr(municipality, f) != getattr(town, f) for f in contact_fields):
        for field in contact_fields:
            setattr(municipality, field, getattr(town, field))
        municipality.full_clean()
        municipality.save()

    editor, editor_password = ensure_member(
        municipality, MunicipalityRole.EDITOR, town.editor_username, staff_password()
    )
    editor.groups.add(municipality.group_for(MunicipalityRole.MODERATOR))
    admin, admin_password = ensure_member(
        municipality,
        MunicipalityRole.ADMINISTRATOR,
        town.editor_username.replace("editor@", "spravce@"),
        staff_password(),
    )
    # Citizens (radnice.citizens): the town's own one, and one address with an account in
    # every town (separate accounts, to show that they are).
    citizens = [
        ensure_citizen(municipality, email, staff_password())
        for email in (town.editor_username.replace("editor@", "obcan@"), SHARED_CITIZEN_EMAIL)
    ]
    confirm_demo_citizen(town, citizens[1][0].citizen_profile, admin)
    if town.organisation:
        administrator, member = (user for user, _password in citizens)
        ensure_organisation(municipality, town.organisation, administrator, member)
    if accounts is not None:
        accounts += [
            (user.username, password)
            for user, password in ((editor, editor_password), (admin, admin_password))
            if password
        ]
        accounts += [
            (f"{user.email} na {municipality.site.hostname}", password)
            for user, password in citizens
            if password
        ]

    home = municipality.site.root_page.specific
    if home.intro != town.intro:
        home.intro = town.intro
        home.save_revision().publish()

    for fields in town.pages:
        if not home.get_children().filter(slug=fields["slug"]).exists():
            page = StandardPage(**{**fields, "body": rich_text_stream(fields["body"])})
            home.add_child(instance=page)
            page.save_revision().publish()

    names = ("first_name", "last_name")
    for fields in town.people:
        Person.objects.update_or_create(
            municipality=municipality,
            **{name: fields[name] for name in names},
            defaults={name: value for name, value in fields.items() if name not in names},
        )
    return municipality


def confirm_demo_citizen(town, profile, official):
    """The shared demo citizen is confirmed by the town's administrator ("ověřeno úřadem")."""
    if active_verifications(profile).filter(method=Verification.Method.OFFICE).exists():
        return
    confirm_by_office(
        profile,
        official,
        given_name="Jana",
        family_name="Nováková",
        birth_date=datetime.date(1984, 3, 12),
        address=f"{town.street}, {town.postcode} {town.city}",
        note="Ukázka: občanský průkaz předložen na úřadě.",
    )


def ensure_organisation(municipality, fields, administrator, member):
    """The town's demo organisation (found by IČO) with its správce and člen."""
    organisation, _created = Organisation.objects.get_or_create(
        municipality=municipality,
        ico=fields["ico"],
        defaults={name: value for name, value in fields.items() if name != "ico"},
    )
    for user, role in ((administrator, Role.ADMINISTRATOR), (member, Role.MEMBER)):
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
    return organisation


MENU_SLUGS = ["uredni-deska", "aktuality", "akce", "kontakty", "rozpocet"]
# Sections whose subpages form a submenu of the main navigation.
SUBMENU_SLUGS = ["zivot-v-obci"]
FOOTER_LINKS = [
    ("Úřední deska", "uredni-deska"),
    ("Kontakty a úřední hodiny", "kontakty"),
    ("Aktuality", "aktuality"),
]


def build_navigation(municipality):
    """Main menu and footer links over the sections the content builders created."""
    from radnice.navigation.models import FooterLink, FooterMenuSettings

    home = municipality.site.root_page
    sections = {page.slug: page for page in home.get_children().specific()}
    for slug in MENU_SLUGS:
        page = sections.get(slug)
        if page is not None and not page.show_in_menus:
            page.show_in_menus = True
            page.save_revision().publish()
    for slug in SUBMENU_SLUGS:
        section = sections.get(slug)
        children = section.get_children().live().specific() if section else []
        for child in children:
            if not child.show_in_menus:
                child.show_in_menus = True
                child.save_revision().publish()
    menu = FooterMenuSettings.for_site(municipality.site)
    if not menu.links.exists():
        menu.heading = "Užitečné odkazy"
        menu.links = [
            FooterLink(title=title, page=sections[slug])
            for title, slug in FOOTER_LINKS
            if slug in sections
        ]
        menu.save()
