"""The citizens' records in the admin, scoped to the staff's town (radnice.citizens)."""

from wagtail import hooks

from .admin_views import organisation_viewset


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset
