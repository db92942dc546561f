"""Public requests see exactly one municipality: the one whose site answers the hostname."""

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.documents import get_document_model

from municipalities.scope import current_municipality, for_municipality
from radnice.people.models import Person

from ..factories import PersonFactory, StandardPageFactory


@pytest.mark.django_db
def test_current_municipality_comes_from_the_hostname(town_a, town_b):
    factory = RequestFactory()
    assert current_municipality(factory.get("/", HTTP_HOST="alfa.test")) == town_a
    assert current_municipality(factory.get("/", HTTP_HOST="beta.test")) == town_b


@pytest.mark.django_db
def test_templates_get_the_current_municipality(client, town_a, town_b):
    response = client.get("/", HTTP_HOST="beta.test")
    assert response.context["municipality"] == town_b
    assert town_b.name in response.content.decode()
    assert town_a.name not in response.content.decode()
    rendered = Template("{{ municipality.ico }}").render(
        Context({"municipality": response.context["municipality"]})
    )
    assert rendered == town_b.ico


@pytest.mark.django_db
def test_page_of_one_town_is_not_served_on_another(client, page_a, page_b):
    assert client.get(f"/{page_a.slug}/", HTTP_HOST="alfa.test").status_code == 200
    assert client.get(f"/{page_a.slug}/", HTTP_HOST="beta.test").status_code == 404
    assert client.get(f"/{page_b.slug}/", HTTP_HOST="alfa.test").status_code == 404


@pytest.mark.django_db
def test_for_municipality_filters_records(town_a, town_b):
    PersonFactory(municipality=town_a, last_name="Alfovský")
    PersonFactory(municipality=town_b, last_name="Betovský")
    names = for_municipality(Person.objects.all(), town_a).values_list("last_name", flat=True)
    assert list(names) == ["Alfovský"]
    assert not for_municipality(Person.objects.all(), None).exists()


@pytest.mark.django_db
def test_document_is_served_only_on_its_own_site(client, town_a, town_b):
    document = get_document_model().objects.create(
        title="Vyhláška",
        file=ContentFile(b"%PDF-1.4 vyhlaska", name="vyhlaska.pdf"),
        collection=town_b.collection,
    )
    link = f'<p><a linktype="document" id="{document.pk}">Vyhláška</a></p>'
    page = StandardPageFactory(parent=town_b.site.root_page, body__0__rich_text__value=link)
    page.save_revision().publish()  # a document nothing published links to is not public
    url = document.url
    assert client.get(url, HTTP_HOST="beta.test").status_code == 200
    assert client.get(url, HTTP_HOST="alfa.test").status_code == 404
