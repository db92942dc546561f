"""The one loader of demo content: YAML files under municipalities/demo/data/.

``data/<town>/<section>.yaml`` holds one demo town's content of one section (``town`` is the
town itself: name, contacts, pages, people, the modules it has on); ``data/shared/`` holds
content that belongs to no single town (types, and what is generated per kind of town).
Changing a demo text is a change of these files, never of the code that builds from them.

Dates in the data are relative to the day the demo is built (``posted: -3`` is three days
ago), so the demo stays current.
"""

import copy
import functools
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).with_name("data")
SHARED = "shared"
#: the demo town whose content a municipality that is no demo town gets
DEFAULT_TOWN = "lhota"


def read_yaml(path):
    """A YAML file of demo content (also of a module's own demo, next to its demo.py)."""
    with Path(path).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def _read(folder, section):
    return read_yaml(DATA_DIR / folder / f"{section}.yaml")


def load(folder, section):
    """The content of ``data/<folder>/<section>.yaml`` (a fresh copy: builders may change it)."""
    return copy.deepcopy(_read(folder, section))


def shared(section):
    return load(SHARED, section)


def town_keys():
    """The folders of the demo towns, in the order in which load_demo builds them."""
    return shared("towns")


def town_key(municipality):
    """The folder of the demo town ``municipality`` is (by its IČO), or None."""
    for key in town_keys():
        if _read(key, "town")["ico"] == municipality.ico:
            return key
    return None


def town_content(municipality, section, default=DEFAULT_TOWN):
    """The section's content for ``municipality``: its own when it is a demo town, else that of
    the ``default`` demo town (None: nothing)."""
    key = town_key(municipality) or default
    return load(key, section) if key else None


def formatted(value, words):
    """``value`` (a text, or lists and dicts of texts) with ``{word}`` placeholders filled in."""
    if isinstance(value, str):
        return value.format(**words)
    if isinstance(value, list):
        return [formatted(item, words) for item in value]
    if isinstance(value, dict):
        return {key: formatted(item, words) for key, item in value.items()}
    return value
