"""The board in the admin: adding a notice, and notice types that stay within their town."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from municipalities.models import MunicipalityRole
from radnice.board.listing import board_listing
from radnice.board.models import NoticeType, OfficialNoticePage

from ...admin_urls import single_object_url_names
from ...factories import PersonFactory, make_member
from .factories import DocumentFactory, NoticeTypeFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"


def add_url(board):
    return reverse("wagtailadmin_pages:add", args=["board", "officialnoticepage", board.pk])


def notice_form(today, notice_types=(), **overrides):
    data = {
        "title": "Veřejná vyhláška o záměru prodeje pozemku",
        "slug": "zamer-prodeje-pozemku",
        "teaser": "Obec zveřejňuje záměr prodat pozemek p. č. 456/7.",
        "body": rich_text("<p>Zastupitelstvo obce projedná prodej pozemku.</p>"),
        "date_posted": today.isoformat(),
        "date_taken_down": (today + datetime.timedelta(days=15)).isoformat(),
        "reference_number": "OÚ/45/2026",
        "file_mark": "",
        "agenda": "majetek obce",
        "department": "",
        "approval_date": "",
        "attachments": inline_formset([]),
        "responsible_persons": inline_formset([]),
    }
    data.update(overrides)
    data = nested_form_data(data)
    data["notice_types"] = [str(notice_type.pk) for notice_type in notice_types]
    return data


def post(client, url, data):
    return client.post(url, data, HTTP_HOST="alfa.test")


def current_titles(board):
    from django.http import QueryDict

    return [summary.title for summary in board_listing(board, QueryDict())["notices"]]


def test_moderator_publishes_a_notice_that_appears_on_the_board(client, board_a, town_a, today):
    moderator = make_member(town_a, MunicipalityRole.MODERATOR)
    client.force_login(moderator)
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    document = DocumentFactory(collection=town_a.collection, title="Záměr prodeje")
    person = PersonFactory(municipality=town_a, first_name="Jan", last_name="Novák")
    data = notice_form(
        today,
        notice_types=[decrees],
        attachments=inline_formset([{"document": str(document.pk), "title": ""}]),
        responsible_persons=inline_formset([{"person": str(person.pk)}]),
    )
    data["action-publish"] = "action-publish"
    response = post(client, add_url(board_a), data)
    assert response.status_code == 302, response.context["form"].errors
    notice = OfficialNoticePage.objects.get(slug="zamer-prodeje-pozemku")
    assert notice.live
    assert list(notice.notice_types.all()) == [decrees]
    assert [a.document for a in notice.attachments.all()] == [document]
    assert [r.person for r in notice.responsible_persons.all()] == [person]
    assert current_titles(board_a) == ["Veřejná vyhláška o záměru prodeje pozemku"]
    html = client.get(board_a.url, HTTP_HOST="alfa.test").content.decode()
    assert "Veřejná vyhláška o záměru prodeje pozemku" in html


def test_editor_cannot_publish_a_notice(client, board_a, editor_a, today):
    client.force_login(editor_a)
    data = notice_form(today)
    data["action-publish"] = "action-publish"
    post(client, add_url(board_a), data)
    notice = OfficialNoticePage.objects.get(slug="zamer-prodeje-pozemku")
    assert not notice.live
    assert current_titles(board_a) == []


def test_take_down_before_posting_is_refused_in_the_admin(client, board_a, town_a, today):
    client.force_login(make_member(town_a, MunicipalityRole.MODERATOR))
    data = notice_form(today, date_taken_down=(today - datetime.timedelta(days=1)).isoformat())
    response = post(client, add_url(board_a), data)
    assert response.status_code == 200
    assert "Datum sejmutí nesmí být dřív než datum vystavení." in response.content.decode()
    assert not OfficialNoticePage.objects.exists()


def test_notice_form_offers_only_the_towns_own_choices(
    client, board_a, town_a, town_b, editor_a, today
):
    client.force_login(editor_a)
    NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    foreign_type = NoticeTypeFactory(municipality=town_b, name=f"Typ {MARKER}")
    foreign_document = DocumentFactory(collection=town_b.collection, title=f"Dok {MARKER}")
    foreign_person = PersonFactory(municipality=town_b, last_name=f"{MARKER}ová")

    form_page = client.get(add_url(board_a), HTTP_HOST="alfa.test")
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert "Vyhlášky" in html and MARKER not in html

    for field, value in [
        ("notice_types", [foreign_type]),
        ("attachments", inline_formset([{"document": str(foreign_document.pk), "title": ""}])),
        ("responsible_persons", inline_formset([{"person": str(foreign_person.pk)}])),
    ]:
        response = post(client, add_url(board_a), notice_form(today, **{field: value}))
        assert response.status_code == 200, field  # the form comes back with an error
        assert not OfficialNoticePage.objects.exists(), field


# --- the notice type snippet: scoped to the town ----------------------------------------------


@pytest.fixture
def types(town_a, town_b):
    return {
        "own": NoticeTypeFactory(municipality=town_a, name="Vyhlášky Alfy"),
        "foreign": NoticeTypeFactory(municipality=town_b, name=f"Vyhlášky {MARKER}"),
    }


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


def test_editor_lists_only_own_notice_types(client_a, types):
    response = admin_get(client_a, reverse("wagtailsnippets_board_noticetype:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vyhlášky Alfy" in html and MARKER not in html
    response = admin_get(client_a, reverse("wagtailsnippets_board_noticetype:list"), q="Vyhl")
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize("action", single_object_url_names("wagtailsnippets_board_noticetype"))
def test_guessed_ids_of_other_towns_types_answer_404(client_a, types, action):
    url = reverse(f"wagtailsnippets_board_noticetype:{action}", args=[types["foreign"].pk])
    assert admin_get(client_a, url).status_code == 404


@pytest.mark.parametrize("action", ["edit", "delete", "history", "usage", "copy"])
def test_own_types_open_in_every_view(client_a, types, action):
    own = reverse(f"wagtailsnippets_board_noticetype:{action}", args=[types["own"].pk])
    assert admin_get(client_a, own).status_code == 200


def test_other_towns_type_cannot_be_edited_by_post(client_a, types):
    url = reverse("wagtailsnippets_board_noticetype:edit", args=[types["foreign"].pk])
    response = client_a.post(
        url,
        {"municipality": types["foreign"].municipality_id, "name": "Přepsáno"},
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 404
    types["foreign"].refresh_from_db()
    assert types["foreign"].name == f"Vyhlášky {MARKER}"


def test_chooser_offers_only_own_types(client_a, types):
    choose = reverse("wagtailsnippetchoosers_board_noticetype:choose")
    response = admin_get(client_a, choose)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Vyhlášky Alfy" in html and MARKER not in html
    results = reverse("wagtailsnippetchoosers_board_noticetype:choose_results")
    found = admin_get(client_a, results, q="Vyhl").content.decode()
    assert "Vyhlášky Alfy" in found and MARKER not in found
    chosen = reverse("wagtailsnippetchoosers_board_noticetype:chosen", args=[types["foreign"].pk])
    assert admin_get(client_a, chosen).status_code == 404


def test_editor_creates_types_only_for_own_town(client_a, town_a, town_b):
    url = reverse("wagtailsnippets_board_noticetype:add")
    response = client_a.post(
        url, {"municipality": town_b.pk, "name": "Vetřelec", "slug": ""}, HTTP_HOST="alfa.test"
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not NoticeType.objects.filter(name="Vetřelec").exists()
    response = client_a.post(
        url,
        {"municipality": town_a.pk, "name": "Výběrová řízení", "slug": ""},
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302
    created = NoticeType.objects.get(name="Výběrová řízení")
    assert created.municipality == town_a and created.slug == "vyberova-rizeni"


def test_editor_previews_a_new_notice(client, board_a, editor_a, today):
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["board", "officialnoticepage", board_a.pk]
    )
    response = post(client, url, notice_form(today))
    assert response.json() == {"is_valid": True, "is_available": True}
    preview = client.get(url, HTTP_HOST="alfa.test")
    assert preview.status_code == 200
    assert "Veřejná vyhláška o záměru prodeje pozemku" in preview.content.decode()
    assert "Vyvěšeno od " in preview.content.decode()


def test_editor_previews_the_board(client, board_a, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[board_a.pk])
    data = nested_form_data(
        {"title": "Úřední deska", "slug": "uredni-deska", "intro": rich_text("")}
    )
    assert post(client, url, data).json()["is_valid"]
    assert client.get(url, HTTP_HOST="alfa.test").status_code == 200
