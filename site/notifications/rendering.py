"""Rendering a message: the town's wording if it has one, else the kind's template files.

Both are rendered in the message's language with the town's theme active, with the caller's
context plus the town's (:func:`town_context`): ``municipality``, ``town_name``, ``town_url``
(the town's web from its registered site, never from a request's Host header) and
``current_site`` (the town's name and host, which allauth's templates use). Texts and
subjects are rendered without HTML escaping (they are plain text), the HTML part with it.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.base import Lexer, TokenType
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from municipalities.hosts import absolute_url
from themes.loader import activate_theme, deactivate_theme

#: Tags a town's template may not use: they would reach other templates or libraries.
FORBIDDEN_TAGS = {"include", "ssi", "debug", "load"}
#: ``{% load %}`` is allowed for these libraries only (Django's own, for translations, dates).
ALLOWED_LIBRARIES = {"i18n", "l10n", "tz"}
#: The templates a town's text may extend: the town's greeting and signature (and allauth's
#: notice of a change to an account, built on it).
ALLOWED_PARENTS = {
    f"{quote}account/email/{name}.txt{quote}"
    for quote in "\"'"
    for name in ("base_message", "base_notification")
}


@dataclass(frozen=True)
class TownSite:
    """What allauth's templates know as ``current_site``: the town's name and host."""

    name: str
    domain: str


def town_context(municipality):
    return {
        "municipality": municipality,
        "town_name": municipality.name,
        "town_url": absolute_url(municipality, "/"),
        "current_site": TownSite(name=municipality.name, domain=municipality.site.hostname),
    }


def subject_prefix(municipality):
    return f"[{municipality.name}] "


def message_language(language=None):
    """One of settings.LANGUAGES: the given or current language, else the default."""
    codes = [code for code, _label in settings.LANGUAGES]
    for candidate in (language, translation.get_language()):
        if candidate:
            code = candidate.split("-")[0].lower()
            if code in codes:
                return code
    return settings.LANGUAGE_CODE


@cache
def _engine(autoescape):
    """The project's template engine (its loaders: the theme first), escaping or not, with
    the line of a syntax error recorded (``debug``)."""
    base = engines["django"].engine
    return Engine(
        loaders=base.loaders,
        libraries=base.libraries,
        builtins=[name for name in base.builtins if name not in Engine.default_builtins],
        autoescape=autoescape,
        debug=True,
    )


def render_text(source, context, html=False):
    return _engine(html).from_string(source).render(Context(context, autoescape=html))


def render_file(name, context):
    """A text template of the project (the theme first), without HTML escaping."""
    return _engine(False).get_template(name).render(Context(context, autoescape=False))


def _forbidden_tag(source):
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        bits = token.split_contents()
        name = bits[0] if bits else ""
        if name == "load" and set(bits[1:]) <= ALLOWED_LIBRARIES:
            continue
        if name == "extends" and len(bits) == 2 and bits[1] in ALLOWED_PARENTS:
            continue
        if name in FORBIDDEN_TAGS or name == "extends":
            return token
    return None


def template_errors(source, html=False, sample=None):
    """A Czech message naming the line of what is wrong with a town's template, or None."""
    if not source:
        return None
    token = _forbidden_tag(source)
    if token is not None:
        return _("Řádek %(line)s: značku „%(tag)s“ šablona obce použít nesmí.") % {
            "line": token.lineno,
            "tag": "{% " + token.contents + " %}",
        }
    try:
        template = _engine(html).from_string(source)
        if sample is not None:
            template.render(Context(sample, autoescape=html))
    except TemplateSyntaxError as error:
        debug = getattr(error, "template_debug", None) or {}
        line = debug.get("line") or _line_of(str(error)) or 1
        during = (debug.get("during") or "").strip()
        if during:
            return _(
                "Řádek %(line)s: chyba v zápisu „%(during)s“ (neznámá, neuzavřená "
                "nebo chybně zapsaná značka či filtr)."
            ) % {"line": line, "during": during}
        return _(
            "Řádek %(line)s: chyba v zápisu šablony (neznámá, neuzavřená nebo chybně "
            "zapsaná značka či filtr)."
        ) % {"line": line}
    except TemplateDoesNotExist as error:
        return _("Šablona „%(name)s“ neexistuje.") % {"name": error}
    except Exception as error:  # a filter failing on the sample, say
        return _("Šablonu nelze vykreslit s ukázkovými údaji: %(error)s") % {"error": error}
    return None


def _line_of(text):
    match = re.search(r"line (\d+)", text)
    return int(match.group(1)) if match else None


def town_template(municipality, kind, language):
    from .models import MessageTemplate

    return MessageTemplate.objects.filter(
        municipality=municipality, kind=kind, language=language
    ).first()


def render_parts(municipality, kind, context, language, override=None):
    """(subject, text, html) of a message, the theme active and ``language`` on."""
    context = {**(context or {}), **town_context(municipality)}
    token = activate_theme(municipality.theme)
    try:
        with translation.override(language):
            if override is not None:
                subject = render_text(override.subject, context)
                body = render_text(override.body, context).strip()
                html = render_text(override.html, context, html=True).strip()
            else:
                subject = render_file(f"{kind}_subject.txt", context)
                body = render_file(f"{kind}_message.txt", context).strip()
                try:
                    html = render_to_string(f"{kind}_message.html", context).strip()
                except TemplateDoesNotExist:
                    html = ""
    finally:
        deactivate_theme(token)
    subject = subject_prefix(municipality) + " ".join(subject.splitlines()).strip()
    return subject, body, html


def render_message(municipality, kind, context=None, language=None):
    """The message of ``kind`` for the town: a dict of ``subject``, ``body``, ``html`` and
    ``language``; the town's wording in that language when it has one."""
    language = message_language(language)
    override = town_template(municipality, kind, language)
    subject, body, html = render_parts(municipality, kind, context, language, override)
    return {"subject": subject, "body": body, "html": html, "language": language}


def preview(message_template):
    """The town's wording filled with its kind's sample: a dict of ``subject``, ``body``,
    ``html`` and ``error`` (a Czech message when it cannot be rendered)."""
    from .kinds import get_kind

    kind = get_kind(message_template.kind)
    municipality = getattr(message_template, "municipality", None)
    if kind is None or municipality is None:
        return {"error": _("Vyberte obec a druh zprávy.")}
    for field in ("subject", "body", "html"):
        error = template_errors(getattr(message_template, field), html=field == "html")
        if error:
            return {"error": error}
    try:
        subject, body, html = render_parts(
            municipality, kind.name, kind.sample, message_template.language, message_template
        )
    except Exception as error:
        return {
            "error": _("Šablonu nelze vykreslit s ukázkovými údaji: %(error)s") % {"error": error}
        }
    return {"subject": subject, "body": body, "html": html, "error": ""}
