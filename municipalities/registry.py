"""The module registry: how a module (budget, payments, grants, participation) plugs in.

A module is a Django app in modules/ that declares itself once, from its wagtail_hooks.py::

    from municipalities.registry import Module, register_module

    register_module(Module(
        name="budget",
        label=_("Rozpočet"),
        icon="table",
        app_label="budget",
        menu_item_names=["budget"],
        permissions=[("budget", "import", ["add", "view"])],
    ))

and builds its page types on ``ModulePageMixin``. The registry then makes the module
switchable per municipality (``Municipality.enabled_modules``): when a town has it off, its
admin menu items are hidden from that town's staff, its page types cannot be created in that
town's tree, and its pages answer 404 on that town's site. See docs/modules.md.
"""

from dataclasses import dataclass, field

from django.http import Http404

_modules = {}


@dataclass(frozen=True)
class Module:
    name: str
    label: str
    icon: str
    app_label: str
    description: str = ""
    #: names of admin menu items (``MenuItem.name``) that belong to the module
    menu_item_names: list = field(default_factory=list)
    #: (app_label, model_name, actions) granted to every municipal role, scoped per town
    permissions: list = field(default_factory=list)


def register_module(module):
    from .models import MunicipalityRole
    from .roles import register_scoped_model_permissions

    if module.name in _modules:
        return _modules[module.name]
    _modules[module.name] = module
    for app_label, model_name, actions in module.permissions:
        for role in MunicipalityRole:
            register_scoped_model_permissions(role, app_label, model_name, actions)
    return module


def get_modules():
    return sorted(_modules.values(), key=lambda module: str(module.label))


def get_module(name):
    return _modules.get(name)


def module_choices():
    return [(module.name, module.label) for module in get_modules()]


def is_enabled(municipality, module_name):
    return bool(municipality) and module_name in (municipality.enabled_modules or [])


def municipality_of_page(page):
    site = page.get_site()
    return getattr(site, "municipality", None) if site else None


class ModulePageMixin:
    """For every page type of a module: creatable and served only where the module is on."""

    module_name = ""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and is_enabled(
            municipality_of_page(parent), cls.module_name
        )

    def serve(self, request, *args, **kwargs):
        if not is_enabled(getattr(request, "municipality", None), self.module_name):
            raise Http404
        return super().serve(request, *args, **kwargs)
