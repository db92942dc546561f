"""A module's stable URLs for tests only (municipalities.module_urls): a record page that
links to itself, as an e-mail would, and a gateway's callback that must be heard where the
town has the module off. The records are the town's people (any model of a town would do)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from municipalities.module_urls import module_url, reachable_when_off
from municipalities.scope import for_municipality
from radnice.people.models import Person

MODULE_NAME = "zkusebni"


def record(request, pk):
    person = get_object_or_404(for_municipality(Person.objects, request.municipality), pk=pk)
    link = module_url(request.municipality, MODULE_NAME, "record", person.pk)
    return HttpResponse(f"{person.last_name}\n{link}", content_type="text/plain")


@reachable_when_off
@csrf_exempt
@require_POST
def notification(request):
    return HttpResponse(f"přijato pro {request.municipality.name}", content_type="text/plain")


urlpatterns = [
    path("zaznam/<int:pk>/", record, name="record"),
    path("notifikace/", notification, name="notification"),
]
