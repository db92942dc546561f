"""An editor of town A must not see, open, edit or choose anything of town B in the admin.

Two complementary checks:
- targeted tests for each admin area named in the foundation issue;
- a sweep over every admin URL pattern: listings as they are, and every URL taking an object
  id with the ids of town B's objects substituted. No response may contain town B's marker.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import Workflow

from modules.budget.models import ImportJob, ImportStatus
from modules.payments.models import PayerField, PaymentSettings, PriceTier, Product
from municipalities.models import ModuleRoleAssignment, ModuleSettings, TownOrganisation
from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import Organisation
from radnice.citizens.verification import block, confirm_by_office
from radnice.core.models import SocialMediaSettings
from radnice.notifications.models import MessageState, MessageTemplate, OutboxMessage

from ..admin_urls import admin_url_patterns, kwargs_of, single_object_url_names
from ..factories import PersonFactory, StandardPageFactory, SuperuserFactory

MARKER = "quokka"
# Views taking one object id, as the URLconf registers them (not a hand-kept list).
PAGE_VIEWS = single_object_url_names("wagtailadmin_pages", kwarg="page_id")
PERSON_VIEWS = single_object_url_names("wagtailsnippets_people_person")
CITIZEN_NAMESPACES = ("citizen_accounts", "citizen_audit")


@pytest.fixture
def town_b_content(town_b, editor_b):
    """Everything town B has, each carrying the marker in a visible field."""
    # Town B's own names carry the marker too, so that a leaked site filter, collection
    # or group name is caught as well as leaked content.
    town_b.name = f"Město {MARKER}"
    town_b.save()
    town_b.site.site_name = f"Web {MARKER}"
    town_b.site.save()
    town_b.collection.name = f"Kolekce {MARKER}"
    town_b.collection.save()
    for link in town_b.group_links.select_related("group"):
        link.group.name = f"{MARKER} {link.role}"
        link.group.save()
    editor_b.first_name, editor_b.last_name = "Bára", f"{MARKER}ová"
    editor_b.save()
    root = town_b.site.root_page
    page = StandardPageFactory(parent=root, title=f"Stránka {MARKER} Beta", slug="tajna")
    page.save_revision(user=editor_b).publish()
    draft = StandardPageFactory(parent=page, title=f"Koncept {MARKER}", slug="koncept", live=False)
    draft.save_revision(user=editor_b)
    locked = StandardPageFactory(parent=root, title=f"Zamčená {MARKER}", slug="zamcena")
    locked.locked = True
    locked.locked_by = editor_b
    locked.save()
    in_moderation = StandardPageFactory(parent=root, title=f"Ke schválení {MARKER}", slug="ks")
    in_moderation.save_revision(user=editor_b)
    workflow = Workflow.objects.get(name="Moderators approval")
    workflow.start(in_moderation, editor_b)
    image = get_image_model().objects.create(
        title=f"Obrázek {MARKER}", file=get_test_image_file(), collection=town_b.collection
    )
    document = get_document_model().objects.create(
        title=f"Dokument {MARKER}",
        file=ContentFile(b"%PDF-1.4 quokka", name="quokka.pdf"),
        collection=town_b.collection,
    )
    image.tags.add(f"{MARKER}-obrazek", "sdileny")
    document.tags.add(f"{MARKER}-dokument")
    person = PersonFactory(municipality=town_b, first_name="Bedřich", last_name=f"{MARKER}ový")
    log(instance=person, action="wagtail.create", user=editor_b)
    log(instance=image, action="wagtail.create", user=editor_b)
    log(instance=document, action="wagtail.create", user=editor_b)
    for owned in (page, draft, locked, in_moderation):
        type(owned).objects.filter(pk=owned.pk).update(owner=editor_b)
    # A citizens' organisation (radnice.citizens), listed and inspected by the town's staff.
    organisation = Organisation.objects.create(
        municipality=town_b,
        name=f"Spolek {MARKER}",
        ico="00880035",
        address=f"{MARKER} 1, Beta",
        representative=f"Petr {MARKER}",
    )
    settings = SocialMediaSettings.for_site(town_b.site)
    settings.facebook = f"https://facebook.example/{MARKER}"
    settings.save()
    citizen = citizen_with_history(town_b, f"{MARKER}@example.cz", editor_b)
    # The town's own organisation, a module role for it and a module's settings.
    town_organisation = TownOrganisation.objects.create(
        municipality=town_b, name=f"Škola {MARKER}", kind="skola"
    )
    module_role = ModuleRoleAssignment.objects.create(
        municipality=town_b,
        user=editor_b,
        module="budget",
        role="spravce",
        organisation=town_organisation,
    )
    module_settings = ModuleSettings.objects.create(
        municipality=town_b, module="budget", values={"poznamka": MARKER}
    )
    # What the town sent and its wording of a message (radnice.notifications).
    outbox_message = OutboxMessage.objects.create(
        municipality=town_b,
        key=MARKER,
        subject=f"Zpráva {MARKER}",
        recipients=[f"{MARKER}@example.cz"],
        body=MARKER,
        state=MessageState.FAILED,
    )
    message_template = MessageTemplate.objects.create(
        municipality=town_b,
        kind="account/email/unknown_account",
        language="cs",
        subject=f"Předmět {MARKER}",
        body=MARKER,
    )
    # An upload of the import framework (radnice.core.imports) with its report.
    import_run = ImportJob.objects.create(
        municipality=town_b,
        format="cityvizor",
        options={"year": 2023, "mode": "replace"},
        file=ContentFile(b"type;paragraph", name="quokka.csv"),
        original_name=f"{MARKER}.csv",
        status=ImportStatus.FAILED,
        message=f"Soubor {MARKER} byl odmítnut.",
        errors=[{"line": 2, "column": "amount", "value": MARKER, "message": MARKER}],
    )
    # The payment shop's catalogue of the town's organisation (modules/payments).
    payment_settings = PaymentSettings.objects.create(
        municipality=town_b,
        organisation=town_organisation,
        account="19-2000145399/0800",
        gateway="gopay",
        merchant_id=f"{MARKER}-obchodnik",
    )
    product = Product.objects.create(
        municipality=town_b,
        organisation=town_organisation,
        name=f"Výlet {MARKER}",
        slug="vylet",
        description=f"Popis {MARKER}",
    )
    PriceTier.objects.create(product=product, label=f"Dítě {MARKER}", price=100)
    PayerField.objects.create(product=product, label=f"Třída {MARKER}", kind="text")
    return {
        "payment_settings": payment_settings,
        "product": product,
        "town_organisation": town_organisation,
        "module_role": module_role,
        "module_settings": module_settings,
        "outbox_message": outbox_message,
        "message_template": message_template,
        "import_run": import_run,
        "citizen": citizen,
        "citizen_verification": citizen.verifications.get(),
        "page": page,
        "draft": draft,
        "locked": locked,
        "in_moderation": in_moderation,
        "image": image,
        "document": document,
        "person": person,
        "organisation": organisation,
        "site": town_b.site,
        "municipality": town_b,
        "collection": town_b.collection,
        "root": root,
    }


@pytest.fixture
def town_a_content(town_a, editor_a):
    page = StandardPageFactory(parent=town_a.site.root_page, title="Stránka Alfy", slug="alfa")
    page.save_revision(user=editor_a).publish()
    image = get_image_model().objects.create(
        title="Obrázek Alfy", file=get_test_image_file(), collection=town_a.collection
    )
    image.tags.add("alfa-obrazek", "sdileny")
    document = get_document_model().objects.create(
        title="Dokument Alfy",
        file=ContentFile(b"%PDF-1.4 alfa", name="alfa.pdf"),
        collection=town_a.collection,
    )
    document.tags.add("alfa-dokument")
    person = PersonFactory(municipality=town_a, first_name="Adam", last_name="Alfovský")
    citizen = citizen_with_history(town_a, "alfa.obcan@example.cz", editor_a)
    return {
        "page": page,
        "image": image,
        "document": document,
        "person": person,
        "citizen": citizen,
        "citizen_verification": citizen.verifications.get(),
    }


def citizen_with_history(town, email, official):
    """A citizen's account confirmed by the office and blocked: audit entries and a proof."""
    user, _password = ensure_citizen(town, email)
    profile = user.citizen_profile
    confirm_by_office(
        profile,
        official,
        given_name="Občan",
        family_name=email.split("@")[0],
        birth_date=datetime.date(1980, 1, 1),
        address=f"Náměstí {email}",
    )
    block(profile, official, f"důvod {email}")
    return profile


