"""Wagtail's "Uživatelé" (and its bulk actions) for staff accounts only.

Citizens' accounts are listed, opened and acted on under "Občané" (radnice.citizens.admin_views),
scoped to a town; Wagtail's own user admin would offer the operator their password form,
the superuser flag and group membership. So its listing leaves them out, each of its URLs
carrying a citizen's id answers 404, and its bulk actions do not touch them.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_list_or_404
from django.urls.resolvers import URLPattern
from wagtail.users.views.users import IndexView, UserViewSet

from municipalities.viewsets import OBJECT_URL_KWARGS, scoped_object_view


def staff_users(queryset=None):
    """Users without a citizen's account."""
    if queryset is None:
        queryset = get_user_model()._default_manager.all()
    return queryset.filter(citizen_profile__isnull=True)


class StaffIndexView(IndexView):
    def get_base_queryset(self):
        return staff_users(super().get_base_queryset())


class StaffUserViewSet(UserViewSet):
    index_view_class = StaffIndexView

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and any(
                f":{kwarg}>" in str(pattern.pattern) or f"<{kwarg}>" in str(pattern.pattern)
                for kwarg in OBJECT_URL_KWARGS
            ):
                pattern.callback = scoped_object_view(pattern.callback, lambda r: staff_users())
        return patterns


def install():
    """Bulk actions on users (delete, activate, assign a role) skip citizens' accounts."""
    from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

    def get_queryset(cls, model, object_ids):
        return get_list_or_404(staff_users(model._default_manager.all()), pk__in=object_ids)

    original_listing = UserBulkAction.get_all_objects_in_listing_query

    def get_all_objects_in_listing_query(self, parent_id):
        return original_listing(self, parent_id).filter(citizen_profile__isnull=True)

    UserBulkAction.get_queryset = classmethod(get_queryset)
    UserBulkAction.get_all_objects_in_listing_query = get_all_objects_in_listing_query
