from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefaultThemeConfig(AppConfig):
    """The base theme: every template the platform renders exists here."""

    name = "themes.default"
    label = "theme_default"
    theme_label = _("Výchozí")
    # TrueType files of the branding's font choices, for PDF documents (pdf_fonts/README.md).
    pdf_font_families = {
        "source-sans": {
            "regular": "pdf_fonts/source-sans-3/SourceSans3-Regular.ttf",
            "bold": "pdf_fonts/source-sans-3/SourceSans3-Bold.ttf",
        },
        "atkinson": {
            "regular": "pdf_fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
            "bold": "pdf_fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
        },
        "noto-serif": {
            "regular": "pdf_fonts/noto-serif/NotoSerif-Regular.ttf",
            "bold": "pdf_fonts/noto-serif/NotoSerif-Bold.ttf",
        },
    }
    # Headings follow the body, as on the web (base.css: --font-heading: var(--font-body)).
    pdf_fonts = {"body": "source-sans"}

    def ready(self):
        from .. import checks  # noqa: F401  (registers the theme contract's system checks)
