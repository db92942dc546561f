"""Password rules of the installation (AUTH_PASSWORD_VALIDATORS)."""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLength
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(DjangoMinimumLength):
    """Django's, with a Czech message: Django 5.2's wording has no Czech translation yet."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_help_text(),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("Heslo je příliš krátké: musí mít alespoň %(min_length)d znaků.") % {
            "min_length": self.min_length
        }
