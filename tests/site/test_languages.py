"""Languages: Czech first, English second; translating pages with wagtail-localize in the admin.

Every request carries the ``Host`` of a municipality's site: the site middleware answers 400
to hostnames that are not registered Wagtail sites.
"""

import html
import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from municipalities.models import MunicipalityRole

from ..factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts and Wagtail's site root paths live in the cache; tests roll the database back.
    cache.clear()
    yield
    cache.clear()


def locale(code):
    return Locale.objects.get(language_code=code)


def home_in(municipality, code):
    return municipality.site.root_page.get_translation(locale(code)).specific


def html_lang(response):
    match = re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode())
    return match and match.group(1)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- 1. locales, home pages, routing ----------------------------------------------------------


def test_czech_is_the_default_language_and_english_the_second():
    assert settings.LANGUAGE_CODE == "cs"
    assert [code for code, _label in settings.LANGUAGES] == ["cs", "en"]
    assert [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES] == ["cs", "en"]
    assert settings.WAGTAIL_I18N_ENABLED


def test_provisioning_creates_a_czech_home_page_and_its_english_translation(town_a):
    assert Locale.get_default().language_code == "cs"
    czech = town_a.site.root_page.specific
    assert czech.locale.language_code == "cs"
    assert czech.live
    english = home_in(town_a, "en")
    assert english.pk != czech.pk
    assert english.translation_key == czech.translation_key
    assert english.live
    assert type(english) is type(czech)
    assert sorted(p.locale.language_code for p in town_a.root_pages) == ["cs", "en"]


def test_czech_site_answers_at_root_and_english_under_en(client, town_a):
    english = home_in(town_a, "en")
    english.title = "Village of Alfa"
    publish(english)
    host = town_a.site.hostname

    czech_response = client.get("/", HTTP_HOST=host)
    assert czech_response.status_code == 200
    assert czech_response.context["page"].pk == town_a.site.root_page_id
    assert "<h1>Obec Alfa</h1>" in czech_response.content.decode()
    assert html_lang(czech_response) == "cs"

    english_response = client.get("/en/", HTTP_HOST=host)
    assert english_response.status_code == 200
    assert english_response.context["page"].pk == english.pk
    assert "<h1>Village of Alfa</h1>" in english_response.content.decode()
    assert html_lang(english_response) == "en"


def test_czech_is_not_prefixed(client, town_a):
    # prefix_default_language=False: there is no /cs/ tree.
    assert client.get("/cs/", HTTP_HOST=town_a.site.hostname).status_code == 404


def test_untranslated_czech_page_is_not_served_under_en(client, town_a):
    host = town_a.site.hostname
    page = StandardPageFactory(parent=town_a.site.root_page, title="Obec", slug="obec")

    assert client.get("/obec/", HTTP_HOST=host).status_code == 200
    assert client.get("/en/obec/", HTTP_HOST=host).status_code == 404

    translation = page.copy_for_translation(locale("en"))
    translation.title = "Municipality"
    publish(translation)

    response = client.get("/en/obec/", HTTP_HOST=host)
    assert response.status_code == 200
    assert "<h1>Municipality</h1>" in response.content.decode()
    assert html_lang(response) == "en"
    czech = client.get("/obec/", HTTP_HOST=host)
    assert "<h1>Obec</h1>" in czech.content.decode()
    assert html_lang(czech) == "cs"


def test_english_page_of_one_town_is_not_served_on_another_town(client, town_a, town_b):
    page = StandardPageFactory(parent=town_a.site.root_page, title="Obec", slug="obec")
    publish(page.copy_for_translation(locale("en")))

    assert client.get("/en/obec/", HTTP_HOST=town_a.site.hostname).status_code == 200
    assert client.get("/en/obec/", HTTP_HOST=town_b.site.hostname).status_code == 404
    assert client.get("/obec/", HTTP_HOST=town_b.site.hostname).status_code == 404


