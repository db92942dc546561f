"""System checks of the component library."""

from django.apps import apps
from django.core import checks

REQUIRED_APPS = {
    # The table block's editor (telepath adapter and its JavaScript) comes from this app;
    # without it every StreamField that offers the table fails to start in the admin.
    "wagtail.contrib.typed_table_block": "the table component's editor",
}


@checks.register()
def check_required_apps(app_configs=None, **kwargs):
    return [
        checks.Warning(
            f"{app} is not in INSTALLED_APPS: {purpose} will not load in the admin.",
            hint=f'Add "{app}" to INSTALLED_APPS.',
            id="radnice_blocks.W001",
        )
        for app, purpose in REQUIRED_APPS.items()
        if not apps.is_installed(app)
    ]
