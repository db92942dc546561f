"""News in the admin: an editor of another town cannot list, open, edit or choose this town's
news types, and a news page accepts only its own town's types, persons and tag suggestions."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from radnice.news.models import NewsPage, NewsType

from ...admin_urls import single_object_url_names
from ...factories import PersonFactory
from .factories import NewsPageFactory, NewsTypeFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


def admin_post(client, url, data):
    return client.post(url, data, HTTP_HOST="alfa.test")


@pytest.fixture
def type_a(town_a):
    return NewsTypeFactory(municipality=town_a, name="Doprava Alfy", slug="doprava")


@pytest.fixture
def type_b(town_b):
    return NewsTypeFactory(municipality=town_b, name=f"Typ {MARKER}", slug="doprava")


def assert_hidden(response):
    assert MARKER not in response.content.decode().lower()


# --- the news type snippet ----------------------------------------------------------------


def test_listing_shows_only_own_towns_types(client_a, type_a, type_b):
    response = admin_get(client_a, reverse("wagtailsnippets_news_newstype:list"))
    assert response.status_code == 200
    assert "Doprava Alfy" in response.content.decode()
    assert_hidden(response)


@pytest.mark.parametrize("action", single_object_url_names("wagtailsnippets_news_newstype"))
def test_guessed_ids_of_other_towns_types_answer_404(client_a, type_b, action):
    url = reverse(f"wagtailsnippets_news_newstype:{action}", args=[type_b.pk])
    assert admin_get(client_a, url).status_code == 404


def test_own_type_opens_for_editing(client_a, type_a):
    url = reverse("wagtailsnippets_news_newstype:edit", args=[type_a.pk])
    assert admin_get(client_a, url).status_code == 200


def test_chooser_offers_only_own_types(client_a, type_a, type_b):
    response = admin_get(client_a, reverse("wagtailsnippetchoosers_news_newstype:choose"))
    assert response.status_code == 200
    assert "Doprava Alfy" in response.content.decode()
    assert_hidden(response)
    results = admin_get(
        client_a, reverse("wagtailsnippetchoosers_news_newstype:choose_results"), q="Typ"
    )
    assert_hidden(results)
    chosen = reverse("wagtailsnippetchoosers_news_newstype:chosen", args=[type_b.pk])
    assert admin_get(client_a, chosen).status_code == 404


def test_cannot_create_a_type_for_another_town(client_a, town_b):
    response = admin_post(
        client_a,
        reverse("wagtailsnippets_news_newstype:add"),
        {"municipality": town_b.pk, "name": "Vetřelec", "slug": ""},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not NewsType.objects.filter(name="Vetřelec").exists()


def test_type_slug_is_made_from_the_name_and_unique_per_town(client_a, town_a, town_b):
    response = admin_post(
        client_a,
        reverse("wagtailsnippets_news_newstype:add"),
        {"municipality": town_a.pk, "name": "Životní prostředí", "slug": ""},
    )
    assert response.status_code == 302
    assert NewsType.objects.get(name="Životní prostředí").slug == "zivotni-prostredi"
    NewsTypeFactory(municipality=town_b, name="Životní prostředí")  # same slug, other town
    again = admin_post(
        client_a,
        reverse("wagtailsnippets_news_newstype:add"),
        {"municipality": town_a.pk, "name": "Životní prostředí", "slug": ""},
    )
    assert again.status_code == 200
    assert NewsType.objects.filter(municipality=town_a).count() == 1


# --- the news page form -------------------------------------------------------------------


def page_data(**fields):
    data = {
        "title": "Uzavírka mostu",
        "slug": "uzavirka-mostu",
        "date": "2026-01-15",
        "news_type": "",
        "teaser": "Most bude uzavřen.",
        "main_image": "",
        "main_image_caption": "",
        "body": streamfield([]),
        "tags": "",
        "related_persons": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])


def test_type_select_lists_only_own_towns_types(client_a, news_a, type_a, type_b):
    response = admin_get(client_a, add_url(news_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Doprava Alfy" in html
    assert_hidden(response)


def test_editor_creates_a_draft_news_page(client_a, news_a, type_a, town_a):
    person = PersonFactory(municipality=town_a, last_name="Alfovský")
    data = page_data(
        news_type=type_a.pk,
        tags="uzavírka, most",
        related_persons=inline_formset([{"person": person.pk}]),
    )
    response = admin_post(client_a, add_url(news_a), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="uzavirka-mostu")
    assert not page.live  # editors cannot publish
    latest = page.get_latest_revision_as_object()
    assert latest.news_type == type_a
    assert [link.person for link in latest.related_persons.all()] == [person]
    assert sorted(tag.name for tag in latest.tags.all()) == ["most", "uzavírka"]


def test_news_page_refuses_other_towns_type(client_a, news_a, type_b):
    response = admin_post(client_a, add_url(news_a), page_data(news_type=type_b.pk))
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="uzavirka-mostu").exists()
    assert_hidden(response)


def test_news_page_refuses_other_towns_person(client_a, news_a, town_b):
    person = PersonFactory(municipality=town_b, last_name=f"{MARKER}ový")
    data = page_data(related_persons=inline_formset([{"person": person.pk}]))
    response = admin_post(client_a, add_url(news_a), data)
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="uzavirka-mostu").exists()
    assert_hidden(response)


def test_editor_cannot_add_news_under_other_towns_index(client_a, news_b):
    response = admin_get(client_a, add_url(news_b))
    assert response.status_code == 404


def test_edit_form_of_own_news_lists_only_own_types(client_a, news_a, type_a, type_b):
    page = NewsPageFactory(parent=news_a, news_type=type_a)
    response = admin_get(client_a, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert_hidden(response)


# --- tag suggestions ----------------------------------------------------------------------


@pytest.fixture
def tagged_news(news_a, news_b):
    """A news item of each town, tagged "uzavírka ..."."""
    for parent, tag in [(news_a, "uzavírka silnice"), (news_b, f"uzavírka {MARKER}")]:
        page = NewsPageFactory(parent=parent)
        page.tags.add(tag)
        page.save()


def test_tag_suggestions_come_only_from_own_towns_news(client_a, tagged_news):
    response = admin_get(client_a, reverse("news_tag_autocomplete"), term="uzav")
    assert response.status_code == 200
    assert json.loads(response.content) == ["uzavírka silnice"]
    assert admin_get(client_a, reverse("news_tag_autocomplete")).json() == []


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("wagtailadmin_tag_autocomplete", []),
        ("wagtailadmin_tag_model_autocomplete", ["taggit", "tag"]),
    ],
)
def test_wagtails_tag_autocomplete_suggests_only_own_towns_news_tags(
    client_a, tagged_news, url_name, args
):
    response = admin_get(client_a, reverse(url_name, args=args), term="uzav")
    assert response.status_code == 200
    assert response.json() == ["uzavírka silnice"]


def test_tag_field_asks_the_scoped_suggestions(client_a, news_a):
    html = admin_get(client_a, add_url(news_a)).content.decode()
    assert f'data-w-tag-url-value="{reverse("news_tag_autocomplete")}"' in html


def test_tag_suggestions_need_admin_login(client, town_a):
    response = client.get(reverse("news_tag_autocomplete"), {"term": "a"}, HTTP_HOST="alfa.test")
    assert response.status_code == 302


def test_news_page_refuses_other_towns_image(client_a, news_a, town_b):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title=f"Obrázek {MARKER}", file=get_test_image_file(), collection=town_b.collection
    )
    response = admin_post(client_a, add_url(news_a), page_data(main_image=image.pk))
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="uzavirka-mostu").exists()
    assert_hidden(response)


# --- preview ------------------------------------------------------------------------------


def test_editor_previews_a_new_news_page(client_a, news_a, type_a, town_a):
    person = PersonFactory(municipality=town_a, first_name="Jana", last_name="Alfovská")
    data = page_data(
        news_type=type_a.pk,
        tags="most",
        related_persons=inline_formset([{"person": person.pk}]),
    )
    url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "newspage", news_a.pk])
    assert admin_post(client_a, url, data).json()["is_valid"]
    response = admin_get(client_a, url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uzavírka mostu" in html and "Jana Alfovská" in html and "Doprava Alfy" in html
