"""JSON-LD inside ``<script type="application/ld+json">``: the one place it is serialised.

The HTML parser ends a script element at ``</script`` and treats ``<!--`` specially, whatever
the JSON around it, so a title or address containing them would swallow the rest of the page.
``<``, ``>`` and ``&`` are therefore written as JSON escapes (``\\u003C`` …), which every
JSON parser reads back as the same characters (as Django's ``json_script`` does).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data):
    """``<script type="application/ld+json">`` with ``data``; empty for no data."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # escaped
