"""vCard 4.0 (RFC 6350) of a person, written by hand: a dozen lines need no dependency.

Text values escape backslash, comma, semicolon and newlines (RFC 6350 §3.4); lines are folded
at 75 octets without splitting a UTF-8 character (§3.2) and end with CRLF.
"""

from django.utils.text import slugify

from .validators import phone_uri

COUNTRY = "Česká republika"
MAX_LINE_OCTETS = 75


def escape_text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def structured(*components):
    """A structured value: components separated by ";", each a text or a list of texts."""
    parts = []
    for component in components:
        if isinstance(component, list | tuple):
            parts.append(",".join(escape_text(item) for item in component if item))
        else:
            parts.append(escape_text(component or ""))
    return ";".join(parts)


def fold(line):
    """Split a content line into chunks of at most 75 octets, continued by CRLF + space."""
    chunks = []
    current, size = [], 0
    limit = MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            chunks.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += octets
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def content_line(name, text, **params):
    rendered = "".join(f";{key.upper()}={param}" for key, param in params.items() if param)
    return fold(f"{name}{rendered}:{text}")


def _title_list(titles):
    return [part.strip() for part in (titles or "").split(",") if part.strip()]


def person_vcard(person, url=""):
    """The vCard of ``person``; the address is that of their place, or of the municipality."""
    municipality = person.municipality
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        content_line("FN", escape_text(person.full_name)),
        content_line(
            "N",
            structured(
                person.last_name,
                person.first_name,
                "",
                _title_list(person.title_before.replace(" ", ",")),
                _title_list(person.title_after),
            ),
        ),
    ]
    if person.position:
        lines.append(content_line("TITLE", escape_text(person.position)))
    organisation = [municipality.name]
    if person.department_id:
        organisation.append(person.department.name)
    lines.append(content_line("ORG", structured(*organisation)))
    if person.email:
        lines.append(content_line("EMAIL", escape_text(person.email), type="work"))
    if person.phone:
        lines.append(content_line("TEL", phone_uri(person.phone), value="uri", type="work,voice"))
    if person.mobile:
        lines.append(content_line("TEL", phone_uri(person.mobile), value="uri", type="work,cell"))
    place = person.place if person.place_id else None
    address_of = place if place is not None and place.street else municipality
    if address_of.street or address_of.city:
        lines.append(
            content_line(
                "ADR",
                structured(
                    "",
                    person.room,
                    address_of.street,
                    address_of.city,
                    "",
                    address_of.postcode,
                    COUNTRY,
                ),
                type="work",
            )
        )
    if place is not None and place.latitude is not None and place.longitude is not None:
        lines.append(content_line("GEO", f"geo:{place.latitude},{place.longitude}"))
    if person.office_hours:
        lines.append(content_line("NOTE", escape_text(person.office_hours)))
    if url:
        lines.append(content_line("URL", url))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def vcard_filename(person):
    return f"{slugify(person.full_name.replace(',', '')) or 'kontakt'}.vcf"
