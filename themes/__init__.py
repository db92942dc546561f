"""Theme packages, one Django app each.

A theme app's AppConfig sets ``theme_label`` (shown to editors) and may set ``theme_name``
(stored on the municipality; defaults to the last part of the app's name).

For PDF documents (``radnice.core.pdf``) a theme may also set:

- ``pdf_font_families``: {family name: {"regular": path, "bold": path}}, TrueType files it
  ships, relative to the app's folder. The default theme ships the platform's families under
  the names of the branding's font choices (``source-sans``, ``atkinson``, ``noto-serif``).
- ``pdf_fonts``: {"body": family name, "heading": family name}, the families its documents
  use. A role the theme leaves out is the default theme's; a heading the default theme leaves
  out is set in the body's family.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    app_label: str


def theme_configs():
    """{theme name: AppConfig} of every installed theme app."""
    return {
        getattr(config, "theme_name", config.name.rsplit(".", 1)[-1]): config
        for config in apps.get_app_configs()
        if hasattr(config, "theme_label")
    }


def available_themes():
    found = [
        Theme(name, str(config.theme_label), config.label)
        for name, config in theme_configs().items()
    ]
    return sorted(found, key=lambda theme: theme.name)


@dataclass(frozen=True)
class PdfFontFamily:
    """A font family a PDF can embed: TrueType files for regular and bold text."""

    name: str
    regular: Path
    bold: Path


def pdf_font_families():
    """{family name: PdfFontFamily} of every family an installed theme ships."""
    families = {}
    for config in theme_configs().values():
        for name, files in getattr(config, "pdf_font_families", {}).items():
            families[name] = PdfFontFamily(
                name,
                regular=Path(config.path) / files["regular"],
                bold=Path(config.path) / files["bold"],
            )
    return families


def theme_pdf_fonts(theme_name):
    """{"body": PdfFontFamily, "heading": PdfFontFamily} of the theme ``theme_name``.

    A role the theme does not declare is the default theme's; a heading neither declares is
    set in the body's family. An unknown theme (one uninstalled since a town chose it) is the
    default theme.
    """
    configs = theme_configs()
    from .loader import DEFAULT_THEME  # the loader imports this package

    chosen = getattr(configs.get(theme_name), "pdf_fonts", {})
    default = getattr(configs.get(DEFAULT_THEME), "pdf_fonts", {})
    families = pdf_font_families()
    names = {role: chosen.get(role) or default.get(role) for role in ("body", "heading")}
    names["heading"] = names["heading"] or names["body"]
    for role, name in names.items():
        if name not in families:
            raise ImproperlyConfigured(
                f"Theme {theme_name!r} uses the PDF font family {name!r} for {role}, "
                f"which no installed theme ships (known: {sorted(families)})."
            )
    return {role: families[name] for role, name in names.items()}
