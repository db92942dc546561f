import pytest

from municipalities.models import MunicipalityRole

from .factories import PersonFactory, StandardPageFactory, make_member, make_municipality


@pytest.fixture
def town_a(db):
    return make_municipality("Obec Alfa", "alfa.test")


@pytest.fixture
def town_b(db):
    return make_municipality("Město Beta", "beta.test", kind="mesto")


@pytest.fixture
def editor_a(town_a):
    return make_member(town_a, MunicipalityRole.EDITOR)


@pytest.fixture
def admin_a(town_a):
    return make_member(town_a, MunicipalityRole.ADMINISTRATOR)


@pytest.fixture
def editor_b(town_b):
    return make_member(town_b, MunicipalityRole.EDITOR)


@pytest.fixture
def page_a(town_a):
    return StandardPageFactory(parent=town_a.site.root_page, title="Stránka Alfy")


@pytest.fixture
def page_b(town_b):
    return StandardPageFactory(parent=town_b.site.root_page, title="Tajná stránka Bety")


@pytest.fixture
def person_b(town_b):
    return PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client
