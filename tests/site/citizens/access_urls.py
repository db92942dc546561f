"""The site's URLconf with a module's pages guarded by radnice.citizens.access (tests only)."""

import datetime

from django.http import HttpResponse
from django.urls import path
from django.views import View

from radnice.citizens.access import CitizenRequiredMixin, citizen_required
from radnice.citizens.eligibility import Requirement
from radnice.citizens.models import Level
from radnice.urls import handler404  # noqa: F401
from radnice.urls import urlpatterns as site_urlpatterns

ELECTION_DAY = datetime.date(2027, 6, 1)


@citizen_required
def any_citizen(request):
    return HttpResponse("obcan")


@citizen_required(level=Level.IDENTITY)
def identity(request):
    return HttpResponse("identita")


@citizen_required(level=Level.OFFICE)
def office(request):
    return HttpResponse("urad")


class Vote(CitizenRequiredMixin, View):
    citizen_requirement = Requirement(
        level=Level.IDENTITY, min_age=15, age_on=ELECTION_DAY, resident=True
    )

    def get(self, request):
        return HttpResponse("hlasovani")


urlpatterns = [
    path("_modul/obcan/", any_citizen),
    path("_modul/identita/", identity),
    path("_modul/urad/", office),
    path("_modul/hlasovani/", Vote.as_view()),
    *site_urlpatterns,
]
