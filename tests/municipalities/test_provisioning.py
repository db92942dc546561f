import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Page, Site

from municipalities.models import Municipality, MunicipalityRole

from ..factories import next_ico


def create(**overrides):
    options = {
        "name": "Obec Gama",
        "kind": "obec",
        "ico": "00991236",
        "hostname": "gama.test",
        "admin_email": "spravce@gama.test",
        "admin_password": "tajne-heslo-1",
    }
    options.update(overrides)
    args = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    call_command("create_municipality", *args)


@pytest.mark.django_db
def test_create_municipality_builds_site_tree_collection_and_groups():
    create()
    municipality = Municipality.objects.get(ico="00991236")
    site = municipality.site
    assert (site.hostname, site.port) == ("gama.test", 80)
    assert site.root_page.title == "Obec Gama"
    assert sorted(p.locale.language_code for p in municipality.root_pages) == ["cs", "en"]
    assert municipality.collection.name == "Obec Gama"
    roles = set(municipality.group_links.values_list("role", flat=True))
    assert roles == set(MunicipalityRole.values)
    editors = municipality.group_for(MunicipalityRole.EDITOR)
    granted_pages = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page_id", flat=True)
    )
    assert granted_pages == {p.pk for p in municipality.root_pages}
    admin = municipality.group_for(MunicipalityRole.ADMINISTRATOR).user_set.get()
    assert admin.email == "spravce@gama.test"
    assert admin.check_password("tajne-heslo-1")


@pytest.mark.django_db
def test_create_municipality_is_idempotent():
    create()
    counts = (Site.objects.count(), Page.objects.count(), Collection.objects.count())
    create()
    assert (Site.objects.count(), Page.objects.count(), Collection.objects.count()) == counts
    assert Municipality.objects.count() == 1


@pytest.mark.django_db
def test_duplicate_hostname_is_refused():
    create()
    with pytest.raises(CommandError, match="gama.test:80 už patří jinému webu"):
        create(name="Obec Delta", ico=next_ico())


@pytest.mark.django_db
def test_invalid_ico_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError, match="kontrolní číslici"):
        create(ico="00991237")
    assert not Site.objects.exists()
    assert Page.objects.count() == 1  # only the tree root


@pytest.mark.django_db
def test_same_ico_on_other_hostname_is_refused():
    create()
    with pytest.raises(CommandError, match="IČO 00991236 už existuje"):
        create(hostname="jina.test")


@pytest.mark.django_db
def test_load_demo_builds_three_towns_and_is_repeatable():
    call_command("load_demo", verbosity=0)
    names = sorted(Municipality.objects.values_list("name", "site__hostname"))
    assert names == [
        ("Horní Dolní", "hornidolni.localhost"),
        ("Lhota pod Lesem", "lhota.localhost"),
        ("Praha 99", "praha99.localhost"),
    ]
    snapshot = {
        model.__name__: model.objects.count() for model in (Site, Page, Collection, Municipality)
    }
    latest_revision = Page.objects.order_by("-latest_revision_created_at").first()
    call_command("load_demo", verbosity=0)
    assert snapshot == {
        model.__name__: model.objects.count() for model in (Site, Page, Collection, Municipality)
    }
    assert (
        Page.objects.order_by("-latest_revision_created_at").first().latest_revision_created_at
        == latest_revision.latest_revision_created_at
    )


@pytest.mark.django_db
def test_grant_municipal_permissions_restores_a_removed_grant(town_a):
    editors = town_a.group_for(MunicipalityRole.EDITOR)
    GroupPagePermission.objects.filter(group=editors).delete()
    call_command("grant_municipal_permissions", verbosity=0)
    granted = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page_id", flat=True)
    )
    assert granted == {p.pk for p in town_a.root_pages}