def assert_hidden(response):
    body = response.content.decode("utf-8", errors="replace").lower()
    assert MARKER not in body, f"{response.request['PATH_INFO']} shows town B's content"


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


# --- targeted tests, one per admin area ---------------------------------------------------


@pytest.mark.django_db
class TestPageExplorer:
    def test_explorer_root_lists_only_own_tree(
        self, client_a, town_a, town_a_content, town_b_content
    ):
        response = admin_get(client_a, reverse("wagtailadmin_explore_root"))
        assert response.status_code == 200
        assert_hidden(response)

    @pytest.mark.parametrize("key", ["root", "page", "locked"])
    def test_cannot_explore_other_towns_pages(self, client_a, town_b_content, key):
        page = town_b_content[key]
        response = admin_get(client_a, reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 404

    def test_page_views_taking_one_page_id_are_found(self):
        assert {"edit", "delete", "copy", "history", "unpublish", "lock", "usage"} <= set(
            PAGE_VIEWS
        )

    @pytest.mark.parametrize("action", PAGE_VIEWS)
    def test_guessed_page_urls_are_refused(self, client_a, town_b_content, action):
        page = town_b_content["page"]
        response = admin_get(client_a, reverse(f"wagtailadmin_pages:{action}", args=[page.pk]))
        assert response.status_code == 404
        assert_hidden(response)

    def test_cannot_add_page_under_other_town(self, client_a, town_b_content):
        url = reverse(
            "wagtailadmin_pages:add", args=["pages", "standardpage", town_b_content["root"].pk]
        )
        assert admin_get(client_a, url).status_code == 404
        response = client_a.post(
            url,
            {"title": "Vetřelec", "slug": "vetrelec", "action-publish": "1"},
            HTTP_HOST="alfa.test",
        )
        assert response.status_code == 404
        assert not town_b_content["root"].get_children().filter(slug="vetrelec").exists()

    def test_cannot_move_own_page_into_other_town(self, client_a, town_a_content, town_b_content):
        page = town_a_content["page"]
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, town_b_content["root"].pk])
        response = client_a.post(url, HTTP_HOST="alfa.test")
        assert response.status_code == 404
        page.refresh_from_db()
        assert not page.path.startswith(town_b_content["root"].path)


