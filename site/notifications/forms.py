"""The admin form of a town's wording of a message: the kind chosen from the declared ones."""

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.forms import MunicipalityScopedForm

from .kinds import kind_choices

MONOSPACE = {"class": "monospace", "spellcheck": "false"}


class MessageTemplateForm(MunicipalityScopedForm):
    kind = forms.ChoiceField(label=_("Druh zprávy"), choices=kind_choices)

    class Meta:
        widgets = {
            "subject": forms.TextInput(attrs=MONOSPACE),
            "body": forms.Textarea(attrs={**MONOSPACE, "rows": 16}),
            "html": forms.Textarea(attrs={**MONOSPACE, "rows": 10}),
        }
