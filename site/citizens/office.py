"""The citizen's page "Můj úřad", the download of their data and the account's deletion.

Every part comes from the citizen side of the module contract (radnice.citizens.contract):
the platform's own (profile, e-mail addresses, organisations) and each module's.
"""

import json

from django import forms
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from .access import citizen_required
from .contract import (
    DeletionRefused,
    delete_citizen,
    deletion_blockers,
    export_citizen,
    export_filename,
    my_office_sections,
    retention_overview,
)


@never_cache
@citizen_required
def my_office(request):
    sections = my_office_sections(request, request.user)
    return render(request, "citizens/my_office.html", {"sections": sections})


@never_cache
@citizen_required
def export(request):
    """Everything the town holds about the citizen, as a JSON download."""
    body = json.dumps(
        export_citizen(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(request.user)}"'
    response["X-Robots-Tag"] = "noindex"
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Vaše heslo"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Pro potvrzení, že účet rušíte vy."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Heslo není správné."), code="password")
        return password


@never_cache
@citizen_required
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    blockers = deletion_blockers(user)
    if request.method == "POST" and not blockers and form.is_valid():
        town = request.municipality
        try:
            delete_citizen(user)
        except DeletionRefused as refused:
            blockers = refused.messages
        else:
            logout(request)
            return render(request, "citizens/account_deleted.html", {"town": town})
    return render(
        request,
        "citizens/delete_account.html",
        {"form": form, "blockers": blockers, "overview": retention_overview(user)},
    )
