"""Demo news: realistic Czech items per demo town, and running the builder twice changes nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, Revision

from radnice.news.demo import build_demo, news_date
from radnice.news.models import NewsPage, NewsPagePerson, NewsType
from radnice.news.queries import live_news

from ...factories import PersonFactory, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def horni_dolni(db):
    town = make_municipality("Horní Dolní", "hornidolni.test", kind="mesto", ico="00994561")
    PersonFactory(municipality=town, first_name="Pavel", last_name="Horák", position="starosta")
    PersonFactory(
        municipality=town, first_name="Lucie", last_name="Procházková", position="matrikářka"
    )
    return town


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "latest_revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "types": NewsType.objects.count(),
        "tags": Tag.objects.count(),
        "persons": NewsPagePerson.objects.count(),
    }


def test_demo_news_of_a_demo_town(horni_dolni):
    index = build_demo(horni_dolni)
    assert index.get_parent().pk == horni_dolni.site.root_page.pk
    assert index.slug == "aktuality" and index.live
    news = list(live_news(index))
    assert len(news) >= 20
    today = timezone.localdate()
    assert all(today - timedelta(days=560) <= page.date <= today for page in news)
    assert max(page.date for page in news) >= today - timedelta(days=30)
    assert all(page.news_type and page.news_type.municipality == horni_dolni for page in news)
    assert len({page.news_type for page in news}) >= 5
    assert any("Dolnodolský jarmark" in page.title for page in news)
    christmas = next(page for page in news if page.slug == "urad-o-svatcich-uzavren")
    assert (christmas.date.month, christmas.date.day) == (12, 15)
    assert any(page.title.startswith("Uzavírka silnice") for page in news)
    assert all(page.tags.exists() for page in news)
    linked = NewsPagePerson.objects.filter(page__in=news).select_related("person")
    assert {link.person.last_name for link in linked} >= {"Horák", "Procházková"}


def test_demo_news_render(client, horni_dolni):
    build_demo(horni_dolni)
    listing = client.get("/aktuality/", HTTP_HOST="hornidolni.test")
    assert listing.status_code == 200
    assert "Počet aktualit: 2" in listing.content.decode()
    page = NewsPage.objects.get(slug="dolnodolsky-jarmark")
    assert client.get(page.url, HTTP_HOST="hornidolni.test").status_code == 200


def test_running_the_demo_twice_changes_nothing(horni_dolni):
    build_demo(horni_dolni)
    before = snapshot()
    build_demo(horni_dolni)
    assert snapshot() == before


def test_other_towns_get_their_own_words(db):
    lhota = make_municipality("Lhota pod Lesem", "lhota.test", ico="00991236")
    other = make_municipality("Obec Jinde", "jinde.test")
    lhota_titles = set(live_news(build_demo(lhota)).values_list("title", flat=True))
    other_titles = set(live_news(build_demo(other)).values_list("title", flat=True))
    assert "Oprava hráze rybníka Hejtman" in lhota_titles
    assert "Oprava hráze rybníka Hejtman" not in other_titles
    assert len(other_titles) >= 20


def test_seasonal_news_fall_on_their_day_of_the_year():
    assert news_date((12, 15), date(2026, 3, 1)) == date(2025, 12, 15)
    assert news_date((1, 15), date(2026, 3, 1)) == date(2026, 1, 15)
    assert news_date((3, 1), date(2026, 3, 1)) == date(2026, 3, 1)
    assert news_date(10, date(2026, 3, 1)) == date(2026, 2, 19)
