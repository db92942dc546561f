"""Reject request addresses no view should have to handle: NUL bytes and overlong queries.

A NUL byte cannot be stored in a PostgreSQL text value nor searched for, and a query string
longer than any link the site makes only costs work; both answer 400 with a short Czech
message before any view runs, so every view may assume its parameters are free of them.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

#: the longest query string (after ``?``, as sent, percent-encoded) a request may have
MAX_QUERY_STRING_LENGTH = 2000


class MalformedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = address_problem(request)
        if problem:
            return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def address_problem(request):
    """What is wrong with the request's address, in Czech, or None."""
    length = len(request.META.get("QUERY_STRING", ""))
    if length > MAX_QUERY_STRING_LENGTH:
        return _(
            "Parametry v adrese stránky jsou příliš dlouhé: mají %(length)s znaků, "
            "nejvýše lze %(limit)s."
        ) % {"length": length, "limit": MAX_QUERY_STRING_LENGTH}
    if "\x00" in request.path:
        return _("Adresa stránky obsahuje nepovolený znak NUL.")
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return _("Parametr „%(name)s“ v adrese stránky obsahuje nepovolený znak NUL.") % {
                "name": name.replace("\x00", "")[:50]
            }
    return None
