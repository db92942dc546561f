"""The outbox (one row per message), its attachments, the towns' wording of messages and
their sender address. See radnice.notifications.outbox for how a row travels."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import PreviewableMixin

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality


class MessageState(models.TextChoices):
    QUEUED = "queued", _("čeká na odeslání")
    SENDING = "sending", _("odesílá se")
    SENT = "sent", _("odesláno")
    FAILED = "failed", _("neodesláno")


class OutboxMessage(models.Model):
    """One e-mail, rendered when it was queued, sent at most once by a Celery task.

    ``key`` (a hash, unique per town) makes a message unique: queueing the same key again
    adds nothing. Addresses and contents are personal data: a sent row is emptied after
    ``RADNICE_OUTBOX_CONTENT_DAYS`` and deleted after ``RADNICE_OUTBOX_KEEP_DAYS``
    (radnice.notifications.outbox.purge_outbox).
    """

    # Empty for the platform's own mail (the staff's password reset, Wagtail's moderation
    # notices: radnice.notifications.backend), which only the operator sees.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("obec"),
    )
    key = models.CharField(_("klíč"), max_length=64)
    kind = models.CharField(_("druh zprávy"), max_length=150, blank=True)
    language = models.CharField(_("jazyk"), max_length=10, blank=True)
    from_email = models.CharField(_("odesílatel"), max_length=320, blank=True)
    reply_to = models.CharField(_("adresa pro odpověď"), max_length=320, blank=True)
    recipients = models.JSONField(_("příjemci"), default=list, blank=True)
    cc = models.JSONField(_("kopie"), default=list, blank=True)
    bcc = models.JSONField(_("skrytá kopie"), default=list, blank=True)
    subject = models.CharField(_("předmět"), max_length=998, blank=True)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(
        _("stav"),
        max_length=10,
        choices=MessageState.choices,
        default=MessageState.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("pokusy o odeslání"), default=0)
    last_error = models.TextField(_("poslední chyba"), blank=True)
    created_at = models.DateTimeField(_("zařazeno"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)
    next_attempt_at = models.DateTimeField(_("další pokus"), null=True, blank=True)
    sent_at = models.DateTimeField(_("odesláno"), null=True, blank=True, db_index=True)
    emptied_at = models.DateTimeField(_("obsah smazán"), null=True, blank=True)

    class Meta:
        verbose_name = _("odesílaný e-mail")
        verbose_name_plural = _("odesílané e-maily")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="notifications_outbox_key_per_town"
            )
        ]
        permissions = [("resend_outboxmessage", "Can send a failed message again")]

    def __str__(self):
        return self.subject or str(_("(obsah smazán)"))

    @property
    def recipient_list(self):
        return ", ".join(self.recipients)


def attachment_path(instance, filename):
    # A random name: the original one is kept in ``filename``, never in a path.
    return f"outbox/{instance.message.municipality_id or 'platforma'}/{uuid.uuid4().hex}"


class OutboxAttachment(models.Model):
    """A file sent with a message, in the private storage (never under MEDIA_ROOT)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("název souboru"), max_length=255)
    content_type = models.CharField(_("typ obsahu"), max_length=255)
    file = models.FileField(_("soubor"), upload_to=attachment_path, max_length=255)

    class Meta:
        verbose_name = _("příloha e-mailu")
        verbose_name_plural = _("přílohy e-mailů")

    def __str__(self):
        return self.filename


class MessageTemplate(PreviewableMixin, models.Model):
    """A town's own wording of one kind of message in one language.

    Used only for that town's messages in that language; without it the kind's default
    templates (files, Czech and English through the catalogue) apply.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="message_templates",
        verbose_name=_("obec"),
    )
    kind = models.CharField(_("druh zprávy"), max_length=150)
    language = models.CharField(
        _("jazyk"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    subject = models.CharField(
        _("předmět"),
        max_length=500,
        help_text=_("Šablona předmětu; název obce se před něj doplní sám."),
    )
    body = models.TextField(
        _("text zprávy"),
        help_text=_(
            "Šablona textu (jazyk šablon Djanga, např. {{ town_name }}). Pozdrav a podpis "
            'obce doplní začátek {% extends "account/email/base_message.txt" %} '
            "s textem v {% block content %}…{% endblock %}."
        ),
    )
    html = models.TextField(
        _("HTML podoba"),
        blank=True,
        help_text=_("Nepovinné. Bez ní se zpráva pošle jen jako text."),
    )
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    class Meta:
        verbose_name = _("šablona e-mailu")
        verbose_name_plural = _("šablony e-mailů")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "language"],
                name="notifications_one_template_per_kind_and_language",
            )
        ]

    def __str__(self):
        from .kinds import get_kind

        kind = get_kind(self.kind)
        label = kind.label if kind else self.kind
        return f"{label} ({self.get_language_display()})"

    preview_modes = [("", _("Náhled s ukázkovými údaji"))]

    def get_preview_template(self, request, mode_name):
        return "notifications/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        from .rendering import preview

        return {"preview": preview(self)}

    def clean(self):
        from .kinds import get_kind
        from .rendering import template_errors

        errors = {}
        kind = get_kind(self.kind)
        if kind is None:
            errors["kind"] = _("Tento druh zprávy neexistuje.")
        for field in ("subject", "body", "html"):
            message = template_errors(
                getattr(self, field), html=field == "html", sample=kind.sample if kind else None
            )
            if message:
                errors[field] = message
        if errors:
            raise ValidationError(errors)


@register_setting(icon="mail")
class SenderSettings(BaseSiteSetting):
    """The town's sender: name and address in From, and where replies go."""

    from_name = models.CharField(
        _("jméno odesílatele"),
        max_length=150,
        blank=True,
        help_text=_("Prázdné: název obce."),
    )
    from_email = models.EmailField(
        _("adresa odesílatele"),
        blank=True,
        help_text=_(
            "Prázdné: společná adresa platformy. Vlastní adresa musí být v doméně, "
            "ze které platforma smí odesílat (nastavuje provozovatel)."
        ),
    )
    reply_to = models.EmailField(
        _("adresa pro odpovědi"),
        blank=True,
        help_text=_("Kam dojdou odpovědi občanů, např. e-mail podatelny. Prázdné: odesílatel."),
    )

    base_form_class = MunicipalityScopedForm

    class Meta:
        verbose_name = _("odesílání e-mailů")

    def clean(self):
        from .sender import sender_domain_error

        error = sender_domain_error(self.from_email)
        if error:
            raise ValidationError({"from_email": error})
