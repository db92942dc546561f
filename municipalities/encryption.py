"""Secrets encrypted at rest: the keys, the model fields and the admin's secret input.

Values are encrypted with Fernet (AES-128-CBC with an HMAC, from ``cryptography``) under the
keys of the ``RADNICE_ENCRYPTION_KEYS`` environment variable (settings
``RADNICE_ENCRYPTION_KEYS``): several keys separated by commas, the first encrypts, every key
decrypts (``MultiFernet``), so a key is rotated by putting a new one first, running
``manage.py rotate_encryption_keys`` (re-encrypts every stored value with the first key) and
then dropping the old one. A key is ``Fernet.generate_key()``:
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``.

The keys are separate from ``SECRET_KEY`` on purpose: rotating the session-signing key must
not make the stored gateway keys unreadable, and a leaked database dump with the settings but
not the environment stays unreadable. Without a key, development and tests use a fixed,
public key (system check warning ``radnice_secrets.W001``); production refuses to start
(``radnice_secrets.E001``).

- ``EncryptedTextField``: one secret on any model (a gateway's API key on an organisation);
- ``EncryptedJSONField``: a dict of secrets (``municipalities.models.ModuleSettings``);
- ``SecretFormField`` and ``SecretInput``: the admin input of a secret, which never renders
  the stored value: it says whether one is stored, a blank input keeps it, a checkbox clears it.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Used only with DEBUG or in tests when no key is set; public, so it protects nothing.
DEVELOPMENT_KEY = "cmFkbmljZS1kZXZlbG9wbWVudC1rZXktbm90LXNlY3I="


class DecryptionError(Exception):
    """A stored value that none of the configured keys decrypts (a key was dropped too soon)."""


def configured_keys():
    keys = [key.strip() for key in getattr(settings, "RADNICE_ENCRYPTION_KEYS", []) if key.strip()]
    if keys:
        return keys
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return [DEVELOPMENT_KEY]
    raise ImproperlyConfigured(
        "RADNICE_ENCRYPTION_KEYS must be set in production: one or more Fernet keys separated "
        "by commas (the first encrypts, all decrypt). See the README."
    )


@lru_cache(maxsize=8)
def _fernet(keys):
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet():
    """The ``MultiFernet`` of the configured keys (built once per set of keys)."""
    return _fernet(tuple(configured_keys()))


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored secret cannot be decrypted with RADNICE_ENCRYPTION_KEYS: was the key it "
            "was encrypted with removed before running rotate_encryption_keys?"
        ) from None


def rotate(token):
    """``token`` encrypted again with the first key (its plaintext unchanged)."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A stored secret cannot be decrypted for rotation.") from None


# --- model fields ---------------------------------------------------------------------------

#: The value a secret form field returns when the input was left blank: keep what is stored.
KEEP = object()


class EncryptedFieldMixin:
    """Stores ``serialise(value)`` encrypted in a text column; empty values stay empty, so a
    blank secret is no ciphertext (and "is one stored?" needs no key)."""

    empty_value = ""

    def get_internal_type(self):
        return "TextField"

    def serialise(self, value):
        return value

    def deserialise(self, text):
        return text

    def is_empty(self, value):
        return value in (None, "")

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return self.empty_value if not self.null else None
        return self.deserialise(decrypt(value))

    def get_prep_value(self, value):
        if value is KEEP:
            raise ValueError("KEEP reached the database: save_form_data should have kept it.")
        if self.is_empty(value):
            return None if self.null else ""
        return encrypt(self.serialise(value))

    def save_form_data(self, instance, data):
        if data is not KEEP:
            super().save_form_data(instance, data)

    def value_to_string(self, obj):
        # Serialisation (dumpdata, revisions, audit log comparisons) never carries the secret.
        return ""


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """A secret string on any model, encrypted at rest, edited through ``SecretFormField``.

    It cannot be filtered or ordered on (each encryption differs). Declared ``blank=True``
    unless the record is useless without it.
    """

    def formfield(self, **kwargs):
        # Always the secret input, whatever widget Django or Wagtail offers text fields.
        return super().formfield(**{**kwargs, "form_class": SecretFormField, "widget": SecretInput})

    def to_python(self, value):
        return value if value is None or isinstance(value, str) else str(value)


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """A dict of secrets, encrypted as one JSON document; not edited as such in forms."""

    empty_value = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def is_empty(self, value):
        return not value

    def serialise(self, value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def deserialise(self, text):
        return json.loads(text)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return {}
        return self.deserialise(decrypt(value))

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value) if value else {}
        return value or {}


