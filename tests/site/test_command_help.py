"""Every management command of the project prints its help (``manage.py NAME --help``)."""

import pytest
from django.core.management import get_commands, load_command_class

PROJECT_PACKAGES = ("radnice.", "municipalities", "modules.", "themes")


def project_commands():
    return sorted(
        (name, app) for name, app in get_commands().items() if app.startswith(PROJECT_PACKAGES)
    )


def test_the_project_has_commands():
    names = {name for name, _app in project_commands()}
    assert {"load_demo", "create_municipality", "page_weight", "import_budget"} <= names


@pytest.mark.parametrize(("name", "app"), project_commands())
def test_command_prints_its_help(name, app, capsys):
    command = load_command_class(app, name)
    parser = command.create_parser("manage.py", name)
    help_text = parser.format_help()
    assert name in help_text and len(help_text) > 40
