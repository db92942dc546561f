"""The directory as open data: OFN "Kontakty" (https://ofn.gov.cz/kontakty/2020-07-01).

The document is a list of "Kontakt" objects: the municipal office itself (with its data box),
then every place, then every person, each with its own ``@context`` as in the OFN examples.
"""

from radnice.opendata.ofn import multilingual

from .validators import phone_uri

CONTEXT = "https://ofn.gov.cz/kontakty/2020-07-01/kontexty/kontakt.jsonld"


def _address(street, postcode, city):
    text = ", ".join(part for part in [street, " ".join(p for p in [postcode, city] if p)] if part)
    if not text:
        return None
    address = {"typ": "Adresa", "text": multilingual(text)}
    if postcode:
        address["psč"] = postcode.replace(" ", "")
    return address


def location(place):
    """An OFN "Umístění" of a place: its name, address and map point."""
    result = {"typ": "Umístění", "název": multilingual(place.name)}
    address = _address(place.street, place.postcode, place.city)
    if address:
        result["adresa"] = address
    if place.has_map_point:
        result["geometrie"] = {
            "type": "Point",
            "coordinates": [float(place.longitude), float(place.latitude)],
        }
    return result


def _contact(iri, name, description="", email="", phone="", mobile="", url="", extra=None):
    item = {"@context": CONTEXT, "typ": "Kontakt", "iri": iri, "název": multilingual(name)}
    if description:
        item["popis"] = multilingual(description)
    if email:
        item["email"] = f"mailto:{email}"
    if phone_uri(phone):
        item["telefon"] = phone_uri(phone)
    if phone_uri(mobile):
        item["mobil"] = phone_uri(mobile)
    if url:
        item["url"] = url
    item.update({key: value for key, value in (extra or {}).items() if value})
    return item


def contacts_document(municipality, places, people, absolute_url):
    """The OFN list; ``absolute_url(kind, obj)`` gives the public URL of a place or person."""
    office_location = {"typ": "Umístění", "název": multilingual(municipality.name)}
    address = _address(municipality.street, municipality.postcode, municipality.city)
    if address:
        office_location["adresa"] = address
    document = [
        _contact(
            absolute_url("directory", None),
            municipality.name,
            email=municipality.email,
            phone=municipality.phone,
            url=absolute_url("home", None),
            extra={"idds": municipality.data_box, "umístění": office_location},
        )
    ]
    for place in places:
        url = absolute_url("place", place)
        document.append(
            _contact(
                url,
                place.name,
                description=place.note,
                email=place.email,
                phone=place.phone,
                url=place.url or url,
                extra={"umístění": location(place)},
            )
        )
    for person in people:
        url = absolute_url("person", person)
        description = ", ".join(
            part
            for part in [person.position, person.department.name if person.department else ""]
            if part
        )
        document.append(
            _contact(
                url,
                person.full_name,
                description=description,
                email=person.email,
                phone=person.phone,
                mobile=person.mobile,
                url=url,
                extra={"umístění": location(person.place) if person.place else None},
            )
        )
    return document