@pytest.mark.django_db
class TestChoosers:
    def test_page_chooser_root_and_search(self, client_a, town_a_content, town_b_content):
        assert_hidden(admin_get(client_a, reverse("wagtailadmin_choose_page")))
        assert_hidden(admin_get(client_a, reverse("wagtailadmin_choose_page_search"), q="Koncept"))
        assert_hidden(admin_get(client_a, reverse("wagtailadmin_choose_page_search"), q="Stránka"))

    def test_page_chooser_cannot_browse_other_town(self, client_a, town_b_content):
        response = admin_get(
            client_a, reverse("wagtailadmin_choose_page_child", args=[town_b_content["root"].pk])
        )
        assert response.status_code == 404
        assert_hidden(response)

    def test_image_and_document_choosers(self, client_a, town_a_content, town_b_content):
        assert_hidden(admin_get(client_a, reverse("wagtailimages_chooser:choose")))
        assert_hidden(admin_get(client_a, reverse("wagtailimages_chooser:choose"), q="Obrázek"))
        assert_hidden(admin_get(client_a, reverse("wagtaildocs_chooser:choose"), q="Dokument"))
        assert_hidden(admin_get(client_a, reverse("wagtaildocs_chooser:choose")))
        image = town_b_content["image"]
        response = admin_get(client_a, reverse("wagtailimages_chooser:chosen", args=[image.pk]))
        assert response.status_code == 404
        document = town_b_content["document"]
        response = admin_get(client_a, reverse("wagtaildocs_chooser:chosen", args=[document.pk]))
        assert response.status_code == 404

    def test_snippet_chooser(self, client_a, town_a_content, town_b_content):
        choose = reverse("wagtailsnippetchoosers_people_person:choose")
        response = admin_get(client_a, choose)
        assert response.status_code == 200
        assert "Alfovsk" in response.content.decode()
        assert_hidden(response)
        chosen = reverse(
            "wagtailsnippetchoosers_people_person:chosen", args=[town_b_content["person"].pk]
        )
        assert admin_get(client_a, chosen).status_code == 404


