"""Record ids posted in admin forms: an editor of one town cannot attach another town's image,
document, page or person anywhere, and the refused form shows nothing of the foreign record.

These are the cases a hostile-editor test found, one by one; ``test_foreign_ids_everywhere``
covers every id-carrying field and block of every admin form by introspection.
"""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from municipalities.references import REFUSED
from radnice.blocks.blocks import rich_text_stream
from radnice.home.models import HomePage
from radnice.navigation.models import FooterMenuSettings
from radnice.pages.models import StandardPage

from ..factories import PersonFactory
from ..site.blocks.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"


@pytest.fixture
def image_a(town_a):
    return ImageFactory(collection=town_a.collection, title="Náves Alfy")


@pytest.fixture
def image_b(town_b):
    return ImageFactory(
        collection=town_b.collection, title=f"Obrázek {MARKER}", file__filename=f"{MARKER}.jpg"
    )


@pytest.fixture
def document_b(town_b):
    return DocumentFactory(
        collection=town_b.collection, title=f"Dokument {MARKER}", file__filename=f"{MARKER}.pdf"
    )


@pytest.fixture
def secret_page_b(town_b):
    from ..factories import StandardPageFactory

    page = StandardPageFactory(parent=town_b.site.root_page, title=f"Koncept {MARKER}")
    page.unpublish()
    return page


def post(client, url, data):
    return client.post(url, data, HTTP_HOST="alfa.test")


def assert_refused(response):
    """The form comes back with the message (block errors travel as JSON) and no trace of
    the foreign record."""
    assert response.status_code == 200
    html = response.content.decode()
    assert str(REFUSED) in html or json.dumps(str(REFUSED))[1:-1] in html
    assert MARKER not in html.lower()


def edit_page_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def standard_page_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "teaser": "",
        "main_image": "",
        "main_image_alt_text": "",
        "main_image_caption": "",
        "body": streamfield([]),
        "persons": inline_formset([]),
        "related_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_cannot_set_another_towns_image_as_main_image(client_a, page_a, image_b):
    response = post(
        client_a,
        edit_page_url(page_a),
        standard_page_data(page_a, main_image=str(image_b.pk), main_image_alt_text="Foto"),
    )
    assert_refused(response)
    assert StandardPage.objects.get(pk=page_a.pk).get_latest_revision_as_object().main_image is None


def test_an_id_that_does_not_exist_is_refused_the_same_way(client_a, page_a):
    response = post(
        client_a,
        edit_page_url(page_a),
        standard_page_data(page_a, main_image="987654", main_image_alt_text="Foto"),
    )
    assert_refused(response)


def test_own_image_is_accepted_as_main_image(client_a, page_a, image_a):
    response = post(
        client_a,
        edit_page_url(page_a),
        standard_page_data(page_a, main_image=str(image_a.pk), main_image_alt_text="Náves"),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=page_a.pk).get_latest_revision_as_object()
    assert page.main_image == image_a


def test_editor_cannot_put_another_towns_image_in_a_body_gallery(client_a, page_a, image_b):
    gallery = {
        "heading": "",
        "images": streamfield([]),  # replaced below: a ListBlock has the same form layout
    }
    data = standard_page_data(page_a, body=streamfield([("gallery", gallery)]))
    data.update(
        {
            "body-0-value-images-count": "1",
            "body-0-value-images-0-deleted": "",
            "body-0-value-images-0-order": "0",
            "body-0-value-images-0-id": "",
            "body-0-value-images-0-value-image": str(image_b.pk),
            "body-0-value-images-0-value-alt_text": "Foto",
            "body-0-value-images-0-value-caption": "",
        }
    )
    response = post(client_a, edit_page_url(page_a), data)
    assert_refused(response)
    errors = response.context["form"].errors["body"].as_data()[0]
    assert errors.block_errors[0].block_errors["images"].block_errors[0].block_errors["image"]


def test_a_foreign_record_saved_before_does_not_show_in_the_form(
    client_a, page_a, image_b, document_b
):
    """Data saved before this check (or outside the admin) is not echoed either."""
    page_a.main_image = image_b
    page_a.body = rich_text_stream(
        f'<p><a linktype="document" id="{document_b.pk}">Vyhlaska</a></p>'
    )
    page_a.save_revision()
    response = client_a.get(edit_page_url(page_a), HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert "Vyhlaska" in response.content.decode()
    assert MARKER not in response.content.decode().lower()


def contentstate_link(entity_type, target_id):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "viz příloha",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 11, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {"type": entity_type, "mutability": "MUTABLE", "data": {"id": target_id}}
            },
        }
    )