def encrypted_fields():
    """(model, field) of every encrypted field of every installed model."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    ]


# --- the admin input -------------------------------------------------------------------------

#: What a secret input holds when the record has a value: only the fact, never the value.
STORED = "__radnice_secret_stored__"


class SecretInput(forms.Widget):
    """A password input that never renders the stored value, and a checkbox to clear it."""

    template_name = "municipalities/widgets/secret_input.html"

    def clear_name(self, name):
        return f"{name}-clear"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"].update(
            {
                "is_stored": value == STORED,
                "clear_name": self.clear_name(name),
                "clear_id": f"{context['widget']['attrs'].get('id') or name}-clear",
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return (data.get(name, ""), bool(data.get(self.clear_name(name))))

    def value_omitted_from_data(self, data, files, name):
        # A form posted without the input (or with it blank) keeps the stored value.
        return False


class SecretFormField(forms.Field):
    """Cleans to the new secret, ``""`` when the clear box is ticked, or ``KEEP``."""

    widget = SecretInput

    def __init__(self, *, max_length=None, empty_value="", **kwargs):
        kwargs.setdefault(
            "help_text", _("Uloženou hodnotu nelze zobrazit. Prázdné pole ji ponechá.")
        )
        super().__init__(**kwargs)
        self.max_length = max_length

    def prepare_value(self, value):
        # Whatever the form holds (the decrypted initial, the typed value of a bound form),
        # the widget learns only whether something is stored.
        if isinstance(value, tuple) or value in (None, "", KEEP):
            return ""
        return STORED

    def bound_data(self, data, initial):
        # A redisplayed form (an error elsewhere) does not echo the typed secret back.
        return initial

    def has_changed(self, initial, data):
        new_value, clear = data if isinstance(data, tuple) else (data, False)
        return bool(clear or new_value)

    def to_python(self, value):
        new_value, clear = value if isinstance(value, tuple) else (value, False)
        new_value = (new_value or "").strip()
        if new_value and clear:
            raise forms.ValidationError(
                _("Zadejte novou hodnotu, nebo zaškrtněte smazání uložené hodnoty, ne obojí."),
                code="secret_conflict",
            )
        if clear:
            return ""
        if not new_value:
            return KEEP
        if self.max_length is not None and len(new_value) > self.max_length:
            raise forms.ValidationError(
                _("Hodnota může mít nejvýše %(limit)d znaků (zadáno %(length)d)."),
                code="max_length",
                params={"limit": self.max_length, "length": len(new_value)},
            )
        return new_value

    def validate(self, value):
        if self.required and value == "":
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        if value is not KEEP:
            super().run_validators(value)


def install_form_field_override():
    """Wagtail's admin forms give text fields their own widget; encrypted ones keep the
    secret input."""
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        EncryptedTextField, override={"form_class": SecretFormField, "widget": SecretInput}
    )


# --- checks ----------------------------------------------------------------------------------


@checks.register(checks.Tags.security, deploy=False)
def check_encryption_keys(app_configs=None, **kwargs):
    keys = [key.strip() for key in getattr(settings, "RADNICE_ENCRYPTION_KEYS", []) if key.strip()]
    if not keys:
        if settings.DEBUG or getattr(settings, "TESTING", False):
            return [
                checks.Warning(
                    "RADNICE_ENCRYPTION_KEYS is not set: secrets are encrypted with the public "
                    "development key, which protects nothing.",
                    hint="Set RADNICE_ENCRYPTION_KEYS before storing real secrets (README).",
                    id="radnice_secrets.W001",
                )
            ]
        return [
            checks.Error(
                "RADNICE_ENCRYPTION_KEYS must be set in production.",
                hint="One or more Fernet keys separated by commas; the first encrypts (README).",
                id="radnice_secrets.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                checks.Error(
                    f"Key number {position} of RADNICE_ENCRYPTION_KEYS is not a Fernet key "
                    "(32 bytes, URL-safe base64).",
                    id="radnice_secrets.E002",
                )
            )
    return errors


@checks.register()
def check_secrets_stay_out_of_serialised_copies(app_configs=None, **kwargs):
    """Wagtail's revisions and wagtail-localize's translation sources keep a JSON copy of the
    record (``serializable_data``), in which an encrypted field would be plain text: such a
    model keeps its secrets on a separate model (one-to-one) instead."""
    from modelcluster.models import ClusterableModel
    from wagtail.models import RevisionMixin, TranslatableMixin

    copied = (RevisionMixin, TranslatableMixin, ClusterableModel)
    return [
        checks.Error(
            f"{model._meta.label}.{field.name} is encrypted, but {model._meta.label} is "
            "copied as JSON (revisions, translations, clusters), where it would be plain text.",
            hint="Move the secret to a model of its own, linked one-to-one.",
            obj=model,
            id="radnice_secrets.E003",
        )
        for model, field in encrypted_fields()
        if issubclass(model, copied)
    ]
