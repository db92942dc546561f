"""The interface's translation catalogues (gettext): extracting, checking and compiling them.

The interface is written in Czech (the msgids are Czech); ``locale/<lang>/LC_MESSAGES/django.po``
translates it into each further language of ``settings.LANGUAGES`` (English). Django reads
the compiled ``.mo`` files, which are not in Git: ``scripts/bootstrap`` (and so both README
commands) compiles them with ``python -m radnice.core.catalogues``, in pure Python (polib), so
no system package is needed to build or serve the site. ``manage.py compile_catalogues`` does
the same in a deployment.

Extraction (``manage.py update_catalogues``) is Django's ``makemessages``, which needs
xgettext (Debian's ``gettext``). It runs over the project's own code only, the folders of
``SOURCE_DIRS`` (not ``.venv``, ``tests``, ``var``...): their templates and Python files are
copied into a temporary folder and ``makemessages`` runs there, so the references stay
relative (``site/...``), nothing is written into the checkout while it runs (makemessages
puts preprocessed copies of templates beside them) and the catalogue of the checkout is only
replaced when the extraction succeeded.
"""

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LOCALE_DIR = BASE_DIR / "locale"
#: the folders whose templates and Python code hold interface strings
SOURCE_DIRS = ("site", "municipalities", "modules", "themes")
#: the files makemessages reads for the "django" domain (no JavaScript file of the project
#: translates anything, so there is no "djangojs" catalogue)
EXTENSIONS = (".html", ".txt", ".py")


def catalogue_path(language, domain="django", locale_dir=LOCALE_DIR):
    return Path(locale_dir) / language / "LC_MESSAGES" / f"{domain}.po"


def catalogue_files(locale_dir=LOCALE_DIR):
    """Every ``.po`` file under ``locale_dir``, sorted."""
    return sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po_path):
    """Write the ``.mo`` beside ``po_path`` (only when its bytes change); return its path and
    the number of translated entries. Fuzzy and empty entries are left out, as msgfmt does."""
    catalogue = polib.pofile(str(po_path))
    mo_path = Path(po_path).with_suffix(".mo")
    data = catalogue.to_binary()
    if not mo_path.exists() or mo_path.read_bytes() != data:
        tmp = mo_path.with_suffix(".mo.tmp")
        tmp.write_bytes(data)
        tmp.replace(mo_path)
    return mo_path, len(catalogue.translated_entries())


def compile_catalogues(locale_dir=LOCALE_DIR):
    """Compile every catalogue under ``locale_dir``; return ``[(mo_path, translated)]``."""
    return [compile_catalogue(po) for po in catalogue_files(locale_dir)]


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def msgids(po_path):
    """The set of (context, msgid, plural) of a catalogue, without obsolete entries."""
    return {entry_key(e) for e in polib.pofile(str(po_path)) if not e.obsolete}


def problems(po_path):
    """Entries of a catalogue that would leave Czech on the page: [(msgid, why)]."""
    found = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append((entry.msgid, "fuzzy"))
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                found.append((entry.msgid, "plural form without translation"))
        elif not entry.msgstr:
            found.append((entry.msgid, "no translation"))
    return found


def _not_translatable(folder, names):
    """copytree's filter: only the files makemessages reads (templates, texts, Python)."""
    return [
        name
        for name in names
        if name in ("__pycache__", "static", "node_modules")
        or (Path(name).suffix and Path(name).suffix not in EXTENSIONS)
    ]


@contextmanager
def extracted(languages, locale_dir=LOCALE_DIR):
    """Run ``makemessages`` for ``languages`` over ``SOURCE_DIRS`` into a temporary copy of
    the catalogues (so existing translations are merged as they would be); yield
    ``{language: path of the fresh django.po}``. Needs Django's settings and xgettext."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory(prefix="radnice-catalogues-") as tmp:
        root = Path(tmp)
        for name in SOURCE_DIRS:
            shutil.copytree(BASE_DIR / name, root / name, ignore=_not_translatable)
        fresh = {}
        for language in languages:
            target = catalogue_path(language, locale_dir=root / "locale")
            target.parent.mkdir(parents=True)
            if catalogue_path(language, locale_dir=locale_dir).exists():
                shutil.copyfile(catalogue_path(language, locale_dir=locale_dir), target)
            fresh[language] = target
        cwd = os.getcwd()
        os.chdir(root)
        try:
            # makemessages writes into ./locale, the locale folder of the current directory.
            call_command(
                "makemessages",
                locale=list(languages),
                domain="django",
                no_obsolete=True,
                # file names without line numbers: editing code does not churn the catalogue
                add_location="file",
                verbosity=0,
            )
        finally:
            os.chdir(cwd)
        yield fresh


def main(argv=None):
    """``python -m radnice.core.catalogues``: compile the catalogues (scripts/bootstrap)."""
    for mo_path, translated in compile_catalogues():
        sys.stdout.write(f"{mo_path.relative_to(BASE_DIR)}: {translated} translated strings\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