def test_english_pages_show_english_titles_in_menu_listing_and_head(client, town_a):
    host = town_a.site.hostname
    page = StandardPageFactory(
        parent=town_a.site.root_page, title="Kontakty", slug="kontakty", show_in_menus=True
    )
    english = page.copy_for_translation(locale("en"))
    english.title, english.slug = "Contacts", "contacts"
    publish(english)

    response = client.get("/en/contacts/", HTTP_HOST=host)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Contacts</h1>" in content
    assert "<title>Contacts – Obec Alfa</title>" in content
    assert '<a class="main-menu__link" href="/en/contacts/" aria-current="page">Contacts</a>' in (
        content
    )
    assert "Kontakty" not in content

    home = client.get("/en/", HTTP_HOST=host).content.decode()
    assert '<a class="main-menu__link" href="/en/contacts/">Contacts</a>' in home
    assert "Kontakty" not in home

    czech_home = client.get("/", HTTP_HOST=host).content.decode()
    assert '<a class="main-menu__link" href="/kontakty/">Kontakty</a>' in czech_home
    assert "Contacts" not in czech_home


# --- 2. translating a page in the admin with wagtail-localize ---------------------------------


def editor_props(response):
    """The props wagtail-localize's React translation editor is started with."""
    match = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    assert match, "the translation editor did not render"
    return json.loads(html.unescape(match.group(1)))


def put_string(client, url, value, host):
    # The translation editor saves each string with a multipart PUT (DRF parses it).
    return client.put(
        url,
        encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
        HTTP_HOST=host,
    )


ENGLISH = {
    "Úřední deska": "Official notice board",
    "uredni-deska": "official-notice-board",
    "Oznámení a vyhlášky obce.": "Notices and decrees of the municipality.",
    "Vyvěšené dokumenty.": "Posted documents.",
}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """wagtail-localize publishes in transaction.on_commit: run the callbacks as a request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit_for_translation(client, page, host):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale("en").pk]}, HTTP_HOST=host)


def denied(response):
    """Wagtail answers PermissionDenied with a redirect to the dashboard; scope guards 404."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def test_editor_translates_page_in_admin_and_administrator_publishes_it(
    client, town_a, town_b, editor_a, admin_a, committed
):
    host = town_a.site.hostname
    source = StandardPageFactory(
        parent=town_a.site.root_page,
        title="Úřední deska",
        slug="uredni-deska",
        teaser="Oznámení a vyhlášky obce.",
        body__0__rich_text__value="<p>Vyvěšené dokumenty.</p>",
    )
    publish(source)
    english = locale("en")
    assert client.get("/en/uredni-deska/", HTTP_HOST=host).status_code == 404

    # The editor opens "Translate this page" and submits the page for translation into English.
    client.force_login(editor_a)
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    response = client.get(submit_url, HTTP_HOST=host)
    assert response.status_code == 200
    assert [loc.pk for loc in response.context["form"].fields["locales"].queryset] == [english.pk]

    with committed():
        response = client.post(submit_url, {"locales": [english.pk]}, HTTP_HOST=host)
    target = source.get_translation(english)
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert response.status_code == 302
    assert response["Location"] == edit_url
    assert target.get_parent().pk == home_in(town_a, "en").pk
    translation = Translation.objects.get(source__object_id=source.translation_key)
    assert translation.target_locale == english

    # Nothing is public before the translation is published.
    assert not target.live
    assert client.get("/en/uredni-deska/", HTTP_HOST=host).status_code == 404

    # The page's edit view is now wagtail-localize's translation editor; fill in every string
    # through the API its React app calls.
    response = client.get(edit_url, HTTP_HOST=host)
    assert response.status_code == 200
    props = editor_props(response)
    assert props["locale"]["code"] == "en"
    assert props["sourceLocale"]["code"] == "cs"
    assert not props["perms"]["canPublish"]
    segments = {s["source"]: s for s in props["segments"] if s["type"] == "string"}
    assert set(ENGLISH) <= set(segments)
    for czech_text, english_text in ENGLISH.items():
        response = put_string(client, segments[czech_text]["editUrl"], english_text, host)
        assert response.status_code == 201, response.content
    assert StringTranslation.objects.filter(locale=english).count() == len(ENGLISH)

    # An editor may not publish (Wagtail answers PermissionDenied with a redirect) ...
    with committed():
        response = client.post(edit_url, {"action": "publish"}, HTTP_HOST=host)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    target.refresh_from_db()
    assert not target.live

    # ... the municipality's administrator does.
    client.force_login(admin_a)
    response = client.get(edit_url, HTTP_HOST=host)
    assert editor_props(response)["perms"]["canPublish"]
    with committed():
        response = client.post(edit_url, {"action": "publish"}, HTTP_HOST=host)
    assert response.status_code == 302
    assert response["Location"] == edit_url
    target.refresh_from_db()
    assert target.live
    assert (target.title, target.slug) == ("Official notice board", "official-notice-board")
    assert target.specific.teaser == "Notices and decrees of the municipality."

    # The English page is public on town A under its English slug, and nowhere else.
    client.logout()
    response = client.get("/en/official-notice-board/", HTTP_HOST=host)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Official notice board</h1>" in content
    assert "Posted documents." in content
    assert "Úřední deska" not in content
    assert html_lang(response) == "en"
    # The Czech slug is not an English URL (at most Wagtail's automatic redirect, created when the
    # draft's slug changed on publishing, points to the English one).
    response = client.get("/en/uredni-deska/", HTTP_HOST=host)
    assert response.status_code in (301, 404)
    if response.status_code == 301:
        assert response["Location"] == f"http://{host}/en/official-notice-board/"
    czech = client.get("/uredni-deska/", HTTP_HOST=host)
    assert czech.status_code == 200
    assert "<h1>Úřední deska</h1>" in czech.content.decode()

    other_host = town_b.site.hostname
    assert client.get("/en/official-notice-board/", HTTP_HOST=other_host).status_code == 404
    assert client.get("/official-notice-board/", HTTP_HOST=other_host).status_code == 404
    assert client.get("/en/uredni-deska/", HTTP_HOST=other_host).status_code == 404


