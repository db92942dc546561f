"""The demo content of home and content pages: complete, in Czech, and safe to build twice."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from radnice.home.demo import build_demo
from radnice.home.models import HomePageTopTask
from radnice.pages.models import AccessibilityStatementPage, LandingPage, StandardPage
from tests.factories import StandardPageFactory, site_path

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "top_tasks": HomePageTopTask.objects.count(),
        "latest_revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def test_build_demo_fills_the_home_page_and_adds_a_landing_page_and_the_statement(client, town_a):
    home = town_a.site.root_page
    StandardPageFactory(parent=home, title="Odpady", slug="odpady")
    build_demo(town_a)

    home = home.specific
    assert home.hero_image.collection_id == town_a.collection_id
    tasks = list(home.top_tasks.all())
    assert 1 <= len(tasks) <= 8
    # A task whose page this town does not have ("obecni-urad") is left out.
    assert all(task.link_page_id or task.link_url for task in tasks)
    assert "Odpady a sběrné místo" in [task.text for task in tasks]

    landing = LandingPage.objects.child_of(home).get(slug="zivot-v-obci")
    assert landing.live and len(landing.body) > 0
    subpages = StandardPage.objects.child_of(landing).live()
    assert sorted(subpages.values_list("slug", flat=True)) == ["poplatky", "spolky"]
    statement = AccessibilityStatementPage.objects.child_of(home).get()
    assert site_path(statement) == "/prohlaseni-o-pristupnosti/"
    assert statement.live and len(statement.non_accessible_content) == 2

    for path in (
        "/",
        "/zivot-v-obci/",
        "/zivot-v-obci/poplatky/",
        "/zivot-v-obci/spolky/",
        "/prohlaseni-o-pristupnosti/",
    ):
        response = client.get(path, HTTP_HOST="alfa.test")
        assert response.status_code == 200, path
    main = BeautifulSoup(
        client.get("/", HTTP_HOST="alfa.test").content.decode(), "html.parser"
    ).find("main")
    assert "Místní poplatky" in main.find("section", class_="home-top-tasks").text


def test_build_demo_twice_changes_nothing(town_a):
    build_demo(town_a)
    before = snapshot()
    build_demo(town_a)
    assert snapshot() == before


def test_build_demo_keeps_what_editors_changed(town_a):
    build_demo(town_a)
    home = town_a.site.root_page.specific
    home.top_tasks = [HomePageTopTask(link_url="https://portal.gov.cz/", title="Jen jeden úkon")]
    home.save_revision().publish()
    build_demo(town_a)
    assert [t.text for t in town_a.site.root_page.specific.top_tasks.all()] == ["Jen jeden úkon"]
