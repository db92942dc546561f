"""Factories for tests: municipalities are provisioned the real way, content with factory_boy."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from municipalities.models import MunicipalityRole
from municipalities.provisioning import ensure_member, provision_municipality
from municipalities.validators import ico_check_digit
from radnice.pages.models import StandardPage
from radnice.people.models import Person
from tests.site.blocks.factories import BodyStreamBlockFactory

_ico_counter = iter(range(1000000, 9999999))


def next_ico():
    first_seven = f"{next(_ico_counter):07d}"
    return first_seven + str(ico_check_digit(first_seven))


def make_municipality(name, hostname, kind="obec", **kwargs):
    return provision_municipality(
        name=name, kind=kind, ico=kwargs.pop("ico", None) or next_ico(), hostname=hostname, **kwargs
    ).municipality


# The two towns most tests use (fixtures ``town_a`` and ``town_b`` in tests/conftest.py). They
# are built once per test session (per xdist worker) and committed; each test sees them in
# its own transaction, rolled back at its end. Their IČO start with 0, which ``next_ico()``
# never gives.
SESSION_TOWNS = {
    "town_a": {"name": "Obec Alfa", "hostname": "alfa.test", "kind": "obec", "ico": "00880019"},
    "town_b": {"name": "Město Beta", "hostname": "beta.test", "kind": "mesto", "ico": "00880027"},
}


def session_town(key):
    """The town ``key`` of ``SESSION_TOWNS``, read afresh; built if it is not there (after a
    transactional test emptied the database, it is built again inside the running test)."""
    from municipalities.models import Municipality

    spec = SESSION_TOWNS[key]
    town = (
        Municipality.objects.select_related("site")
        .filter(ico=spec["ico"], site__hostname=spec["hostname"], site__port=80)
        .first()
    )
    return town or make_municipality(**spec)


def site_path(page):
    """The page's path on its own site. ``page.url`` is that path only while the database
    has a single site; with the session's towns there are always more."""
    return page.relative_url(page.get_site())


def make_member(municipality, role=MunicipalityRole.EDITOR, email=None, password="heslo-123"):
    email = email or f"{role}-{municipality.pk}@example.cz"
    user, _password = ensure_member(municipality, role, email, password)
    return user


class StandardPageFactory(wagtail_factories.PageFactory):
    """A page whose body is built block by block: ``body__0__rich_text__value="<p>…</p>"``."""

    title = factory.Sequence(lambda n: f"Stránka {n}")
    teaser = "Krátký perex stránky."
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = StandardPage


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = factory.Sequence(lambda n: f"Jméno{n}")
    last_name = factory.Sequence(lambda n: f"Příjmení{n}")
    position = "referent"

    class Meta:
        model = Person


class SuperuserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"operator{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cz")
    is_superuser = True
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "heslo-123")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def restore_migration_data():
    """Put back the rows that migrations insert, which a transactional test's flush removes.

    Every transactional test ends by emptying all tables; pytest-django then re-creates content
    types and model permissions (``post_migrate``), but not what data migrations inserted. So a
    test that runs after another transactional test finds no root page, root collection or
    locales, and no wagtail-localize "submit_translation" permission, which provisioning grants.
    """
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import DEFAULT_DB_ALIAS
    from wagtail.models import Collection, Locale, Page

    from municipalities.provisioning import ensure_locales

    if not Permission.objects.filter(codename="access_admin").exists():
        # Not even model permissions (the previous test flushed without post_migrate).
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    # As wagtail_localize/migrations/0006_create_submit_translation_permission.py does.
    translation_type, _created = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    ensure_locales()
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