def test_municipal_roles_may_submit_pages_for_translation(town_a):
    for role in MunicipalityRole:
        group = town_a.group_for(role)
        assert group.permissions.filter(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ).exists(), role


def test_submitting_a_live_page_for_translation_only_creates_a_draft(
    client, town_a, editor_a, page_a, committed
):
    # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False: by default wagtail-localize would
    # publish the (still Czech) copy at once, although editors have no publish_page permission.
    client.force_login(editor_a)
    with committed():
        response = submit_for_translation(client, page_a, town_a.site.hostname)
    assert response.status_code == 302
    target = page_a.get_translation(locale("en"))
    assert not target.live
    assert target.has_unpublished_changes
    client.logout()
    assert client.get(f"/en/{target.slug}/", HTTP_HOST=town_a.site.hostname).status_code == 404


# --- 2b. wagtail-localize inside the tenancy ---------------------------------------------------


def test_editor_cannot_submit_another_towns_page_for_translation(
    client, town_a, town_b, editor_b, page_a, committed
):
    client.force_login(editor_b)
    url = reverse("wagtail_localize:submit_page_translation", args=[page_a.pk])
    assert denied(client.get(url, HTTP_HOST=town_b.site.hostname))
    with committed():
        response = submit_for_translation(client, page_a, town_b.site.hostname)
    assert denied(response)
    assert not page_a.has_translation(locale("en"))


def test_editor_cannot_edit_another_towns_translation(
    client, town_a, town_b, editor_a, editor_b, page_a, committed
):
    client.force_login(editor_a)
    with committed():
        submit_for_translation(client, page_a, town_a.site.hostname)
    target = page_a.get_translation(locale("en"))
    translation = Translation.objects.get(source__object_id=page_a.translation_key)
    segment = translation.source.stringsegment_set.get(string__data="Stránka Alfy")

    client.force_login(editor_b)
    host = town_b.site.hostname
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert denied(client.get(edit_url, HTTP_HOST=host))
    string_url = reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
    )
    assert put_string(client, string_url, "Hacked", host).status_code == 404
    assert not StringTranslation.objects.exists()


