"""Validate documents against the OFN JSON Schemas kept in tests/schemas (offline).

Every ``$ref`` to https://ofn.gov.cz/... is resolved from tests/schemas/ofn, the same way as
shared/tools/ofn-validate does, so the project's tests need neither the network nor shared/.
"""

import json
from pathlib import Path
from urllib.parse import unquote

from jsonschema import Draft201909Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent / "schemas"
OFN_ROOT = SCHEMAS / "ofn"
PREFIX = "https://ofn.gov.cz/"
EXTERNAL = {
    "https://raw.githubusercontent.com/ropensci/geojsonlint/master/inst/schema/geojson.json": (
        SCHEMAS / "external" / "geojsonlint" / "geojson.json"
    ),
}

BOARD_SCHEMA = "úřední-desky/2021-07-20/schémata/úřední-deska.json"


def _retrieve(uri):
    if uri in EXTERNAL:
        return Resource.from_contents(json.loads(EXTERNAL[uri].read_text()))
    if not uri.startswith(PREFIX):
        raise LookupError(f"not available offline: {uri}")
    return Resource.from_contents(json.loads((OFN_ROOT / unquote(uri[len(PREFIX) :])).read_text()))


def ofn_errors(schema_path, document):
    """Return the list of validation errors ("path: message"); empty when the document is valid."""
    schema = json.loads((OFN_ROOT / schema_path).read_text())
    validator = Draft201909Validator(schema, registry=Registry(retrieve=_retrieve))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message[:300]}"
        for error in errors
    ]
