"""The interface's translation catalogues (radnice.core.catalogues): every language but Czech
has one, it translates every string of the code (a new Czech string without a translation
fails here), keeps the placeholders, and the compiled ``.mo`` Django reads is current.
"""

import gettext
import os
import re
import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from radnice.core.catalogues import (
    catalogue_files,
    catalogue_path,
    compile_catalogues,
    entry_key,
    extracted,
    msgids,
    problems,
)

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifrX0-9]+|%[sd%]|\{\d*\}|<[^>]+>")
CZECH_WORD = re.compile(r"[^\W\d_]*[ěščřžýáíéůúťďňĚŠČŘŽÝÁÍÉŮÚŤĎŇ][^\W\d_]*")
#: Czech words an English translation keeps: names (the company number IČO, the standard
#: ČSN, the theme "Náměstí", a street and a person in examples)
KEPT_WORDS = {"ičo", "čsn", "náměstí", "nádražní", "novák"}


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def pairs(entry):
    """(msgid, translation) of an entry, one per form."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return [(entry.msgid, forms.get(0, ""))] + [
            (entry.msgid_plural, text) for index, text in sorted(forms.items()) if index
        ]
    return [(entry.msgid, entry.msgstr)]


@pytest.mark.parametrize("language", other_languages())
def test_every_other_language_has_a_complete_catalogue(language):
    path = catalogue_path(language)
    assert path.exists(), f"{path} is missing: manage.py update_catalogues"
    assert len(polib.pofile(str(path))) > 1000
    assert problems(path) == [], "fuzzy or untranslated entries"


@pytest.mark.parametrize("language", other_languages())
def test_translations_keep_the_placeholders_and_leave_no_czech(language):
    wrong = []
    for entry in polib.pofile(str(catalogue_path(language))):
        for msgid, text in pairs(entry):
            if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(f"placeholders differ: {msgid!r} -> {text!r}")
            words = CZECH_WORD.findall(re.sub(r"https?://\S+", "", text))
            if any(word.casefold() not in KEPT_WORDS for word in words):
                wrong.append(f"Czech left: {msgid!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalogues_are_current():
    """Django reads the .mo: it must say what the .po says (``scripts/bootstrap`` compiles)."""
    files = catalogue_files()
    assert {path.parent.parent.name for path in files} >= set(other_languages())
    for po_path in files:
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing: run manage.py compile_catalogues"
        compiled = {entry_key(e): pairs(e) for e in polib.mofile(str(mo_path))}
        source = {entry_key(e): pairs(e) for e in polib.pofile(str(po_path)).translated_entries()}
        assert compiled == source, f"{mo_path} is stale: run manage.py compile_catalogues"


def test_catalogues_compile_without_gettext_tools(tmp_path):
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    po.append(polib.POEntry(msgid="Hledat", msgstr="Search"))
    po.append(polib.POEntry(msgid="Akce", msgstr="Event", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Obec", msgstr=""))
    po.append(
        polib.POEntry(
            msgid="%(counter)s akce",
            msgid_plural="akcí: %(counter)s",
            msgstr_plural={0: "%(counter)s event", 1: "%(counter)s events"},
        )
    )
    path = catalogue_path("en", locale_dir=tmp_path)
    path.parent.mkdir(parents=True)
    po.save(str(path))
    [(mo_path, translated)] = compile_catalogues(tmp_path)
    assert translated == 2
    with mo_path.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.gettext("Hledat") == "Search"
    assert compiled.gettext("Akce") == "Akce"  # fuzzy: left out, as msgfmt does
    assert compiled.gettext("Obec") == "Obec"
    assert compiled.ngettext("%(counter)s akce", "akcí: %(counter)s", 1) == "%(counter)s event"
    assert compiled.ngettext("%(counter)s akce", "akcí: %(counter)s", 5) == "%(counter)s events"
    modified = mo_path.stat().st_mtime_ns
    compile_catalogues(tmp_path)  # unchanged: not rewritten
    assert mo_path.stat().st_mtime_ns == modified


def test_compile_catalogues_command(capsys):
    call_command("compile_catalogues")
    assert "django.mo" in capsys.readouterr().out


def test_the_catalogues_have_every_string_of_the_code():
    """What ``manage.py update_catalogues`` (makemessages) would find is what the catalogues
    hold: a new interface string fails here until it is translated."""
    if not shutil.which("xgettext"):
        message = "xgettext is missing (Debian package gettext; scripts/test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    languages = other_languages()
    with extracted(languages) as fresh:
        for language, path in fresh.items():
            code, catalogue = msgids(path), msgids(catalogue_path(language))
            new = sorted(msgid for _context, msgid, _plural in code - catalogue)
            gone = sorted(msgid for _context, msgid, _plural in catalogue - code)
            assert not new, (
                f"Strings without a translation into {language}: run manage.py "
                f"update_catalogues and translate them in {catalogue_path(language)}:\n"
                + "\n".join(new)
            )
            assert not gone, "Strings the code no longer has (manage.py update_catalogues)"
            assert problems(path) == []
