"""allauth, per town: sign-up only on a town's host, the account tied to that town."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import timezone

from radnice.core.login import client_ip

from .accounts import generated_username, request_town
from .models import CitizenProfile


class CitizenAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return request_town(request) is not None

    def populate_username(self, request, user):
        if not user.username:
            user.username = generated_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            accepted = bool(form.cleaned_data.get("terms"))
            CitizenProfile.objects.create(
                user=user,
                municipality=request_town(request),
                terms_version=settings.RADNICE_CITIZEN_TERMS_VERSION if accepted else "",
                terms_accepted_at=timezone.now() if accepted else None,
            )
        return user

    def get_client_ip(self, request):
        # The address the rate limits count, as django-axes sees it (behind the TLS proxy too).
        return client_ip(request)

    def format_email_subject(self, subject):
        town = request_town(self.request)
        prefix = f"[{town.name}] " if town is not None else ""
        return prefix + str(subject)
