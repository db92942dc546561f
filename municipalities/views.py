"""Admin views of the municipality viewset that differ from Wagtail's generic ones."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.log_actions import log

from .provisioning import provision_municipality


class MunicipalityCreateView(CreateView):
    """Creating a municipality is onboarding: site, trees, collection, groups, permissions."""

    def save_instance(self):
        data = self.form.cleaned_data
        result = provision_municipality(
            name=data["name"],
            kind=data["kind"],
            ico=data["ico"],
            hostname=data["hostname"],
            port=data["port"],
            theme=data["theme"],
            languages=data["languages"],
            administrator_email=data.get("administrator_email") or "",
        )
        municipality = result.municipality
        log(instance=municipality, action="wagtail.create", user=self.request.user)
        if result.administrator is not None:
            messages.info(
                self.request,
                _("Účet správce %(email)s je založen; heslo si nastaví přes „Zapomenuté heslo“.")
                % {"email": result.administrator.email},
            )
        return municipality


class MunicipalityEditView(EditView):
    # Wagtail's generic message is neuter ("Obec ... aktualizováno"); obec is feminine, and
    # an administrator changing the theme or colours wants to know when the site shows it.
    success_message = gettext_lazy(
        "Nastavení obce „%(object)s“ je uloženo; web obce je ukazuje od příštího načtení stránky."
    )
