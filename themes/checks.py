"""System checks of the theme contract."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import pdf_font_families, theme_configs, theme_pdf_fonts


@checks.register()
def pdf_fonts_exist(app_configs=None, **kwargs):
    """Every theme's PDF fonts name a shipped family whose files exist (radnice_themes.E001),
    so a broken theme stops Django rather than the first receipt a citizen asks for."""
    errors = []
    for name, config in theme_configs().items():
        try:
            theme_pdf_fonts(name)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), obj=config, id="radnice_themes.E001"))
    for family in pdf_font_families().values():
        for path in (family.regular, family.bold):
            if not path.is_file():
                errors.append(
                    checks.Error(
                        f"The PDF font family {family.name!r} names {path}, which does not exist.",
                        id="radnice_themes.E001",
                    )
                )
    return errors
