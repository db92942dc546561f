"""The citizen's own pages next to allauth's (under /ucet/): verification of identity."""

from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("overeni/", views.identity, name="identity"),
    path("overeni/zahajit/", views.identity_start, name="identity_start"),
    path("overeni/navrat/", views.identity_return, name="identity_return"),
]
