"""Citizens' organisations: create, edit, members and their roles, invitations.

Every organisation is looked up among those of the request's town that the logged-in
citizen is a member of: another town's organisation, or one the citizen is not a member of,
answers 404 whatever its id. Only a správce edits, invites, changes roles and removes
members; the last správce can neither leave nor be demoted (the organisation would have no
one to manage it). An invitation is accepted only on its town's host, by the town's account
holding the invited address.
"""

import secrets
from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from municipalities.hosts import absolute_url
from municipalities.scope import for_municipality

from .access import citizen_required, forbidden
from .accounts import town_citizens_with_email
from .mail import send_citizen_mail
from .models import Invitation, Membership, Organisation, Role

INVITATION_VALID_FOR = timedelta(days=14)


# --- forms ------------------------------------------------------------------------------------


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "ico", "address", "data_box", "representative"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_ico(self):
        ico = self.cleaned_data["ico"].strip()
        taken = for_municipality(Organisation.objects.all(), self.municipality).filter(ico=ico)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Organizace s tímto IČO už v obci existuje."), code="ico_taken"
            )
        return ico

    def clean_data_box(self):
        return self.cleaned_data["data_box"].strip().lower()

    def save(self, commit=True):
        self.instance.municipality = self.municipality
        return super().save(commit=commit)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail zvaného občana"),
        help_text=gettext_lazy(
            "Pozvánku přijme občan, který má na webu této obce účet s touto adresou."
        ),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        members = town_citizens_with_email(self.organisation.municipality, email).filter(
            organisation_memberships__organisation=self.organisation
        )
        if members.exists():
            raise forms.ValidationError(
                _("Občan s touto adresou už je členem organizace."), code="member"
            )
        return email


# --- e-mail -----------------------------------------------------------------------------------


def send_invitation(request, invitation, token):
    """The invitation e-mail, in the town's name and with a link to the town's own site
    (radnice.citizens.mail: the town's theme, sent by a worker after the commit)."""
    town = invitation.organisation.municipality
    url = absolute_url(town, reverse("citizens:invitation", args=[token]))
    send_citizen_mail(
        town,
        "citizens/email/invitation",
        invitation.email,
        {"invitation": invitation, "url": url},
        key=f"invitation-{invitation.pk}-{token}",
    )


# --- lookups ----------------------------------------------------------------------------------


def town_organisations(request):
    return for_municipality(Organisation.objects.all(), request.municipality)


def my_membership(request, pk):
    """The citizen's membership in organisation ``pk`` of the request's town, or 404."""
    return get_object_or_404(
        Membership.objects.select_related("organisation"),
        user=request.user,
        organisation__in=town_organisations(request),
        organisation__pk=pk,
    )


