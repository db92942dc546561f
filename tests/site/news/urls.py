"""The project's URLs with the alert dismissal URL wired in as the report asks the lead to."""

from django.urls import include, path

from radnice.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("radnice.alerts.urls")), *project_urlpatterns]
