"""Alert banners ("Upozornění"): a town's short notices shown above its pages for a while.

An alert is a draft until a moderator publishes it (editors cannot publish), is shown only
between its start and end, on the whole site or on chosen pages (optionally with their
subpages, in every language), and a visitor may hide it for a chosen period without
JavaScript: a small form sets a cookie keyed by the alert's id whose value is the alert's
version, so an alert whose text changes shows again.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from municipalities.models import Municipality

from .forms import AlertForm

COOKIE_PREFIX = "radnice_alert_"
# Browsers keep a cookie at most 400 days, so "for ever" is as long as they allow.
FOREVER_SECONDS = 400 * 24 * 60 * 60


class AlertLevel(models.TextChoices):
    EMERGENCY = "error", _("Tísňové")
    WARNING = "warning", _("Varování")
    SUCCESS = "success", _("Úspěch")
    INFO = "info", _("Informace")


# Emergency alerts first, then warnings, information and good news.
LEVEL_ORDER = {
    AlertLevel.EMERGENCY: 0,
    AlertLevel.WARNING: 1,
    AlertLevel.INFO: 2,
    AlertLevel.SUCCESS: 3,
}


class Dismissal(models.TextChoices):
    FOREVER = "forever", _("Natrvalo")
    DAYS_30 = "30", _("Na 30 dní")
    DAYS_7 = "7", _("Na 7 dní")
    DAY_1 = "1", _("Na 1 den")
    NEVER = "never", _("Nelze skrýt")


class Alert(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("obec")
    )
    title = models.CharField(_("nadpis"), max_length=120)
    level = models.CharField(
        _("úroveň"), max_length=16, choices=AlertLevel.choices, default=AlertLevel.INFO
    )
    message = RichTextField(
        _("text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Krátké sdělení, nejlépe jedna nebo dvě věty."),
    )
    link_url = models.URLField(_("odkaz (adresa)"), blank=True)
    link_label = models.CharField(
        _("text odkazu"),
        max_length=80,
        blank=True,
        help_text=_("Když ho nevyplníte, zobrazí se „Více informací“."),
    )
    starts_at = models.DateTimeField(_("zobrazit od"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("zobrazit do"),
        null=True,
        blank=True,
        help_text=_("Prázdné pole znamená bez omezení."),
    )
    show_everywhere = models.BooleanField(
        _("zobrazit na celém webu"),
        default=True,
        help_text=_("Jinak se upozornění zobrazí jen na stránkách vybraných níže."),
    )
    dismissal = models.CharField(
        _("návštěvník může upozornění skrýt"),
        max_length=16,
        choices=Dismissal.choices,
        default=Dismissal.FOREVER,
    )

    base_form_class = AlertForm

    panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("level")]),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_label")], heading=_("Odkaz")),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Doba zobrazení")
        ),
        FieldPanel("dismissal"),
        MultiFieldPanel(
            [
                FieldPanel("show_everywhere"),
                InlinePanel("page_targets", label=_("Stránka")),
            ],
            heading=_("Kde se upozornění zobrazí"),
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("message"),
        index.AutocompleteField("title"),
        index.FilterField("municipality"),
    ]

    class Meta:
        verbose_name = _("upozornění")
        verbose_name_plural = _("upozornění")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Konec zobrazení musí být později než jeho začátek.")
        if self.link_label and not self.link_url:
            errors["link_url"] = _("K textu odkazu vyplňte i jeho adresu.")
        if errors:
            raise ValidationError(errors)

    # --- display --------------------------------------------------------------------------

    @property
    def is_emergency(self):
        return self.level == AlertLevel.EMERGENCY

    @property
    def link_text(self):
        return self.link_label or _("Více informací")

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.live and self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    # --- dismissal ------------------------------------------------------------------------

    @property
    def is_dismissable(self):
        return self.dismissal != Dismissal.NEVER

    @property
    def dismissal_seconds(self):
        if self.dismissal == Dismissal.FOREVER:
            return FOREVER_SECONDS
        if self.dismissal == Dismissal.NEVER:
            return 0
        return int(self.dismissal) * 24 * 60 * 60

    @property
    def cookie_name(self):
        return f"{COOKIE_PREFIX}{self.pk}"

    @property
    def version(self):
        """Changes whenever what the visitor reads changes, so an edited alert shows again."""
        content = "\n".join([self.title, self.level, self.message, self.link_url, self.link_label])
        return hashlib.sha256(content.encode()).hexdigest()[:12]

    def is_dismissed_by(self, cookies):
        return self.is_dismissable and cookies.get(self.cookie_name) == self.version


class AlertPage(Orderable):
    """A page an alert is shown on (and, optionally, beneath)."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="page_targets")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("stránka")
    )
    include_subpages = models.BooleanField(_("i na podstránkách"), default=True)

    panels = [FieldPanel("page"), FieldPanel("include_subpages")]

    class Meta(Orderable.Meta):
        verbose_name = _("stránka upozornění")
        verbose_name_plural = _("stránky upozornění")
