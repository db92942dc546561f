"""The module registry: how a module (budget, payments, grants, participation) plugs in.

A module is a Django app in modules/ that declares itself once, on its app config::

    from municipalities.registry import Module, ModuleAppConfig

    class BudgetConfig(ModuleAppConfig):
        name = "modules.budget"
        declaration = Module(
            name="budget",
            label=_("Rozpočet"),
            icon="table",
            app_label="budget",
            menu_item_names=["rozpocet"],
            blocks={"budget_summary": "modules.budget.blocks.BudgetSummaryBlock"},
            demo="modules.budget.demo.build_demo",
        )

``ModuleAppConfig.ready()`` registers it while Django starts, so the declaration exists
before anything asks for it (Wagtail loads ``wagtail_hooks.py`` files only on first use,
which is too late for blocks of a page body built by ``makemigrations``). What the town's
groups may do with the module's models is its config's ``role_permissions``, as for any app
(municipalities.roles). Its page types are built on ``ModulePageMixin``.

The registry then makes the module switchable per municipality
(``Municipality.enabled_modules``): when a town has it off, its admin menu items are hidden
from that town's staff, its page types cannot be created in that town's tree, and its pages
answer 404 on that town's site. Its teaser blocks are offered by every page body
(``radnice.blocks.blocks.BodyStreamBlock``, through ``module_blocks()``) and render nothing
where the module is off. See docs/modules.md.
"""

from dataclasses import dataclass, field

from django.apps import AppConfig, apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils.module_loading import import_string

_modules = {}


@dataclass(frozen=True)
class ModuleSetting:
    """One value a town sets for a module (``Module.settings``).

    ``field`` is a callable returning the form field of a plain setting (a
    ``forms.CharField`` by default; its label and help text are set from here); values are
    stored as JSON, so keep them to strings, numbers and booleans. A ``secret`` setting
    (a gateway's password) is a string, encrypted at rest, never rendered back.
    """

    name: str
    label: str
    help_text: str = ""
    secret: bool = False
    required: bool = False
    field: object = None

    def form_field(self):
        from django import forms

        from .encryption import SecretFormField

        kwargs = {"label": self.label, "required": self.required}
        if self.help_text:
            kwargs["help_text"] = self.help_text
        if self.secret:
            # "required" for a secret means: a value must be stored (blank keeps it).
            return SecretFormField(**{**kwargs, "required": False})
        factory = self.field or forms.CharField
        form_field = factory()
        form_field.label = self.label
        form_field.required = self.required
        if self.help_text:
            form_field.help_text = self.help_text
        return form_field


class RoleScope:
    """Where a module role is assigned: for an organisation of the town, or for one record."""

    ORGANISATION = "organisation"
    RECORD = "record"


@dataclass(frozen=True)
class ModuleRole:
    """A role below the town that a module declares (``Module.roles``).

    ``permissions`` are the model permissions of the module's app the role grants,
    ``{model name: [actions]}`` (as ``role_permissions``), but only on the records of the
    organisation (``scope=RoleScope.ORGANISATION``) or on the one record (``RoleScope.RECORD``,
    records of ``record_model``, "app_label.ModelName") it is assigned for
    (``municipalities.roles.ModuleRoleBackend``, ``municipalities.scope.scope_records``).
    """

    name: str
    label: str
    scope: str = RoleScope.ORGANISATION
    permissions: dict = field(default_factory=dict)
    record_model: str = ""
    description: str = ""

    def __post_init__(self):
        if self.scope not in (RoleScope.ORGANISATION, RoleScope.RECORD):
            raise ImproperlyConfigured(f"Role {self.name!r}: unknown scope {self.scope!r}.")
        if self.scope == RoleScope.RECORD and not self.record_model:
            raise ImproperlyConfigured(
                f"Role {self.name!r} is assigned per record: name its record_model."
            )

    def get_record_model(self):
        return apps.get_model(self.record_model) if self.record_model else None


@dataclass(frozen=True)
class Module:
    name: str
    label: str
    icon: str
    app_label: str
    description: str = ""
    #: names of admin menu items (``MenuItem.name``) that belong to the module
    menu_item_names: list = field(default_factory=list)
    #: StreamField teaser blocks offered by every page body: {block name: block class, or its
    #: dotted path (imported only when a body is built, so declaring creates no import cycle)}.
    #: Names are global in the body stream, so start them with the module's name.
    blocks: dict = field(default_factory=dict)
    #: dotted path to ``demo(municipality, **params)``, which fills a demo town where the
    #: module is on (the town's data names the module and its params); see run_module_demos()
    demo: str = ""
    #: dotted path to the module's citizen side, a subclass of
    #: ``radnice.citizens.contract.CitizenSide`` (imported on first use): its section of the
    #: citizen's page "Můj úřad", its part of the data export and what happens with its
    #: records when a citizen deletes the account (docs/modules.md, "The citizen side")
    citizen: str = ""
    #: dotted path to the module's URLconf of stable URLs outside pages (gateway callbacks,
    #: return URLs, links in e-mails), mounted at ``/moduly/<name>/`` on every town's host
    #: and served only where the module is on, except views marked
    #: ``municipalities.module_urls.reachable_when_off`` (docs/modules.md, "Stable URLs")
    urls: str = ""
    #: what a town sets for the module in the admin ("Nastavení modulů"), stored per town in
    #: ``municipalities.models.ModuleSettings``: a list of ``ModuleSetting``; secret ones are
    #: encrypted at rest and never shown back (docs/modules.md, "Settings and secrets")
    settings: list = field(default_factory=list)
    #: roles below the town that the module's work needs (a shop's organisation manager, a
    #: grant evaluator): a list of ``ModuleRole``, assigned to a town's staff per
    #: organisation of the town or per record (docs/modules.md, "Roles below the town")
    roles: list = field(default_factory=list)

    def __post_init__(self):
        for what, items in (("setting", self.settings), ("role", self.roles)):
            names = [item.name for item in items]
            duplicates = sorted({name for name in names if names.count(name) > 1})
            if duplicates:
                raise ImproperlyConfigured(
                    f"Module {self.name!r} declares the {what}s {duplicates} twice."
                )

    def get_setting(self, name):
        return next((setting for setting in self.settings if setting.name == name), None)

    def get_role(self, name):
        return next((role for role in self.roles if role.name == name), None)

    @property
    def permissions(self):
        """[(app_label, model_name, actions)] the module grants to the town's roles: read from
        its app config's ``role_permissions``, the one declaration (municipalities.roles)."""
        config = apps.get_app_config(self.app_label)
        declared = getattr(config, "role_permissions", None) or {}
        return [(self.app_label, model_name, actions) for model_name, actions in declared.items()]


