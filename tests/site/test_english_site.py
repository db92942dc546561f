"""The English site speaks English: no interface string is left in Czech on any page type.

The demo town (built once for the module) gets an English copy of one page of every page
type (``radnice.core.page_samples``) and of their parents, as an editor's "Translate" would
make it: the copies keep their Czech content, since nobody translated it. Every sample page
and view is then requested under ``/en/``, the interface-only ones too (search, log-in,
sign-up, password reset, the citizens' own pages, 404), the frame and home page again in
every other theme, and each answer is checked twice:

- no string of the English catalogue (``locale/en/LC_MESSAGES/django.po``) is on the page in
  its Czech form: a text or a label that is exactly one of its msgids (placeholders match
  anything), unless that text is the town's own content;
- no Czech word (one with a Czech diacritic) is on the page that is not a word of the
  content: the town's content is everything stored in the database (pages, snippets, the
  town's settings, its budget), so a Czech word that is not there came from the code, i.e.
  an interface string that is untranslated or not wrapped in gettext at all.

Without the compiled catalogue both checks fail on every page (skip link, search, footer...).
"""

import dataclasses
import json
import re
from functools import cache as memoised
from html.parser import HTMLParser

import polib
import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from municipalities.models import Municipality
from radnice.core.catalogues import catalogue_path
from radnice.core.page_samples import pages_by_type, sample_pages
from tests.site.core.test_public_urls import HOST, built_demo_town, storage_settings
from themes import available_themes

# The module's fixtures use the test database: pytest-django creates it only for a run whose
# tests are marked (without the mark they would reach the development database).
pytestmark = pytest.mark.django_db

CZECH_LETTERS = "ěščřžýáíéůúťďňĚŠČŘŽÝÁÍÉŮÚŤĎŇ"
CZECH_WORD = re.compile(rf"[^\W\d_]*[{CZECH_LETTERS}][^\W\d_]*")
#: Czech words the English interface keeps on purpose: the Czech company number's name
#: ("Company ID (IČO)"), the Czech technical standard (ČSN EN 301 549) and the theme named
#: after a square.
KEPT_WORDS = {"ičo", "čsn", "náměstí"}
#: attributes a visitor reads or hears
READ_ATTRIBUTES = ("aria-label", "aria-description", "placeholder", "title", "alt", "value")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sd]|\{\d*\}")


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def english_town(django_db_setup, django_db_blocker, media_root):
    """The demo town (as the public URL tests build it, once for the module, rolled back
    after it) with English copies of one page of every type."""
    with built_demo_town(django_db_blocker, media_root) as municipality:
        with django_db_blocker.unblock():
            translate_sample_pages(municipality)
        yield municipality


def translate_sample_pages(municipality):
    """English copies (published, content untouched) of the sampled pages and their parents."""
    english = Locale.objects.get(language_code="en")
    for page in pages_by_type(municipality.site.root_page):
        if not page.has_translation(english):
            page.copy_for_translation(english, copy_parents=True)
    home = municipality.site.root_page.get_translation(english)
    for page in Page.objects.descendant_of(home).filter(live=False).specific():
        page.save_revision().publish()


# --- what the page says -----------------------------------------------------------------------


class ReadableText(HTMLParser):
    """The texts of a page that a visitor reads or hears, except those marked as another
    language (``lang="cs"``: the language switch's link to the Czech page)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, language)
        self.texts = []

    def _language(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, language))
        if (language or self._language() or "en").startswith("en"):
            self.texts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(tag in ("script", "style") for tag, _lang in self.stack):
            return
        if (self._language() or "en").startswith("en"):
            self.texts.append(data)


def readable_texts(html):
    parser = ReadableText()
    parser.feed(html)
    return [text for text in (" ".join(t.split()) for t in parser.texts) if text]


# --- the town's content -------------------------------------------------------------------------


def stored_strings():
    """Every string stored in the database's text and JSON columns (content of all kinds)."""
    strings = []
    text_types = {"CharField", "TextField", "JSONField", "SlugField", "EmailField", "URLField"}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            columns = [
                field.column
                for field in model._meta.local_concrete_fields  # this table's own columns
                if isinstance(field, StreamField) or field.get_internal_type() in text_types
            ]
            if not columns:
                continue
            quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT {quoted} FROM {table}")  # names from the models
            for row in cursor.fetchall():
                for value in row:
                    strings += list(_strings_in(value))
    return strings


