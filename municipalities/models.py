"""The municipality: one-to-one with a Wagtail Site; owns a page tree, a collection, groups."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Collection, Site

from .branding import FONT_CHOICES, validate_brand_colour
from .encryption import EncryptedJSONField
from .validators import validate_data_box, validate_ico, validate_postcode


class MunicipalityKind(models.TextChoices):
    OBEC = "obec", _("obec")
    MESTYS = "mestys", _("městys")
    MESTO = "mesto", _("město")
    STATUTARNI_MESTO = "statutarni_mesto", _("statutární město")
    MESTSKA_CAST = "mestska_cast", _("městská část")
    KRAJ = "kraj", _("kraj")


def theme_choices():
    from themes import available_themes

    return [(theme.name, theme.label) for theme in available_themes()]


def language_choices():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user):
        """Municipalities whose data the user may manage (all of them for superusers)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(group_links__group__user=user).distinct()


class Municipality(models.Model):
    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="municipality", verbose_name=_("web")
    )
    name = models.CharField(_("oficiální název"), max_length=255)
    kind = models.CharField(
        _("druh"), max_length=32, choices=MunicipalityKind.choices, default=MunicipalityKind.OBEC
    )
    ico = models.CharField(_("IČO"), max_length=8, unique=True, validators=[validate_ico])
    data_box = models.CharField(
        _("ID datové schránky"), max_length=7, blank=True, validators=[validate_data_box]
    )
    street = models.CharField(_("ulice a číslo"), max_length=255, blank=True)
    city = models.CharField(_("obec / město"), max_length=255, blank=True)
    postcode = models.CharField(_("PSČ"), max_length=6, blank=True, validators=[validate_postcode])
    email = models.EmailField(_("e-mail podatelny"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("znak"),
    )
    theme = models.CharField(_("vzhled (téma)"), max_length=64, default="default")
    primary_color = models.CharField(
        _("hlavní barva"),
        max_length=7,
        blank=True,
        validators=[validate_brand_colour],
        help_text=_("Např. #1d4f91. Bílý text na ní musí mít kontrast alespoň 4,5 : 1."),
    )
    secondary_color = models.CharField(
        _("doplňková barva"), max_length=7, blank=True, validators=[validate_brand_colour]
    )
    font = models.CharField(_("písmo"), max_length=32, choices=FONT_CHOICES, default="system")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ikona webu (favicon)"),
        help_text=_("Čtvercový obrázek, alespoň 180 × 180 px."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("úvodní obrázek"),
    )
    enabled_modules = models.JSONField(_("zapnuté moduly"), default=list, blank=True)
    languages = models.JSONField(_("jazyky webu"), default=list, blank=True)
    collection = models.OneToOneField(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
        verbose_name=_("kolekce obrázků a dokumentů"),
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MunicipalityQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("kind"), FieldPanel("ico")])],
            heading=_("Identifikace"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("data_box"),
            ],
            heading=_("Adresa a kontakty"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldRowPanel([FieldPanel("primary_color"), FieldPanel("secondary_color")]),
                FieldPanel("font"),
                FieldRowPanel([FieldPanel("coat_of_arms"), FieldPanel("logo")]),
                FieldRowPanel([FieldPanel("favicon"), FieldPanel("hero_image")]),
                FieldPanel("languages"),
            ],
            heading=_("Vzhled a jazyky"),
        ),
        FieldPanel("enabled_modules"),
    ]

    class Meta:
        verbose_name = _("obec")
        verbose_name_plural = _("obce")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        known_themes = {name for name, _label in theme_choices()}
        if self.theme not in known_themes:
            raise ValidationError({"theme": _("Neznámé téma „%(theme)s“.") % {"theme": self.theme}})
        from .registry import get_module

        unknown_modules = [name for name in self.enabled_modules or [] if not get_module(name)]
        if unknown_modules:
            raise ValidationError(
                {
                    "enabled_modules": _("Neznámé moduly: %(names)s.")
                    % {"names": ", ".join(unknown_modules)}
                }
            )
        known_languages = {code for code, _label in language_choices()}
        unknown = [code for code in self.languages or [] if code not in known_languages]
        if unknown:
            raise ValidationError(
                {"languages": _("Nepodporované jazyky: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )

    @property
    def hostname(self):
        return self.site.hostname

    @property
    def root_pages(self):
        """The municipality's root page in every locale (translations are siblings)."""
        root = self.site.root_page
        return root.get_translations(inclusive=True)

    def group_for(self, role):
        link = self.group_links.filter(role=role).select_related("group").first()
        return link.group if link else None


class MunicipalityRole(models.TextChoices):
    EDITOR = "editor", _("Editoři")
    MODERATOR = "moderator", _("Schvalovatelé")
    ADMINISTRATOR = "administrator", _("Správci obce")


class MunicipalityGroup(models.Model):
    """A Wagtail group that belongs to one municipality and plays one role there."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="group_links"
    )
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="municipality_link")
    role = models.CharField(max_length=32, choices=MunicipalityRole.choices)

    class Meta:
        verbose_name = _("skupina obce")
        verbose_name_plural = _("skupiny obcí")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "role"], name="one_group_per_role")
        ]

    def __str__(self):
        return f"{self.municipality} – {self.get_role_display()}"


# --- module settings and secrets, per town ---------------------------------------------------


class ModuleSettingsQuerySet(models.QuerySet):
    def for_module(self, municipality, module_name):
        """The town's settings of a module: the stored row, or an unsaved empty one."""
        found = self.filter(municipality=municipality, module=module_name).first()
        return found or self.model(municipality=municipality, module=module_name)


class ModuleSettings(models.Model):
    """What a town has set for one module: plain values and encrypted secrets.

    Which values exist is the module's declaration (``Module.settings``, a list of
    ``registry.ModuleSetting``); ``values`` holds the plain ones as JSON, ``secrets`` the
    secret ones as one encrypted JSON document (``municipalities.encryption``). A module
    reads them with ``ModuleSettings.objects.for_module(town, "payments").get("merchant")``.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="module_settings",
        verbose_name=_("obec"),
    )
    module = models.CharField(_("modul"), max_length=64)
    values = models.JSONField(_("nastavení"), default=dict, blank=True, editable=False)
    secrets = EncryptedJSONField(_("tajné údaje"))
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    objects = ModuleSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("nastavení modulu")
        verbose_name_plural = _("nastavení modulů")
        ordering = ["municipality__name", "module"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "module"], name="one_settings_per_town_and_module"
            )
        ]

    def __str__(self):
        return f"{self.module_label} – {self.municipality}"

    @property
    def declaration(self):
        from .registry import get_module

        return get_module(self.module)

    @property
    def module_label(self):
        module = self.declaration
        return str(module.label) if module else self.module

    def get(self, name, default=None):
        """A setting's value, secret or plain (the secret decrypted)."""
        source = self.secrets if self._is_secret(name) else self.values
        return (source or {}).get(name, default)

    def has_secret(self, name):
        return bool((self.secrets or {}).get(name))

    def _is_secret(self, name):
        module = self.declaration
        setting = module.get_setting(name) if module else None
        if setting is None:
            raise KeyError(f"Module {self.module!r} declares no setting {name!r}.")
        return setting.secret

    def clean(self):
        super().clean()
        from .registry import get_module

        if not get_module(self.module):
            raise ValidationError(
                {"module": _("Neznámý modul „%(name)s“.") % {"name": self.module}}
            )


# --- roles below the town: the town's organisations and module roles ------------------------


class TownOrganisationKind(models.TextChoices):
    TOWN_HALL = "urad", _("obecní / městský úřad")
    SCHOOL = "skola", _("škola")
    KINDERGARTEN = "materska_skola", _("mateřská škola")
    TECHNICAL_SERVICES = "technicke_sluzby", _("technické služby")
    CONTRIBUTORY = "prispevkova", _("příspěvková organizace")
    CLUB = "spolek", _("spolek")
    OTHER = "jina", _("jiná")


class TownOrganisation(models.Model):
    """An organisation of the town (the town hall, a school, a club...) that records of a
    module can belong to and that module roles are assigned for ("Organizace obce").

    Not ``radnice.citizens.models.Organisation``: that is a legal entity citizens act for on
    the public site; this one is part of (or run by) the town and managed by its staff.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="town_organisations",
        verbose_name=_("obec"),
    )
    name = models.CharField(_("název"), max_length=255)
    kind = models.CharField(
        _("druh"), max_length=32, choices=TownOrganisationKind.choices, default="jina"
    )
    ico = models.CharField(_("IČO"), max_length=8, blank=True, validators=[validate_ico])

    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("ico")]),
    ]

    class Meta:
        verbose_name = _("organizace obce")
        verbose_name_plural = _("organizace obce")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="town_organisation_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class ModuleRoleAssignment(models.Model):
    """A module role (``Module.roles``) given to a member of the town's staff, for one
    organisation of the town or for one record (exactly one of the two)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="module_role_assignments",
        verbose_name=_("obec"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_role_assignments",
        verbose_name=_("pracovník"),
    )
    module = models.CharField(_("modul"), max_length=64)
    role = models.CharField(_("role"), max_length=64)
    organisation = models.ForeignKey(
        TownOrganisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("organizace obce"),
    )
    record_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )
    record_id = models.CharField(_("záznam"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role v modulu")
        verbose_name_plural = _("role v modulech")
        ordering = ["municipality__name", "module", "role"]
        constraints = [
            # For an organisation or for a record, never both; the form requires the one the
            # role's declaration names, and an assignment with neither grants nothing.
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) | models.Q(record_type__isnull=True),
                name="role_assignment_organisation_or_record",
            ),
        ]

    def __str__(self):
        return f"{self.role_label}: {self.user}"

    def clean(self):
        super().clean()
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError({"organisation": _("Organizace patří jiné obci.")})

    @property
    def declaration(self):
        from .registry import get_module_role

        return get_module_role(self.module, self.role)[1]

    @property
    def role_label(self):
        role = self.declaration
        return str(role.label) if role else f"{self.module}:{self.role}"

    @property
    def record(self):
        if self.record_type_id is None:
            return None
        model = self.record_type.model_class()
        return model._default_manager.filter(pk=self.record_id).first() if model else None