def register_module(module):
    if module.name in _modules:
        return _modules[module.name]
    for other in _modules.values():
        clash = set(module.blocks) & set(other.blocks)
        if clash:
            raise ImproperlyConfigured(
                f"Module {module.name!r} declares blocks {sorted(clash)} "
                f"already declared by module {other.name!r}."
            )
    _modules[module.name] = module
    return module


class ModuleAppConfig(AppConfig):
    """App config of a module: registers its ``declaration`` when Django starts.

    (Not ``module``: Django's AppConfig already uses that name for the app's Python module.)
    """

    declaration = None
    # Imported into a module's apps.py, this class would be a second candidate there, and
    # Django then ignores both: it is never the default, its subclasses always are.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    def ready(self):
        super().ready()
        register_module(self.declaration)


def get_modules():
    return sorted(_modules.values(), key=lambda module: str(module.label))


def get_module(name):
    return _modules.get(name)


def module_blocks():
    """[(name, block instance)] of every registered module's teaser blocks.

    Ordered by module name, then as each module declares them, so the block definitions that
    migrations record do not depend on the order in which apps are loaded. Fresh instances on
    every call: each StreamBlock names and owns its children. In the admin's block chooser
    they are grouped under the module's label.

    Modules register in their ``AppConfig.ready()``, so asking before every app is ready
    would silently leave blocks out (and a StreamField caches its block on first use): that
    is refused. Give ``StreamField`` the StreamBlock class, not an instance, so the block is
    built on first use, after start-up.
    """
    if not apps.ready:
        raise ImproperlyConfigured(
            "Module blocks were requested before all apps were ready; pass the StreamBlock "
            "class to StreamField (StreamField(BodyStreamBlock)) instead of an instance."
        )
    return [
        (name, _block_instance(module, name, block))
        for module in sorted(_modules.values(), key=lambda module: module.name)
        for name, block in module.blocks.items()
    ]


def _block_instance(module, name, block):
    from wagtail.blocks import Block

    block_class = import_string(block) if isinstance(block, str) else block
    if isinstance(block_class, type) and issubclass(block_class, Block):
        # The admin's block chooser lists a module's blocks under the module's label.
        return block_class() if block_class._meta_class.group else block_class(group=module.label)
    raise ImproperlyConfigured(
        f"Block {name!r} of module {module.name!r} must be a block class or its dotted path."
    )


def run_module_demos(municipality, params=None):
    """Call the demo of every module that is on in ``municipality`` and has one.

    ``params``: {module name: keyword arguments of its demo}. In module name order.
    """
    params = params or {}
    for module in sorted(_modules.values(), key=lambda module: module.name):
        if module.demo and is_enabled(municipality, module.name):
            import_string(module.demo)(municipality, **params.get(module.name, {}))


def module_choices():
    return [(module.name, module.label) for module in get_modules()]


def module_role_choices():
    """("module:role", "Module – Role") of every role the registered modules declare."""
    return [
        (f"{module.name}:{role.name}", f"{module.label} – {role.label}")
        for module in get_modules()
        for role in module.roles
    ]


def get_module_role(module_name, role_name):
    module = get_module(module_name)
    return (module, module.get_role(role_name)) if module else (None, None)


def is_enabled(municipality, module_name):
    return bool(municipality) and module_name in (municipality.enabled_modules or [])


class ModulePageMixin:
    """For every page type of a module: creatable and served only where the module is on."""

    module_name = ""

    @classmethod
    def can_create_at(cls, parent):
        from .scope import municipality_of_page  # scope imports models; this runs in apps.py

        return super().can_create_at(parent) and is_enabled(
            municipality_of_page(parent), cls.module_name
        )

    def serve(self, request, *args, **kwargs):
        if not is_enabled(getattr(request, "municipality", None), self.module_name):
            raise Http404
        return super().serve(request, *args, **kwargs)


@checks.register()
def check_module_apps(app_configs=None, **kwargs):
    """Every installed app under modules/ declares itself through ``ModuleAppConfig``."""
    return [
        checks.Error(
            f"{config.name} is installed as a module but does not declare one.",
            hint="Give its AppConfig the base class municipalities.registry.ModuleAppConfig "
            "and a `declaration = Module(...)` (see docs/modules.md).",
            obj=config,
            id="radnice_modules.E001",
        )
        for config in apps.get_app_configs()
        if config.name.startswith("modules.")
        and not (isinstance(config, ModuleAppConfig) and isinstance(config.declaration, Module))
    ]