def _strings_in(value):
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                value = json.loads(value)
            except ValueError:
                yield value
                return
        else:
            yield value
            return
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in(item)


@dataclasses.dataclass
class Content:
    words: set
    text: str  # all stored strings, whitespace normalised, tags removed, one per line

    @classmethod
    def of_database(cls):
        strings = stored_strings()
        plain = [" ".join(re.sub(r"<[^>]+>", " ", s).split()) for s in strings]
        words = {word.casefold() for s in plain for word in CZECH_WORD.findall(s)}
        return cls(words=words, text="\n".join(plain))

    def has(self, text):
        return text in self.text


# --- the catalogue ------------------------------------------------------------------------------


@memoised
def czech_interface_pattern():
    """One regular expression matching exactly any msgid of the English catalogue whose
    translation differs from it (placeholders match any text)."""
    alternatives = []
    for entry in polib.pofile(str(catalogue_path("en"))):
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if entry.msgstr == msgid or len(msgid) < 2:
                continue
            text = " ".join(msgid.replace("%%", "%").split())
            parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
            alternatives.append(".+?".join(parts))
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


def czech_on_page(html, content):
    """[(why, text)] of the Czech interface on an English page."""
    found = []
    pattern = czech_interface_pattern()
    for text in readable_texts(html):
        # "Akce – calendar – Lhota pod Lesem": a title made of the page's (Czech) title, a
        # view's name and the town's; each part is checked on its own.
        parts = text.split(" – ")
        if any(pattern.fullmatch(part) and not content.has(part) for part in parts):
            found.append(("catalogue string", text))
            continue
        foreign = [
            match.group()
            for match in CZECH_WORD.finditer(text)
            if len(match.group()) > 1  # a letter of an index (surnames by their initial)
            and not text.startswith("…", match.end())  # a word of shortened content
            and match.group().casefold() not in content.words | KEPT_WORDS
        ]
        if foreign:
            found.append((f"Czech words {foreign}", text))
    return found


# --- the tests ----------------------------------------------------------------------------------


#: the samples requested again in every other theme (themes override the frame and the home
#: page: docs/themes.md)
OTHER_THEME_SAMPLES = ("homepage", "search", "account_login", "not_found")


@dataclasses.dataclass
class Answer:
    sample: object
    status: int
    html: str
    theme: str = "default"

    def __str__(self):
        return f"{self.sample.key} (/en{self.sample.path}, theme {self.theme})"


def request_english(samples, theme):
    answers = []
    for sample in samples:
        client = Client()
        client.cookies.load(dict(sample.cookies))  # the citizens' own pages: a session
        response = client.get("/en" + sample.path, HTTP_HOST=HOST)
        answers.append(Answer(sample, response.status_code, response.content.decode(), theme))
    return answers


@pytest.fixture(scope="module")
def english_pages(english_town, django_db_blocker, media_root):
    """[Answer] of every sample page and view of the town under /en/ (and the frame of every
    other theme), requested once for the module, and the town's content."""
    with django_db_blocker.unblock(), override_settings(**storage_settings(media_root)):
        with translation.override("cs"):
            samples = sample_pages(english_town)
        answers = request_english(samples, english_town.theme)
        for theme in available_themes():
            if theme.name == english_town.theme:
                continue
            Municipality.objects.filter(pk=english_town.pk).update(theme=theme.name)
            cache.clear()  # the town is cached with its theme
            some = [sample for sample in samples if sample.key in OTHER_THEME_SAMPLES]
            answers += request_english(some, theme.name)
        Municipality.objects.filter(pk=english_town.pk).update(theme=english_town.theme)
        cache.clear()
        return answers, Content.of_database()


