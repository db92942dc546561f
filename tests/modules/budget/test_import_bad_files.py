"""Files that are not what the editor meant to upload are refused with a Czech message saying
what is wrong and where, and the data imported before stays."""

import io
import zipfile

import pytest
from django.urls import reverse

from modules.budget.models import Actual, BudgetLine, ImportJob, ImportStatus

from .conftest import CITYVIZOR_HEADER, SAMPLE_ROWS, csv_bytes, import_bytes
from .test_import_admin import HOST, upload

pytestmark = pytest.mark.django_db


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", csv_bytes(*SAMPLE_ROWS))
    return buffer.getvalue()


CUT_UTF8 = csv_bytes("ROZ;0;1111;;;1500000;;;;Daň z příjmů FO", "ROZ;0;1111;;;10;;;;Daň ž")[:-2]
NEITHER = (CITYVIZOR_HEADER + "\nROZ;0;1111;;;10;;;;Da").encode() + b"\x81\x98\n"

BAD_FILES = {
    "binary garbage": (
        bytes(range(256)) * 8,
        "Soubor není text ve formátu CSV (obsahuje binární data).",
    ),
    "zip": (
        zip_bytes(),
        "Soubor není text ve formátu CSV (vypadá jako archiv ZIP, např. tabulka XLSX nebo ODS).",
    ),
    "cut utf-8": (
        CUT_UTF8,
        "Soubor je useknutý: poslední znak na řádku 3, sloupci 24 není celý znak v kódování UTF-8.",
    ),
    "neither utf-8 nor windows-1250": (
        NEITHER,
        "Soubor není v kódování UTF-8 ani windows-1250: neplatný bajt 0x81 na řádku 2, sloupci 22.",
    ),
    "whitespace only": (b"\n  \r\n", "Soubor je prázdný."),
    "pdf": (b"%PDF-1.7\n...", "Soubor není text ve formátu CSV (vypadá jako dokument PDF)."),
}


@pytest.fixture
def earlier_data(budget_town_a):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    return (
        Actual.objects.filter(municipality=budget_town_a).count(),
        BudgetLine.objects.filter(municipality=budget_town_a).count(),
    )


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_is_refused_with_what_is_wrong_and_earlier_data_stays(
    budget_town_a, earlier_data, kind
):
    content, message = BAD_FILES[kind]
    report = import_bytes(budget_town_a, content)
    assert not report.ok
    assert [error.message for error in report.errors] == [message]
    assert (
        Actual.objects.filter(municipality=budget_town_a).count(),
        BudgetLine.objects.filter(municipality=budget_town_a).count(),
    ) == earlier_data


@pytest.mark.parametrize("format", ["kxx", "events"])
def test_every_format_refuses_a_zip(budget_town_a, format):
    report = import_bytes(budget_town_a, zip_bytes(), format=format)
    label = "KXX" if format == "kxx" else "CSV"
    assert [error.message for error in report.errors] == [
        f"Soubor není text ve formátu {label} "
        "(vypadá jako archiv ZIP, např. tabulka XLSX nebo ODS)."
    ]


def test_uploaded_zip_is_reported_in_czech_not_as_a_server_error(
    client_a, budget_town_a, earlier_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_a, budget_town_a, zip_bytes(), name="data.zip")
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["message"].startswith("Soubor není text ve formátu CSV")
    page = client_a.get(reverse("budget_import:detail", args=[job.pk]), **HOST).content.decode()
    assert "vypadá jako archiv ZIP" in page
    assert "chybě serveru" not in page
    assert Actual.objects.filter(municipality=budget_town_a).count() == earlier_data[0]