@pytest.mark.django_db
class TestChosenMultiple:
    """The choosers' "chosen multiple" views take ids from ``?id=`` and show each title."""

    @pytest.mark.parametrize(
        ("url_name", "key"),
        [
            ("wagtailadmin_choose_page_chosen_multiple", "page"),
            ("wagtailimages_chooser:chosen_multiple", "image"),
            ("wagtaildocs_chooser:chosen_multiple", "document"),
        ],
    )
    def test_other_towns_ids_answer_404(
        self, client_a, town_a_content, town_b_content, url_name, key
    ):
        own, foreign = town_a_content[key].pk, town_b_content[key].pk
        response = admin_get(client_a, reverse(url_name), id=[own])
        assert response.status_code == 200
        assert "Alf" in response.content.decode()
        response = admin_get(client_a, reverse(url_name), id=[own, foreign])
        assert response.status_code == 404
        assert_hidden(response)

    def test_snippet_chooser_returns_only_own_records(
        self, client_a, town_a_content, town_b_content
    ):
        url = reverse("wagtailsnippetchoosers_people_person:chosen_multiple")
        ids = [town_a_content["person"].pk, town_b_content["person"].pk]
        response = admin_get(client_a, url, id=ids)
        assert response.status_code == 200
        assert "Alfovsk" in response.content.decode()
        assert_hidden(response)


def bulk_action_url(app_label, model_name, action, *ids):
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
    return url + "?" + "&".join(f"id={pk}" for pk in ids)


BULK_TARGETS = {
    "page": ("wagtailcore", "page"),
    "image": ("wagtailimages", "image"),
    "document": ("wagtaildocs", "document"),
    "person": ("people", "person"),
}


@pytest.mark.django_db
class TestBulkActions:
    @pytest.mark.parametrize(
        ("key", "action"),
        [
            ("page", "delete"),
            ("page", "publish"),
            ("page", "unpublish"),
            ("page", "move"),
            ("image", "delete"),
            ("image", "add_to_collection"),
            ("image", "add_tags"),
            ("document", "delete"),
            ("document", "add_to_collection"),
            ("document", "add_tags"),
            ("person", "delete"),
        ],
    )
    def test_confirmation_lists_only_own_objects(
        self, client, admin_a, town_a_content, town_b_content, key, action
    ):
        client.force_login(admin_a)
        own, foreign = town_a_content[key].pk, town_b_content[key].pk
        for ids in ([own, foreign], [foreign], ["all"]):
            url = bulk_action_url(*BULK_TARGETS[key], action, *ids)
            response = admin_get(client, url)
            assert response.status_code == 200, ids
            assert_hidden(response)
        response = admin_get(client, bulk_action_url(*BULK_TARGETS[key], action, own, foreign))
        assert "Alf" in response.content.decode()

    @pytest.mark.parametrize("key", ["page", "image", "document", "person"])
    def test_delete_does_not_touch_other_towns_objects(
        self, client, admin_a, town_a_content, town_b_content, key
    ):
        client.force_login(admin_a)
        foreign = town_b_content[key]
        url = bulk_action_url(*BULK_TARGETS[key], "delete", foreign.pk)
        response = client.post(url, HTTP_HOST="alfa.test")
        assert response.status_code == 302
        assert type(foreign).objects.filter(pk=foreign.pk).exists()

    def test_add_tags_does_not_touch_other_towns_images(
        self, client, admin_a, town_a_content, town_b_content
    ):
        client.force_login(admin_a)
        own, foreign = town_a_content["image"], town_b_content["image"]
        url = bulk_action_url(*BULK_TARGETS["image"], "add_tags", own.pk, foreign.pk)
        response = client.post(url, {"tags": "pridany"}, HTTP_HOST="alfa.test")
        assert response.status_code == 302
        assert "pridany" in own.tags.names()
        assert "pridany" not in foreign.tags.names()


