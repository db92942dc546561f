"""A small vCard 4.0 reader for the tests: unfold, split parameters, unescape values."""

import re


def unfold(text):
    assert text.endswith("\r\n"), "content lines end with CRLF"
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def split_unescaped(value, separator):
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def unescape(value):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_vcard(text):
    """``{NAME: [(params, raw value), ...]}`` of one vCard."""
    properties = {}
    for line in unfold(text):
        head, value = line.split(":", 1)
        name, *params = head.split(";")
        parsed = {}
        for param in params:
            key, param_value = param.split("=", 1)
            parsed[key.upper()] = param_value
        properties.setdefault(name.upper(), []).append((parsed, value))
    return properties


def text_value(properties, name):
    (_params, value), *_rest = properties[name]
    return unescape(value)


def structured_value(properties, name):
    """Components of a structured value, each a list of its comma-separated values."""
    (_params, value), *_rest = properties[name]
    return [
        [unescape(item) for item in split_unescaped(component, ",") if item]
        for component in split_unescaped(value, ";")
    ]