def test_editor_cannot_sync_another_towns_translations(
    client, town_a, town_b, editor_a, editor_b, page_a, committed
):
    client.force_login(editor_a)
    with committed():
        submit_for_translation(client, page_a, town_a.site.hostname)
    source = TranslationSource.objects.get(object_id=page_a.translation_key)

    client.force_login(editor_b)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with committed():
        response = client.post(url, {"publish_translations": "on"}, HTTP_HOST=town_b.site.hostname)
    assert denied(response)
    assert not page_a.get_translation(locale("en")).live


def test_editor_cannot_publish_translations_by_syncing_them(
    client, town_a, editor_a, page_a, committed
):
    client.force_login(editor_a)
    with committed():
        submit_for_translation(client, page_a, town_a.site.hostname)
    target = page_a.get_translation(locale("en"))
    assert not target.live
    source = TranslationSource.objects.get(object_id=page_a.translation_key)

    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with committed():
        client.post(url, {"publish_translations": "on"}, HTTP_HOST=town_a.site.hostname)
    target.refresh_from_db()
    assert not target.live


def test_translations_report_shows_only_own_towns_pages(
    client, town_a, town_b, editor_a, editor_b, page_a, committed
):
    client.force_login(editor_a)
    with committed():
        submit_for_translation(client, page_a, town_a.site.hostname)
    url = reverse("wagtail_localize:translations_report")
    assert "Stránka Alfy" in client.get(url, HTTP_HOST=town_a.site.hostname).content.decode()

    client.force_login(editor_b)
    response = client.get(url, HTTP_HOST=town_b.site.hostname)
    assert response.status_code == 200
    assert "Stránka Alfy" not in response.content.decode()


def test_localize_snippet_api_shows_only_own_towns_people(client, town_a, editor_a, person_b):
    client.force_login(editor_a)
    url = reverse("wagtail_localize:snippets_api_listing", args=["people", "person"])
    response = client.get(url, HTTP_HOST=town_a.site.hostname)
    assert response.status_code == 200
    assert "Betovský" not in response.content.decode()


# --- 3. the admin in Czech --------------------------------------------------------------------


def sidebar_labels(response):
    """Labels of the admin's main menu, which Wagtail ships as JSON for its React sidebar."""
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, "the admin sidebar did not render"
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(match.group(1)))
    return labels


def dashboard(client, town, **headers):
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST=town.site.hostname, **headers)
    assert response.status_code == 200
    return response


def test_admin_is_czech_for_editor_without_language_preference(client, town_a, editor_a):
    client.force_login(editor_a)
    response = dashboard(client, town_a)
    assert html_lang(response) == "cs"
    assert "Stránky" in sidebar_labels(response)
    assert '<th scope="row">Hledat</th>' in response.content.decode()


def test_admin_stays_czech_when_the_browser_prefers_english(client, town_a, editor_a):
    # Unprefixed URLs (the admin among them) are always in LANGUAGE_CODE: i18n_patterns with
    # prefix_default_language=False makes LocaleMiddleware ignore Accept-Language there.
    client.force_login(editor_a)
    response = dashboard(client, town_a, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert html_lang(response) == "cs"
    assert "Stránky" in sidebar_labels(response)


def test_admin_follows_an_explicit_english_preference(client, town_a, editor_a):
    profile = UserProfile.get_for_user(editor_a)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor_a)
    response = dashboard(client, town_a)
    assert html_lang(response) == "en"
    labels = sidebar_labels(response)
    assert "Pages" in labels
    assert "Stránky" not in labels


def test_public_site_language_does_not_follow_the_browser(client, town_a):
    host = town_a.site.hostname
    response = client.get("/", HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert html_lang(response) == "cs"
    response = client.get("/en/", HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="cs")
    assert html_lang(response) == "en"