@pytest.mark.django_db
class TestTags:
    @pytest.mark.parametrize(
        "url",
        [
            "/admin/tag-autocomplete/",
            "/admin/tag-autocomplete/taggit/tag/",
        ],
    )
    def test_autocomplete_suggests_only_tags_used_in_own_town(
        self, client_a, town_a_content, town_b_content, url
    ):
        assert url in {
            reverse("wagtailadmin_tag_autocomplete"),
            reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
        }
        assert admin_get(client_a, url, term="alfa").json() == ["alfa-dokument", "alfa-obrazek"]
        assert admin_get(client_a, url, term="sdil").json() == ["sdileny"]
        assert admin_get(client_a, url, term=MARKER[:3]).json() == []

    def test_operator_is_suggested_every_tag(self, client, town_b_content):
        client.force_login(SuperuserFactory())
        response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": MARKER})
        assert response.json() == [f"{MARKER}-dokument", f"{MARKER}-obrazek"]

    @pytest.mark.parametrize(
        ("url_name", "own_tag"),
        [
            ("wagtailimages:index", "alfa-obrazek"),
            ("wagtailimages_chooser:choose", "alfa-obrazek"),
            ("wagtaildocs:index", "alfa-dokument"),
        ],
    )
    def test_tag_filters_offer_only_own_towns_tags(
        self, client_a, town_a_content, town_b_content, url_name, own_tag
    ):
        response = admin_get(client_a, reverse(url_name))
        assert response.status_code == 200
        assert own_tag in response.content.decode()
        assert_hidden(response)

    def test_operator_tag_filter_offers_every_towns_tags(self, client, town_b_content):
        client.force_login(SuperuserFactory())
        response = client.get(reverse("wagtailimages:index"), HTTP_HOST="beta.test")
        assert f"{MARKER}-obrazek" in response.content.decode()


@pytest.mark.django_db
class TestImagesAndDocuments:
    def test_listings(self, client_a, town_a_content, town_b_content):
        response = admin_get(client_a, reverse("wagtailimages:index"))
        assert "Obrázek Alfy" in response.content.decode()
        assert_hidden(response)
        assert_hidden(admin_get(client_a, reverse("wagtaildocs:index")))

    def test_guessed_ids(self, client_a, town_b_content):
        for url_name, obj in [
            ("wagtailimages:edit", town_b_content["image"]),
            ("wagtailimages:delete", town_b_content["image"]),
            ("wagtaildocs:edit", town_b_content["document"]),
            ("wagtaildocs:delete", town_b_content["document"]),
        ]:
            response = admin_get(client_a, reverse(url_name, args=[obj.pk]))
            assert response.status_code == 404, url_name

    def test_private_document_of_other_town_is_not_served_to_editor(self, client, editor_a):
        # Documents are served publicly unless collection privacy says otherwise; the
        # admin must not offer another town's documents, which the listings above prove.
        assert editor_a.has_perm("wagtaildocs.change_document") is False


