"""Alert banners: shown to visitors of their own town, within their time window, on the chosen
pages, emergency first, until the visitor hides them (with no JavaScript needed)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from radnice.alerts.demo import build_demo
from radnice.alerts.models import Alert, AlertLevel, Dismissal
from radnice.alerts.queries import alerts_for_page

from ...factories import StandardPageFactory, make_municipality
from .factories import AlertFactory, AlertPageFactory

pytestmark = pytest.mark.django_db


def visitor(rf, town, cookies=None, path="/"):
    request = rf.get(path, HTTP_HOST=town.site.hostname)
    request.municipality = town
    request.COOKIES.update(cookies or {})
    return request


def render(request, page=None, tag="{% alerts %}"):
    template = Template("{% load alerts_tags %}" + tag)
    return template.render(Context({"request": request, "page": page}))


def shown(town, page=None, cookies=None):
    return [alert.title for alert in alerts_for_page(town, page, cookies or {})]


# --- time window, publication, town -------------------------------------------------------


def test_an_active_alert_is_rendered(rf, town_a):
    AlertFactory(
        municipality=town_a,
        title="Uzavírka Masarykova náměstí",
        level=AlertLevel.WARNING,
        message="<p>Od 1. do 15. 12.</p>",
        link_url="https://example.cz/uzavirka",
    )
    html = render(visitor(rf, town_a))
    assert "Varování:</span> Uzavírka Masarykova náměstí" in html
    assert "Od 1. do 15. 12." in html
    assert '<a href="https://example.cz/uzavirka">Více informací</a>' in html
    assert 'class="site-alert site-alert--warning"' in html
    assert '<form class="site-alert__dismiss" method="post"' in html


def test_alerts_show_only_within_their_window(town_a):
    now = timezone.now()
    AlertFactory(municipality=town_a, title="Budoucí", starts_at=now + timedelta(hours=1))
    AlertFactory(
        municipality=town_a,
        title="Skončené",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(minutes=1),
    )
    AlertFactory(municipality=town_a, title="Bez konce", ends_at=None)
    AlertFactory(municipality=town_a, title="Běžící")
    assert sorted(shown(town_a)) == ["Bez konce", "Běžící"]
    assert "Budoucí" in [a.title for a in alerts_for_page(town_a, now=now + timedelta(hours=2))]


def test_draft_alerts_are_not_shown(town_a):
    AlertFactory(municipality=town_a, title="Koncept", live=False)
    assert shown(town_a) == []


def test_other_towns_alerts_are_not_shown(rf, town_a, town_b):
    AlertFactory(municipality=town_b, title="Alert Bety")
    assert shown(town_a) == []
    assert render(visitor(rf, town_a)).strip() == ""
    assert shown(None) == []


def test_emergency_first_then_warning_information_success(rf, town_a):
    now = timezone.now()
    AlertFactory(municipality=town_a, title="Úspěch", level=AlertLevel.SUCCESS)
    AlertFactory(municipality=town_a, title="Info", level=AlertLevel.INFO)
    AlertFactory(
        municipality=town_a,
        title="Starší tísňové",
        level=AlertLevel.EMERGENCY,
        starts_at=now - timedelta(days=1),
    )
    AlertFactory(municipality=town_a, title="Tísňové", level=AlertLevel.EMERGENCY)
    AlertFactory(municipality=town_a, title="Varování", level=AlertLevel.WARNING)
    assert shown(town_a) == ["Tísňové", "Starší tísňové", "Varování", "Info", "Úspěch"]
    request = visitor(rf, town_a)
    emergency = render(request, tag='{% alerts "emergency" %}')
    assert "Tísňová upozornění" in emergency and "Varování" not in emergency
    other = render(request, tag='{% alerts "other" %}')
    assert "Tísňové" not in other and "Varování" in other


# --- page targeting -----------------------------------------------------------------------


@pytest.fixture
def tree(town_a):
    root = town_a.site.root_page
    waste = StandardPageFactory(parent=root, title="Odpady", slug="odpady")
    collection = StandardPageFactory(parent=waste, title="Sběrný dvůr", slug="sberny-dvur")
    other = StandardPageFactory(parent=root, title="Úřad", slug="urad")
    return {"root": root, "waste": waste, "collection": collection, "other": other}


def targeted(town, page, include_subpages=True, **fields):
    alert = AlertFactory(municipality=town, show_everywhere=False, **fields)
    AlertPageFactory(alert=alert, page=page, include_subpages=include_subpages)
    return alert


def test_alert_on_a_page_and_its_subpages(town_a, tree):
    targeted(town_a, tree["waste"], title="Svoz")
    assert shown(town_a, tree["waste"]) == ["Svoz"]
    assert shown(town_a, tree["collection"]) == ["Svoz"]
    assert shown(town_a, tree["other"]) == []
    assert shown(town_a, tree["root"]) == []
    assert shown(town_a, None) == []  # views that are not pages show site-wide alerts only


def test_alert_on_a_page_without_its_subpages(town_a, tree):
    targeted(town_a, tree["waste"], include_subpages=False, title="Jen tady")
    assert shown(town_a, tree["waste"]) == ["Jen tady"]
    assert shown(town_a, tree["collection"]) == []


def test_site_wide_alerts_show_everywhere(town_a, tree):
    AlertFactory(municipality=town_a, title="Všude")
    targeted(town_a, tree["other"], title="Jinde")
    assert shown(town_a, tree["collection"]) == ["Všude"]
    assert shown(town_a, None) == ["Všude"]


def test_targeted_alert_follows_the_page_into_its_translation(town_a, tree):
    english = Locale.objects.get(language_code="en")
    tree["waste"].copy_for_translation(english).save_revision().publish()
    collection_en = tree["collection"].copy_for_translation(english)
    collection_en.save_revision().publish()
    targeted(town_a, tree["waste"], title="Svoz")
    assert shown(town_a, collection_en) == ["Svoz"]


def test_tag_uses_the_page_in_the_context(rf, town_a, tree):
    targeted(town_a, tree["waste"], title="Svoz odpadu v sobotu")
    request = visitor(rf, town_a)
    assert "Svoz odpadu v sobotu" in render(request, tree["collection"])
    assert "Svoz odpadu v sobotu" not in render(visitor(rf, town_a), tree["other"])


# --- dismissal ----------------------------------------------------------------------------


def test_dismissed_alert_is_hidden_until_it_changes(rf, town_a):
    alert = AlertFactory(municipality=town_a, title="Svoz odpadu")
    cookies = {alert.cookie_name: alert.version}
    assert shown(town_a, cookies=cookies) == []
    alert.message = "<p>Svoz se přesouvá na neděli.</p>"
    alert.save()
    assert shown(town_a, cookies=cookies) == ["Svoz odpadu"]


def test_a_cookie_of_another_alert_or_version_does_not_hide(town_a):
    alert = AlertFactory(municipality=town_a, title="Svoz odpadu")
    assert shown(town_a, cookies={alert.cookie_name: "0000"}) == ["Svoz odpadu"]
    assert shown(town_a, cookies={f"radnice_alert_{alert.pk + 1}": alert.version}) == [
        "Svoz odpadu"
    ]


def test_alert_that_cannot_be_dismissed(rf, town_a):
    alert = AlertFactory(municipality=town_a, title="Havárie", dismissal=Dismissal.NEVER)
    assert shown(town_a, cookies={alert.cookie_name: alert.version}) == ["Havárie"]
    assert "<form" not in render(visitor(rf, town_a))


def dismiss(client, alert, host="alfa.test", **data):
    data.setdefault("version", alert.version)
    data.setdefault("next", "/odpady/?page=2")
    return client.post(f"/_upozorneni/{alert.pk}/skryt/", data, HTTP_HOST=host)


@pytest.mark.parametrize(
    ("dismissal", "seconds"),
    [
        (Dismissal.FOREVER, 400 * 86400),
        (Dismissal.DAYS_30, 30 * 86400),
        (Dismissal.DAYS_7, 7 * 86400),
        (Dismissal.DAY_1, 86400),
    ],
)
def test_dismiss_form_sets_a_cookie_for_the_chosen_period(client, town_a, dismissal, seconds):
    alert = AlertFactory(municipality=town_a, dismissal=dismissal)
    response = dismiss(client, alert)
    assert response.status_code == 303
    assert response["Location"] == "/odpady/?page=2"
    cookie = response.cookies[alert.cookie_name]
    assert cookie.value == alert.version
    assert cookie["max-age"] == seconds
    assert cookie["path"] == "/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_dismissal_keeps_the_version_the_visitor_saw(client, town_a):
    alert = AlertFactory(municipality=town_a)
    assert dismiss(client, alert, version="abc123").cookies[alert.cookie_name].value == "abc123"
    forged = dismiss(client, alert, version="<script>")
    assert forged.cookies[alert.cookie_name].value == alert.version


def test_dismissal_redirects_only_within_the_site(client, town_a):
    alert = AlertFactory(municipality=town_a)
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", ""):
        assert dismiss(client, alert, next=unsafe)["Location"] == "/"
    assert dismiss(client, alert, next="http://alfa.test/urad/")["Location"] == (
        "http://alfa.test/urad/"
    )


def test_undismissable_alert_sets_no_cookie(client, town_a):
    alert = AlertFactory(municipality=town_a, dismissal=Dismissal.NEVER)
    response = dismiss(client, alert)
    assert response.status_code == 303
    assert alert.cookie_name not in response.cookies


def test_other_towns_and_inactive_alerts_cannot_be_dismissed(client, town_a, town_b):
    other = AlertFactory(municipality=town_b)
    assert dismiss(client, other).status_code == 404
    ended = AlertFactory(municipality=town_a, ends_at=timezone.now() - timedelta(seconds=1))
    assert dismiss(client, ended).status_code == 404
    assert client.get(f"/_upozorneni/{other.pk}/skryt/", HTTP_HOST="beta.test").status_code == 405


def test_dismiss_round_trip_without_javascript(client, rf, town_a):
    alert = AlertFactory(municipality=town_a, title="Svoz odpadu")
    html = render(visitor(rf, town_a, path="/odpady/"))
    assert f'action="/_upozorneni/{alert.pk}/skryt/"' in html
    assert f'name="version" value="{alert.version}"' in html
    assert 'name="next" value="/odpady/"' in html
    response = dismiss(client, alert, next="/odpady/")
    cookies = {alert.cookie_name: response.cookies[alert.cookie_name].value}
    assert "Svoz odpadu" not in render(visitor(rf, town_a, cookies))


# --- validation ---------------------------------------------------------------------------


def test_end_must_be_after_start_in_czech(town_a):
    now = timezone.now()
    alert = Alert(municipality=town_a, title="Chyba", starts_at=now, ends_at=now)
    with pytest.raises(ValidationError) as error:
        alert.full_clean()
    assert error.value.message_dict["ends_at"] == [
        "Konec zobrazení musí být později než jeho začátek."
    ]


def test_link_label_needs_an_address(town_a):
    alert = Alert(municipality=town_a, title="Odkaz", link_label="Více")
    with pytest.raises(ValidationError) as error:
        alert.full_clean()
    assert error.value.message_dict["link_url"] == ["K textu odkazu vyplňte i jeho adresu."]


# --- queries ------------------------------------------------------------------------------


def test_the_tag_needs_the_same_number_of_queries_for_1_or_10_alerts(rf, town_a, tree):
    def count(page):
        request = visitor(rf, town_a)
        with CaptureQueriesContext(connection) as queries:
            render(request, page)
            render(request, page, tag='{% alerts "emergency" %}{% alerts "other" %}')
        return len(queries)

    AlertFactory(municipality=town_a)
    targeted(town_a, tree["waste"])
    few = count(tree["collection"])
    for number in range(5):
        AlertFactory(municipality=town_a, level=AlertLevel.WARNING)
        targeted(town_a, tree["other"] if number % 2 else tree["waste"], include_subpages=False)
    many = count(tree["collection"])
    assert few == many <= 3


# --- demo ---------------------------------------------------------------------------------


def test_demo_alert_is_shown_and_building_twice_changes_nothing(db):
    town = make_municipality("Horní Dolní", "hornidolni.test", kind="mesto", ico="00994561")
    alert = build_demo(town)
    assert alert.title == "Uzavírka Masarykova náměstí od 1. do 15. 12."
    assert alert.level == AlertLevel.WARNING
    assert alert.live and alert.latest_revision is not None
    assert shown(town) == [alert.title]
    before = list(Alert.objects.values())
    build_demo(town)
    assert list(Alert.objects.values()) == before


def test_every_demo_town_gets_an_alert(db):
    for name, host, ico in [
        ("Lhota pod Lesem", "lhota.test", "00991236"),
        ("Praha 99", "praha99.test", "00997897"),
        ("Obec Jinde", "jinde.test", None),
    ]:
        town = make_municipality(name, host, ico=ico)
        build_demo(town)
        assert len(shown(town)) == 1