def test_editor_cannot_link_another_towns_document_in_rich_text(client_a, page_a, document_b):
    data = standard_page_data(page_a, body=streamfield([("rich_text", rich_text("<p>text</p>"))]))
    data["body-0-value"] = contentstate_link("DOCUMENT", document_b.pk)
    response = post(client_a, edit_page_url(page_a), data)
    assert_refused(response)


def test_editor_cannot_link_another_towns_page_in_an_alert(client_a, town_a, secret_page_b):
    url = reverse("wagtailsnippets_alerts_alert:add")
    data = nested_form_data(
        {
            "municipality": str(town_a.pk),
            "title": "Uzavírka",
            "level": "info",
            "message": contentstate_link("LINK", secret_page_b.pk),
            "link_url": "",
            "link_label": "",
            "starts_at": "2026-01-01 08:00",
            "ends_at": "",
            "show_everywhere": "on",
            "dismissal": "forever",
            "page_targets": inline_formset([]),
        }
    )
    response = post(client_a, url, data)
    assert_refused(response)


def test_editor_cannot_make_another_towns_draft_a_top_task(client_a, town_a, secret_page_b):
    home = HomePage.objects.get(pk=town_a.site.root_page_id)
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": "",
            "hero_image": "",
            "body": streamfield([]),
            "top_tasks": inline_formset(
                [{"link_page": str(secret_page_b.pk), "link_url": "", "title": "", "icon": ""}]
            ),
        }
    )
    response = post(client_a, edit_page_url(home), data)
    assert_refused(response)
    home.refresh_from_db()
    assert not home.get_latest_revision_as_object().top_tasks.exists()


def test_administrator_cannot_put_another_towns_page_in_the_footer(
    client, town_a, admin_a, secret_page_b
):
    client.force_login(admin_a)
    url = reverse("wagtailsettings:edit", args=["navigation", "footermenusettings", town_a.site.pk])
    data = nested_form_data(
        {
            "heading": "Odkazy",
            "links": inline_formset([{"title": "Odkaz", "page": str(secret_page_b.pk), "url": ""}]),
        }
    )
    response = post(client, url, data)
    assert_refused(response)
    assert not FooterMenuSettings.objects.filter(site=town_a.site, links__isnull=False).exists()


def test_administrator_cannot_use_another_towns_image_as_the_logo(client, town_a, admin_a, image_b):
    client.force_login(admin_a)
    url = reverse("municipalities:edit", args=[town_a.pk])
    form = client.get(url, HTTP_HOST="alfa.test").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(theme=town_a.theme, languages=["cs"], logo=str(image_b.pk), enabled_modules=[])
    response = post(client, url, data)
    assert_refused(response)
    town_a.refresh_from_db()
    assert town_a.logo_id is None


def post_person(client, town, **fields):
    """Edits a person of ``town`` with ``fields``; returns the person and the response."""
    person = PersonFactory(municipality=town, first_name="Jana", last_name="Nováková")
    url = reverse("wagtailsnippets_people_person:edit", args=[person.pk])
    data = {"municipality": str(town.pk), "first_name": "Jana", "last_name": "Nováková"}
    return person, post(client, url, {**data, **fields})


def test_editor_cannot_give_a_person_another_towns_photo(client_a, town_a, image_b):
    person, response = post_person(client_a, town_a, photo=str(image_b.pk))
    assert_refused(response)
    person.refresh_from_db()
    assert person.photo_id is None


def test_a_refused_workplace_is_not_redisplayed(client_a, town_a, town_b):
    """A foreign place was refused before; now the redisplayed form does not name it either."""
    from radnice.people.models import Place

    foreign = Place.objects.create(municipality=town_b, name=f"Sál {MARKER}")
    person, response = post_person(client_a, town_a, place=str(foreign.pk))
    assert_refused(response)
    person.refresh_from_db()
    assert person.place_id is None


def test_every_admin_form_checks_record_ids():
    """The system check finds no admin form outside the mechanism."""
    from municipalities.checks import admin_forms_check_record_ids

    assert admin_forms_check_record_ids(None) == []
