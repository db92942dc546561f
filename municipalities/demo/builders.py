"""Idempotent builders of demo content for one municipality."""

from django.utils.module_loading import import_string

from radnice.blocks.blocks import rich_text_stream
from radnice.pages.models import StandardPage
from radnice.people.models import Person

from ..models import MunicipalityRole
from ..provisioning import ensure_member, provision_municipality
from .towns import DEMO_PASSWORD

# Each content app fills a demo town with its own content; order matters (people before the
# board, which names responsible persons; the home page last, as it shows the others).
CONTENT_BUILDERS = [
    "radnice.people.demo.build_demo",
    "radnice.board.demo.build_demo",
    "radnice.news.demo.build_demo",
    "radnice.events.demo.build_demo",
    "radnice.alerts.demo.build_demo",
    "radnice.home.demo.build_demo",
]


def build_demo_town(town, port, budget_format=None):
    """A whole demo town: the municipality, every app's content, the budget module when
    ``budget_format`` ("cityvizor" or "kxx") says from which generated file, the menus."""
    from modules.budget.demo import build_demo as build_budget_demo

    municipality = build_town(town, port)
    for path in CONTENT_BUILDERS:
        import_string(path)(municipality)
    if budget_format:
        build_budget_demo(municipality, budget_format)
    build_navigation(municipality)
    return municipality


def build_town(town, port):
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

    editor, _password = ensure_member(
        municipality, MunicipalityRole.EDITOR, town.editor_username, DEMO_PASSWORD
    )
    editor.groups.add(municipality.group_for(MunicipalityRole.MODERATOR))
    admin, _password = ensure_member(
        municipality,
        MunicipalityRole.ADMINISTRATOR,
        town.editor_username.replace("editor@", "spravce@"),
        DEMO_PASSWORD,
    )

    home = municipality.site.root_page.specific
    if home.intro != town.intro:
        home.intro = town.intro
        home.save_revision().publish()

    for title, slug, teaser, body in town.pages:
        if not home.get_children().filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, teaser=teaser, body=rich_text_stream(body))
            home.add_child(instance=page)
            page.save_revision().publish()

    for title_before, first, last, title_after, position, email, phone in town.people:
        Person.objects.update_or_create(
            municipality=municipality,
            first_name=first,
            last_name=last,
            defaults={
                "title_before": title_before,
                "title_after": title_after,
                "position": position,
                "email": email,
                "phone": phone,
            },
        )
    return municipality


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
