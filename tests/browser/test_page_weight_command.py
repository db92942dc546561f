"""``manage.py page_weight`` measures a town's pages in Chromium on its own private server."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import StandardPageFactory, make_municipality, restore_migration_data


@pytest.fixture
def small_town(transactional_db):
    """Committed, because the command's server reads the database from its own thread."""
    restore_migration_data()
    town = make_municipality("Obec Alfa", "alfa.test")
    StandardPageFactory(
        parent=town.site.root_page,
        title="Úřední hodiny",
        slug="uredni-hodiny",
        body__0__rich_text__value="<p>Pondělí a středa 8–17 hodin.</p>",
    )
    return town


def run_page_weight(*args):
    from io import StringIO

    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("page_weight", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


def test_command_prints_requests_and_bytes_of_each_page_type(small_town, chromium_executable):
    stdout, stderr, error = run_page_weight(
        "--host", "alfa.test", "--chromium", chromium_executable
    )
    assert error is None, stderr
    lines = stdout.splitlines()
    assert "Obec Alfa: přenesená data na stránku v kB po gzip (1 kB = 1000 B)" in lines
    header = next(line for line in lines if line.startswith("stránka"))
    assert header.split() == [
        "stránka",
        "požad.",
        "HTML",
        "CSS",
        "JS",
        "písma",
        "obrázky",
        "ostatní",
        "celkem",
    ]
    # label, requests, HTML, CSS, JS, fonts, images, other, total, path
    rows = {parts[-1]: parts for parts in map(str.split, lines) if parts[-1].startswith("/")}
    assert {"/", "/uredni-hodiny/", "/tato-stranka-neexistuje/"} <= set(rows), stdout
    home = rows["/"]
    requests, html, css = int(home[-9]), home[-8], home[-7]
    assert requests >= 2  # the page and at least its stylesheet
    assert html != "0,0" and css != "0,0"
    assert lines[-1] == "Rozpočet váhy stránek dodržen."


def test_command_fails_naming_pages_over_budget(small_town, chromium_executable):
    stdout, stderr, error = run_page_weight(
        "--host", "alfa.test", "--chromium", chromium_executable, "--css-budget", "0.1"
    )
    assert isinstance(error, CommandError)
    assert "Rozpočet váhy stránek překročen" in str(error)
    assert "/uredni-hodiny/: CSS" in stderr
    assert "rozpočet 100 B" in stderr


def test_command_refuses_unknown_host(small_town):
    with pytest.raises(CommandError, match="Žádná obec nemá web „nikde.test“"):
        call_command("page_weight", "--host", "nikde.test")
