"""The theme loader: the active theme's templates first, the default theme's second.

The active theme is the current municipality's (``Municipality.theme``), set per request by
``municipalities.middleware.CurrentMunicipalityMiddleware`` through ``activate_theme``. A
theme app keeps its templates in ``themes/<name>/templates/``; only the default theme's
templates are visible to the ordinary app-directories lookup, so a theme never leaks into
another town's pages.
"""

from contextvars import ContextVar
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.template import Origin, TemplateDoesNotExist
from django.template.loaders.app_directories import Loader as AppDirectoriesLoader
from django.template.loaders.base import Loader as BaseLoader
from django.utils._os import safe_join

DEFAULT_THEME = "default"
_active_theme = ContextVar("radnice_theme", default=DEFAULT_THEME)


def activate_theme(name):
    """Make ``name`` the active theme for the current request (or thread); returns a token."""
    return _active_theme.set(name or DEFAULT_THEME)


def deactivate_theme(token):
    _active_theme.reset(token)


def active_theme():
    return _active_theme.get()


def theme_template_dirs():
    """{theme name: its templates folder} for every installed theme app."""
    from . import theme_configs

    return {name: Path(config.path) / "templates" for name, config in theme_configs().items()}


class ThemeLoader(BaseLoader):
    """Looks in the active theme's templates folder (nothing to do for the default theme)."""

    def get_template_sources(self, template_name):
        theme = active_theme()
        if theme == DEFAULT_THEME:
            return
        directory = theme_template_dirs().get(theme)
        if directory is None:
            return
        try:
            path = safe_join(directory, str(template_name))
        except SuspiciousFileOperation:
            return
        yield Origin(name=path, template_name=template_name, loader=self)

    def get_contents(self, origin):
        try:
            with open(origin.name, encoding=self.engine.file_charset) as handle:
                return handle.read()
        except FileNotFoundError as error:
            raise TemplateDoesNotExist(origin) from error


class NonThemeAppDirectoriesLoader(AppDirectoriesLoader):
    """App template folders, except those of themes other than the default one."""

    def get_dirs(self):
        excluded = {
            str(path) for name, path in theme_template_dirs().items() if name != DEFAULT_THEME
        }
        return [directory for directory in super().get_dirs() if str(directory) not in excluded]