@pytest.mark.django_db
class TestSnippetsAndSettings:
    def test_person_listing(self, client_a, town_a_content, town_b_content):
        listing = admin_get(client_a, reverse("wagtailsnippets_people_person:list"))
        assert "Alfovský" in listing.content.decode()
        assert_hidden(listing)

    @pytest.mark.parametrize("action", PERSON_VIEWS)
    def test_guessed_person_ids_answer_404(self, client_a, town_b_content, action):
        person = town_b_content["person"]
        url = reverse(f"wagtailsnippets_people_person:{action}", args=[person.pk])
        assert admin_get(client_a, url).status_code == 404

    def test_cannot_create_person_for_other_town(self, client_a, town_b):
        response = client_a.post(
            reverse("wagtailsnippets_people_person:add"),
            {"municipality": town_b.pk, "first_name": "Vetřelec", "last_name": "Cizí"},
            HTTP_HOST="alfa.test",
        )
        assert response.status_code == 200  # the form is shown again with an error
        assert not town_b.people.filter(first_name="Vetřelec").exists()

    def test_site_settings_only_for_own_site(self, client, admin_a, town_a, town_b_content):
        client.force_login(admin_a)
        own = reverse("wagtailsettings:edit", args=["core", "socialmediasettings", town_a.site.pk])
        assert admin_get(client, own).status_code == 200
        other = reverse(
            "wagtailsettings:edit", args=["core", "socialmediasettings", town_b_content["site"].pk]
        )
        assert admin_get(client, other).status_code == 404
        assert_hidden(admin_get(client, own))

    def test_municipality_admin_edits_only_own_municipality(self, client, admin_a, town_a, town_b):
        client.force_login(admin_a)
        listing = admin_get(client, reverse("municipalities:index"))
        assert town_a.name in listing.content.decode()
        assert town_b.name not in listing.content.decode()
        assert (
            admin_get(client, reverse("municipalities:edit", args=[town_a.pk])).status_code == 200
        )
        other = reverse("municipalities:edit", args=[town_b.pk])
        assert admin_get(client, other).status_code == 404


def citizen_urls(content):
    """Every URL of the citizens' admin (radnice.citizens.admin_views), as registered, with
    ``content``'s ids (the account's, its proof's)."""
    values = {"pk": content["citizen"].pk, "verification_id": content["citizen_verification"].pk}
    urls = []
    for name, route in admin_url_patterns():
        if name.split(":")[0] in CITIZEN_NAMESPACES:
            args = [arg for _conv, arg in kwargs_of(route)]
            urls.append((name, reverse(name, kwargs={arg: values[arg] for arg in args}), args))
    assert {name for name, _url, args in urls if args} >= {
        "citizen_accounts:inspect",
        "citizen_accounts:confirm",
        "citizen_accounts:revoke",
        "citizen_accounts:block",
        "citizen_accounts:unblock",
    }
    return urls


@pytest.mark.django_db
class TestCitizenAccounts:
    """Town A's administrator sees its citizens; town B's by no URL or id (editors: none)."""

    def test_listings_and_search(self, client, admin_a, town_a_content, town_b_content):
        client.force_login(admin_a)
        for name, url, args in citizen_urls(town_b_content):
            if args:
                continue
            # (a search box echoes what was searched: not the marker itself)
            for params in ({}, {"q": "example"}, {"q": "Náměstí"}, {"q": "Občan"}):
                response = admin_get(client, url, **params)
                assert response.status_code == 200, name
                assert_hidden(response)
            assert "alfa.obcan@example.cz" in admin_get(client, url).content.decode(), name

    def test_guessed_ids_answer_404(self, client, admin_a, town_a_content, town_b_content):
        client.force_login(admin_a)
        citizen = town_b_content["citizen"]
        checked = 0
        for name, url, args in citizen_urls(town_b_content):
            if not args:
                continue
            response = admin_get(client, url)
            assert response.status_code == 404, name
            assert_hidden(response)
            data = {"reason": "x", "given_name": "X", "family_name": "Y"}
            data.update(birth_date="1. 1. 1990", address="Z")
            assert client.post(url, data, HTTP_HOST="alfa.test").status_code == 404, name
            checked += 1
        assert checked >= 5
        citizen.refresh_from_db()
        assert citizen.blocked_at is not None
        assert citizen.verifications.filter(revoked_at__isnull=True).count() == 1
        assert citizen.audit_entries.count() == 2

    def test_own_urls_answer(self, client, admin_a, town_a_content):
        client.force_login(admin_a)
        for name, url, _args in citizen_urls(town_a_content):
            # block: the account is blocked already, so the page leads back to the account
            status = 302 if name == "citizen_accounts:block" else 200
            assert admin_get(client, url).status_code == status, name

    def test_editors_see_no_citizen_at_all(self, client_a, town_a_content, town_b_content):
        for content in (town_a_content, town_b_content):
            for name, url, args in citizen_urls(content):
                response = admin_get(client_a, url)
                foreign = content is town_b_content and args
                assert response.status_code == (404 if foreign else 302), name
                assert_hidden(response)


