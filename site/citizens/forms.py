"""allauth's forms where an e-mail address meets the accounts: only the request's town's."""

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as BaseAddEmailForm
from allauth.account.forms import ResetPasswordForm as BaseResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as BaseResetPasswordKeyForm
from allauth.account.forms import SignupForm as BaseSignupForm
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .accounts import citizen_profile, request_town, town_citizens_with_email
from .terms import terms_page


class SignupForm(BaseSignupForm):
    terms = forms.BooleanField(
        label=gettext_lazy(
            "Souhlasím s podmínkami používání účtu a se zpracováním svých osobních údajů obcí."
        ),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"] = self.fields.pop("terms")  # after the passwords
        page = terms_page(request_town(context.request))
        if page is not None:  # the town's terms (radnice.citizens.terms)
            self.fields["terms"].help_text = format_html(
                _("Podmínky najdete na stránce {}."),
                format_html('<a href="{}">{}</a>', page.get_url(context.request), page.title),
            )

    def validate_unique_email(self, value):
        # One account per e-mail address and town; other towns' accounts do not count.
        # As allauth does with enumeration prevention: no error, an e-mail to the address.
        self.account_already_exists = town_citizens_with_email(
            request_town(context.request), value
        ).exists()
        if self.account_already_exists and not app_settings.PREVENT_ENUMERATION:
            raise get_adapter().validation_error("email_taken")
        return value


class AddEmailForm(BaseAddEmailForm):
    def clean_email(self):
        value = super().clean_email()
        town = getattr(self.user, "citizen_profile", None)
        others = town_citizens_with_email(town.municipality if town else None, value).exclude(
            pk=self.user.pk
        )
        if others.exists():
            raise get_adapter().validation_error("email_taken")
        return value


class ResetPasswordForm(BaseResetPasswordForm):
    def clean_email(self):
        email = super().clean_email()
        town = request_town(context.request)
        allowed = set(town_citizens_with_email(town, email).values_list("pk", flat=True))
        self.users = [user for user in self.users if user.pk in allowed]
        return email


class ResetPasswordKeyForm(BaseResetPasswordKeyForm):
    def clean(self):
        cleaned_data = super().clean()
        profile = citizen_profile(self.user)
        town = request_town(context.request)
        if profile is None or town is None or profile.municipality_id != town.pk:
            raise ValidationError(
                _("Tento odkaz platí jen na webu obce, kde jste o nové heslo požádali."),
                code="other_town",
            )
        return cleaned_data