def test_every_page_type_answers_in_english(english_pages):
    answers, _content = english_pages
    keys = {answer.sample.key for answer in answers}
    # every page type of the demo and the views without a page
    assert {"homepage", "board", "officialnoticepage", "newspage", "eventpage", "budget"} <= keys
    assert {"search", "account_login", "account_signup", "account_password_reset"} <= keys
    assert {"not_found", "citizen_my_office", "citizen_organisation"} <= keys
    for answer in answers:
        assert answer.status == answer.sample.status, answer
        assert re.search(r'<html lang="en"', answer.html), answer
    assert {answer.theme for answer in answers} == {theme.name for theme in available_themes()}


def test_no_interface_string_is_left_in_czech_on_the_english_pages(english_pages):
    answers, content = english_pages
    problems = []
    for answer in answers:
        problems += [
            f"{answer}: {why}: {text[:120]!r}" for why, text in czech_on_page(answer.html, content)
        ]
    assert not problems, "Czech on the English site:\n" + "\n".join(problems)


def test_the_english_interface_is_there(english_pages):
    """The checks above see the interface: its English strings are on the pages."""
    answers, _content = english_pages
    pages = {answer.sample.key: answer.html for answer in answers if answer.theme == "default"}
    home = pages["homepage"]
    for text in ("Skip to content", "Search the website", "Colour mode", "Main navigation"):
        assert text in home, text
    assert "Office hours" in home and "Telephone" in home
    # the footer's heading as every town gets it (navigation.DEFAULT_HEADING); stored in the
    # database, so the checks above take it for content
    assert "<h2>Useful links</h2>" in home and "Užitečné odkazy" not in home
    assert "Filter notices" in pages["board"] and "Archive" in pages["board"]
    assert any('aria-label="Pagination"' in html for html in pages.values())
    assert "Page not found" in pages["not_found"]
    assert "Sign In" in pages["account_login"]  # django-allauth's own English
    assert "My council office" in pages["citizen_my_office"]


def test_the_check_finds_czech_interface_and_spares_the_content():
    content = Content(words={"úřední", "deska", "návesní"}, text="Úřední deska\nNávesní 1")
    html = (
        '<html lang="en"><body><a class="skip-link" href="#main">Přejít na obsah</a>'
        '<input placeholder="Hledat na webu"><button>Hledat</button>'
        "<h1>Úřední deska</h1><p>Návesní 1</p><p>Company ID (IČO)</p>"
        '<nav aria-label="Stránkování"><a lang="cs" href="/">Česky</a></nav>'
        "<p>Zavřeno</p><script>var x = 'čeština';</script></body></html>"
    )
    found = czech_on_page(html, content)
    assert [text for _why, text in found] == [
        "Přejít na obsah",
        "Hledat na webu",
        "Hledat",
        "Stránkování",
        "Zavřeno",
    ]


def test_the_admin_in_english_has_no_czech_interface(client, town_a, admin_a):
    """An editor who chose English in their profile gets the project's admin in English too:
    the menu, the dashboard, the page and snippet forms (labels, help texts, panels)."""
    profile = UserProfile.get_for_user(admin_a)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_a)
    home = town_a.site.root_page
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk]),
        reverse("wagtailsnippets_people_person:list"),  # breadcrumbs: "Home", not "Domů"
        reverse("wagtailsnippets_alerts_alert:add"),
    ]
    content = Content.of_database()
    pattern = czech_interface_pattern()
    problems = []
    for url in urls:
        response = client.get(url, HTTP_HOST=town_a.site.hostname)
        assert response.status_code == 200, url
        html = response.content.decode()
        problems += [f"{url}: {why}: {text!r}" for why, text in czech_on_page(html, content)]
        # the menu is JSON for Wagtail's sidebar
        sidebar = re.search(
            r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
        )
        labels = list(labels_in(json.loads(sidebar.group(1))))
        assert "Pages" in labels
        problems += [f"{url}: menu: {label!r}" for label in labels if pattern.fullmatch(label)]
    assert not problems, "Czech in the English admin:\n" + "\n".join(problems)


def labels_in(value):
    """The values of the "label" keys in JSON (the sidebar's items; their "name" is an id)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "label" and isinstance(item, str):
                yield item
            else:
                yield from labels_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from labels_in(item)


def test_a_request_in_english_leaves_the_default_language_behind(client, town_a):
    response = client.get("/en/", HTTP_HOST=town_a.site.hostname)
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert translation.get_language() == "cs"