@pytest.mark.django_db
class TestModuleRecordsBelowTheTown:
    """The payment shop's records of town B's organisation (modules/payments)."""

    VIEWSETS = {"product": "payments_products", "payment_settings": "payments_settings"}

    @pytest.mark.parametrize("key", ["product", "payment_settings"])
    def test_listing_hides_and_guessed_ids_answer_404(
        self, client, admin_a, town_a_content, town_b_content, key
    ):
        client.force_login(admin_a)
        viewset = self.VIEWSETS[key]
        listing = admin_get(client, reverse(f"{viewset}:index"))
        assert listing.status_code == 200
        assert_hidden(listing)
        foreign = town_b_content[key]
        for view in ("edit", "delete"):
            url = reverse(f"{viewset}:{view}", args=[foreign.pk])
            assert admin_get(client, url).status_code == 404
            assert client.post(url, {}, HTTP_HOST="alfa.test").status_code == 404
        assert type(foreign).objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
class TestSearchReportsDashboard:
    @pytest.mark.parametrize(
        ("url_name", "status"),
        [
            ("wagtailadmin_home", 200),
            ("wagtailadmin_reports:locked_pages", 302),  # editors cannot unlock: no report
            ("wagtailadmin_reports:site_history", 200),
            ("wagtailadmin_reports:aging_pages", 200),
            ("wagtailadmin_reports:workflow", 200),
            ("wagtailadmin_reports:workflow_tasks", 200),
            ("wagtailadmin_reports:page_types_usage", 403),  # operators only
        ],
    )
    def test_report_hides_other_town(
        self, client_a, town_a_content, town_b_content, url_name, status
    ):
        response = admin_get(client_a, reverse(url_name))
        assert response.status_code == status
        assert_hidden(response)

    def test_admin_search(self, client_a, town_a_content, town_b_content):
        for query in ["Koncept", "Zamčená", "Beta"]:
            assert_hidden(admin_get(client_a, reverse("wagtailadmin_pages:search"), q=query))
        assert_hidden(admin_get(client_a, reverse("wagtailadmin_pages:search"), q="Stránka"))


# --- the sweep ------------------------------------------------------------------------------

SKIP_URL_NAMES = {"wagtailadmin_logout", "wagtailadmin_error_test"}
ID_KWARGS = re.compile(r"(^|_)(id|pk)$")