def administrator_only(view):
    """For a správce of the organisation ``pk``; another member gets 403, anyone else 404."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        membership = my_membership(request, pk)
        if not membership.is_administrator:
            return forbidden(request, _("Tuto akci smí provést jen správce organizace."))
        return view(request, membership, *args, **kwargs)

    return citizen_required(wrapper)


def other_administrators(organisation, user):
    return organisation.memberships.filter(role=Role.ADMINISTRATOR).exclude(user=user)


# --- views ------------------------------------------------------------------------------------


@citizen_required
def organisation_list(request):
    memberships = (
        Membership.objects.filter(user=request.user, organisation__in=town_organisations(request))
        .select_related("organisation")
        .order_by("organisation__name", "organisation__pk")
    )
    return render(request, "citizens/organisation_list.html", {"memberships": memberships})


@citizen_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                organisation = form.save()
                Membership.objects.create(
                    organisation=organisation, user=request.user, role=Role.ADMINISTRATOR
                )
        except IntegrityError:  # the same IČO saved meanwhile
            form.add_error("ico", _("Organizace s tímto IČO už v obci existuje."))
        else:
            messages.success(request, _("Organizace byla založena. Jste jejím správcem."))
            return redirect("citizens:organisation", pk=organisation.pk)
    return render(request, "citizens/organisation_form.html", {"form": form})


@citizen_required
def organisation_detail(request, pk):
    membership = my_membership(request, pk)
    organisation = membership.organisation
    members = organisation.memberships.select_related("user").order_by("-role", "user__email")
    invitations = organisation.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    return render(
        request,
        "citizens/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": members,
            "invitations": invitations if membership.is_administrator else [],
            "roles": Role.choices,
        },
    )


@administrator_only
def organisation_edit(request, membership):
    organisation = membership.organisation
    form = OrganisationForm(
        request.POST or None, instance=organisation, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Údaje organizace byly uloženy."))
        return redirect("citizens:organisation", pk=organisation.pk)
    return render(
        request, "citizens/organisation_form.html", {"form": form, "organisation": organisation}
    )


@administrator_only
def organisation_invite(request, membership):
    organisation = membership.organisation
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            token=token,
            invited_by=request.user,
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        send_invitation(request, invitation, token)
        messages.success(
            request, _("Pozvánka byla odeslána na %(email)s.") % {"email": invitation.email}
        )
        return redirect("citizens:organisation", pk=organisation.pk)
    return render(
        request, "citizens/organisation_invite.html", {"form": form, "organisation": organisation}
    )


@require_POST
@administrator_only
def invitation_cancel(request, membership, invitation_pk):
    invitation = get_object_or_404(
        membership.organisation.invitations, pk=invitation_pk, accepted_at__isnull=True
    )
    invitation.delete()
    messages.success(request, _("Pozvánka byla zrušena."))
    return redirect("citizens:organisation", pk=membership.organisation_id)


@require_POST
@administrator_only
def member_change(request, membership, member_pk):
    """A správce changes a member's role (``role``) or removes them (``remove``)."""
    organisation = membership.organisation
    member = get_object_or_404(organisation.memberships, pk=member_pk)
    back = redirect("citizens:organisation", pk=organisation.pk)
    removing = "remove" in request.POST
    role = request.POST.get("role")
    if not removing and role not in Role.values:
        messages.error(request, _("Zvolte roli: správce, nebo člen."))
        return back
    demoting = removing or role != Role.ADMINISTRATOR
    if (
        member.is_administrator
        and demoting
        and not other_administrators(organisation, member.user).exists()
    ):
        messages.error(
            request,
            _(
                "Organizace musí mít alespoň jednoho správce. Nejprve jmenujte správcem "
                "jiného člena."
            ),
        )
        return back
    if removing:
        member.delete()
        messages.success(request, _("Člen byl z organizace odebrán."))
    else:
        member.role = role
        member.save(update_fields=["role"])
        messages.success(request, _("Role člena byla změněna."))
    if member.user_id == request.user.pk and (removing or role != Role.ADMINISTRATOR):
        return redirect("citizens:organisations")
    return back


@require_POST
@citizen_required
def organisation_leave(request, pk):
    membership = my_membership(request, pk)
    organisation = membership.organisation
    if (
        membership.is_administrator
        and not other_administrators(organisation, request.user).exists()
    ):
        messages.error(
            request,
            _(
                "Jste jediným správcem organizace. Než ji opustíte, jmenujte správcem jiného "
                "člena, nebo organizaci smažte."
            ),
        )
        return redirect("citizens:organisation", pk=organisation.pk)
    membership.delete()
    messages.success(request, _("Opustili jste organizaci %(name)s.") % {"name": organisation.name})
    return redirect("citizens:organisations")


@administrator_only
def organisation_delete(request, membership):
    organisation = membership.organisation
    if request.method == "POST":
        try:
            with transaction.atomic():
                organisation.delete()
        except ProtectedError:
            messages.error(
                request,
                _(
                    "Organizaci nelze smazat: úřad k ní eviduje záznamy (žádosti, platby…). "
                    "Obraťte se prosím na úřad."
                ),
            )
            return redirect("citizens:organisation", pk=organisation.pk)
        messages.success(
            request, _("Organizace %(name)s byla smazána.") % {"name": organisation.name}
        )
        return redirect("citizens:organisations")
    return render(request, "citizens/organisation_delete.html", {"organisation": organisation})


@citizen_required
def invitation_accept(request, token):
    """Only on the host of the organisation's town, by its account holding the invited
    address; an unknown, expired, used or another town's token answers 404."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        token=token,
        organisation__in=town_organisations(request),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    organisation = invitation.organisation
    holders = town_citizens_with_email(request.municipality, invitation.email)
    if not holders.filter(pk=request.user.pk).exists():
        return forbidden(
            request,
            _(
                "Pozvánka je určena pro jinou e-mailovou adresu. Přihlaste se účtem, na jehož "
                "adresu přišla."
            ),
        )
    if request.method == "POST":
        with transaction.atomic():
            Membership.objects.get_or_create(
                organisation=organisation, user=request.user, defaults={"role": invitation.role}
            )
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_at"])
        messages.success(
            request, _("Jste členem organizace %(name)s.") % {"name": organisation.name}
        )
        return redirect("citizens:organisation", pk=organisation.pk)
    return render(
        request,
        "citizens/invitation_accept.html",
        {"invitation": invitation, "organisation": organisation},
    )
