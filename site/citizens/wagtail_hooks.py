"""The admin menu "Občané": the town's citizens' accounts, their organisations and the audit
of staff actions."""

from wagtail import hooks

from .admin_views import CitizensViewSetGroup


@hooks.register("register_admin_viewset")
def register_citizens_viewsets():
    return CitizensViewSetGroup()
