"""Permission policy for models whose instances belong to a municipality.

Same shape as Wagtail's collection permission policies: the Django model permission says
*what* a user may do, the municipality scope says *to which instances*.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import ModelPermissionPolicy

from .scope import (
    is_platform_operator,
    module_role_user_ids,
    scope,
    scope_records,
    user_municipality_ids,
)


class MunicipalityPermissionPolicy(ModelPermissionPolicy):
    """``role_scoped``: the model's records are split below the town by module roles
    (``Module.roles``): the instances are ``scope.scope_records`` (through
    ``organisation_field``, the record's ``TownOrganisation``, when given)."""

    def __init__(
        self,
        model,
        municipality_field="municipality",
        auth_model=None,
        organisation_field=None,
        role_scoped=False,
    ):
        super().__init__(model, auth_model=auth_model)
        self.municipality_field = municipality_field
        self.organisation_field = organisation_field
        self.role_scoped = role_scoped or bool(organisation_field)

    def scope(self, queryset, user):
        """The records of ``queryset`` the user reaches (town, then roles below it)."""
        if self.role_scoped:
            return scope_records(queryset, user, self.municipality_field, self.organisation_field)
        return scope(queryset, user, self.municipality_field)

    def municipality_id_of(self, instance):
        value = instance
        for part in self.municipality_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value.pk if hasattr(value, "pk") else value

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if is_platform_operator(user):
            return True
        if self.role_scoped:
            queryset = self.model._default_manager.filter(pk=instance.pk)
            return self.scope(queryset, user).exists()
        return self.municipality_id_of(instance) in user_municipality_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(self.model._default_manager.all(), user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        municipality_id = self.municipality_id_of(instance)
        found = users.filter(is_superuser=True) | users.filter(
            groups__municipality_link__municipality_id=municipality_id
        )
        if not self.role_scoped:
            return found
        # Town staff see a role-scoped record only where their town group has the model
        # permission, and the holders of a module role for its organisation or for it.
        with_town_permission = users.filter(
            groups__municipality_link__municipality_id=municipality_id,
            groups__permissions__content_type__app_label=self.model._meta.app_label,
            groups__permissions__content_type__model=self.model._meta.model_name,
        )
        role_holders = (
            get_user_model()
            .objects.filter(
                is_active=True,
                pk__in=module_role_user_ids(instance, actions, self.organisation_field),
            )
            .distinct()
        )
        return (users.filter(is_superuser=True) | with_town_permission | role_holders).distinct()


class MunicipalityObjectPermissionPolicy(MunicipalityPermissionPolicy):
    """For the Municipality model itself: the instance *is* the municipality."""

    def __init__(self, model, auth_model=None):
        super().__init__(model, municipality_field="pk", auth_model=auth_model)

    def municipality_id_of(self, instance):
        return instance.pk

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope(self.model._default_manager.all(), user, "pk")
