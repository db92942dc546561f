"""Theme packages, one Django app each. A theme app's AppConfig sets ``theme_label``."""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    app_label: str


def available_themes():
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("themes.") and hasattr(config, "theme_label"):
            found.append(Theme(config.name.split(".", 1)[1], str(config.theme_label), config.label))
    return sorted(found, key=lambda theme: theme.name)
