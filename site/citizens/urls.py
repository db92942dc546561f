"""The citizens' own pages under /ucet/ (next to allauth's log-in, sign-up, e-mail...):
verification of identity, Můj úřad, organisations."""

from django.urls import path

from . import office, organisations, views

app_name = "citizens"

urlpatterns = [
    path("overeni/", views.identity, name="identity"),
    path("overeni/zahajit/", views.identity_start, name="identity_start"),
    path("overeni/navrat/", views.identity_return, name="identity_return"),
    path("muj-urad/", office.my_office, name="my_office"),
    path("muj-urad/moje-udaje.json", office.export, name="export"),
    path("muj-urad/zrusit-ucet/", office.delete_account, name="delete_account"),
    path("organizace/", organisations.organisation_list, name="organisations"),
    path("organizace/nova/", organisations.organisation_create, name="organisation_create"),
    path(
        "organizace/pozvanka/<str:token>/",
        organisations.invitation_accept,
        name="invitation",
    ),
    path("organizace/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organizace/<int:pk>/upravit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "organizace/<int:pk>/pozvat/", organisations.organisation_invite, name="organisation_invite"
    ),
    path(
        "organizace/<int:pk>/pozvanky/<int:invitation_pk>/zrusit/",
        organisations.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "organizace/<int:pk>/clenove/<int:member_pk>/",
        organisations.member_change,
        name="member_change",
    ),
    path(
        "organizace/<int:pk>/opustit/", organisations.organisation_leave, name="organisation_leave"
    ),
    path(
        "organizace/<int:pk>/smazat/", organisations.organisation_delete, name="organisation_delete"
    ),
]
