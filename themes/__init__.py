"""Theme packages, one Django app each.

A theme app's AppConfig sets ``theme_label`` (shown to editors) and may set ``theme_name``
(stored on the municipality; defaults to the last part of the app's name).
"""

from dataclasses import dataclass

from django.apps import apps


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