SAMPLE_LISTINGS = [
    "citizen_accounts:index",
    "citizen_audit:index",
    "wagtailadmin_reports:site_history",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailsnippets_people_person:list",
    "wagtailadmin_reports:locked_pages",
    "citizen_organisations:index",
    "town_organisations:index",
    "module_roles:index",
    "module_settings:index",
    "outbox:index",
    "wagtailsnippets_notifications_messagetemplate:list",
    "budget_import:index",
    "payments_products:index",
    "payments_settings:index",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", SAMPLE_LISTINGS)
def test_operator_sees_town_b_so_the_marker_check_can_fail(client, town_b_content, url_name):
    operator = SuperuserFactory()
    client.force_login(operator)
    response = client.get(reverse(url_name), HTTP_HOST="beta.test")
    assert MARKER in response.content.decode().lower()


@pytest.mark.django_db
def test_editor_sees_own_history(client_a, town_a_content):
    response = admin_get(client_a, reverse("wagtailadmin_reports:site_history"))
    assert "Stránka Alfy" in response.content.decode()


@pytest.mark.django_db
def test_sweep_of_every_admin_url(client_a, town_a_content, town_b_content):
    b_ids = sorted({obj.pk for obj in town_b_content.values()})
    checked = 0
    leaks = []
    for name, route in admin_url_patterns():
        if name in SKIP_URL_NAMES:
            continue
        params = kwargs_of(route)
        if not params:
            candidates = [{}]
        elif all(ID_KWARGS.search(param) for _conv, param in params):
            candidates = [{param: pk for _conv, param in params} for pk in b_ids]
        else:
            continue
        for kwargs in candidates:
            try:
                url = reverse(name, kwargs=kwargs)
            except Exception:
                continue
            response = admin_get(client_a, url)
            checked += 1
            body = response.content.decode("utf-8", errors="replace").lower()
            if MARKER in body:
                leaks.append(f"{url} ({name})")
    assert not leaks, "\n".join(leaks)
    assert checked > 200


# --- the sweep of views that take ids or search words from the query string ---------------

# Words of town B's titles that are not the marker (a search box echoes what was searched).
SEARCH_WORDS = ["Stránka", "Koncept", "Obrázek", "Dokument", "Bedřich", "Kolekce"]
CHOOSER_URL_NAME = re.compile(r"(^|:|_)(choose|choose_results|choose_page|choose_page_search)$")


def tag_model_kwargs():
    from taggit.models import TagBase

    return [
        {"app_name": model._meta.app_label, "model_name": model._meta.model_name}
        for model in apps.get_models()
        if issubclass(model, TagBase)
    ]


def registered_bulk_actions():
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    bulk_action_registry.get_bulk_action_class("", "", "")  # loads the registry
    return [
        (app_label, model_name, action)
        for app_label, models in bulk_action_registry.actions.items()
        for model_name, actions in models.items()
        for action in actions
    ]


def query_string_requests(b_ids):
    """``(url, params)`` of every chooser, chosen-multiple, bulk action and tag autocomplete."""
    for name, route in admin_url_patterns():
        args = [arg for _conv, arg in kwargs_of(route)]
        if name.endswith("chosen_multiple") and not args:
            yield reverse(name), {"id": b_ids}
        elif CHOOSER_URL_NAME.search(name) and not args:
            yield reverse(name), {}
            for word in SEARCH_WORDS:
                yield reverse(name), {"q": word}
        elif name.endswith(("tag_autocomplete", "tag_model_autocomplete")):
            for kwargs in tag_model_kwargs() if args else [{}]:
                yield reverse(name, kwargs=kwargs), {"term": MARKER[:3]}
    for app_label, model_name, action in registered_bulk_actions():
        url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
        yield url, {"id": b_ids}
        yield url, {"id": "all"}


@pytest.mark.django_db
def test_sweep_of_choosers_bulk_actions_and_tag_autocompletes(
    client, admin_a, town_a_content, town_b_content
):
    client.force_login(admin_a)
    b_ids = sorted({obj.pk for obj in town_b_content.values()})
    leaks, seen = [], set()
    for url, params in query_string_requests(b_ids):
        response = client.get(url, params, HTTP_HOST="alfa.test")
        seen.add(url)
        if MARKER in response.content.decode("utf-8", errors="replace").lower():
            leaks.append(f"{url} {params}")
    assert not leaks, "\n".join(leaks)
    expected = {
        reverse("wagtailadmin_choose_page_chosen_multiple"),
        reverse("wagtailimages_chooser:choose_results"),
        reverse("wagtailsnippetchoosers_people_person:chosen_multiple"),
        reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]),
        reverse("wagtail_bulk_action", args=["wagtailimages", "image", "add_tags"]),
        reverse("wagtail_bulk_action", args=["people", "person", "delete"]),
    }
    assert expected <= seen
