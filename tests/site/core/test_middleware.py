"""Addresses no view has to handle: a NUL byte or an overlong query answers 400 in Czech."""

import pytest

from radnice.core.middleware import MAX_QUERY_STRING_LENGTH

pytestmark = pytest.mark.django_db


def get(client, path):
    return client.get(path, HTTP_HOST="alfa.test")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/hledat/?q=%00", "Parametr „q“ v adrese stránky obsahuje nepovolený znak NUL."),
        ("/hledat/?q=ab%00cd&typ=x", "Parametr „q“ v adrese stránky obsahuje nepovolený znak NUL."),
        ("/?a%00b=1", "Parametr „ab“ v adrese stránky obsahuje nepovolený znak NUL."),
        ("/%00/", "Adresa stránky obsahuje nepovolený znak NUL."),
    ],
)
def test_nul_byte_anywhere_in_the_address_answers_400(client, town_a, path, message):
    response = get(client, path)
    assert response.status_code == 400
    assert response.content.decode() == message


def test_overlong_query_answers_400_saying_how_long_it_may_be(client, town_a):
    query = "q=" + "x" * (MAX_QUERY_STRING_LENGTH - 1)
    response = get(client, "/hledat/?" + query)
    assert response.status_code == 400
    assert response.content.decode() == (
        f"Parametry v adrese stránky jsou příliš dlouhé: mají {len(query)} znaků, "
        f"nejvýše lze {MAX_QUERY_STRING_LENGTH}."
    )


def test_query_at_the_limit_is_answered(client, town_a):
    response = get(client, "/hledat/?q=" + "x" * (MAX_QUERY_STRING_LENGTH - 2))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["q=a&q=b", "q=%ff%fe", "q=%ED%A0%80", "q=%C2%B2"])
def test_repeated_and_undecodable_parameters_are_answered(client, town_a, query):
    assert get(client, "/hledat/?" + query).status_code == 200
