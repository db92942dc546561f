"""The admin menu "E-maily": what the town sent (the outbox, with "Odeslat znovu" for a
failed message) and the town's own wording of its messages, both scoped to the user's towns.

- ``OutboxViewSet``: read only (no form of a message is ever built); every URL carrying an id
  answers 404 outside the user's towns (``MunicipalityModelViewSet``); sending again is a POST
  checked against the ``resend`` permission, which only the town's administrators have.
- ``MessageTemplateViewSet``: a snippet viewset (scoped listing, edit, delete and chooser)
  with a preview of the wording filled with the kind's sample.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import log

from municipalities.scope import scope
from municipalities.viewsets import MunicipalityModelViewSet, MunicipalitySnippetViewSet
from radnice.citizens.admin_views import ReadOnlyModelViewSet, czech_time

from .forms import MessageTemplateForm
from .kinds import get_kind
from .models import MessageState, MessageTemplate, OutboxMessage
from .outbox import resend

MENU_NAME = "emaily"


def town_label(message):
    return message.municipality or _("platforma (e-maily Djanga a Wagtailu)")


def kind_label(message):
    kind = get_kind(message.kind)
    return kind.label if kind else message.kind


class OutboxIndexView(IndexView):
    any_permission_required = ["view"]
    default_ordering = "-created_at"
    page_title = _("Odeslané e-maily")

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("Hledání ani filtrům neodpovídá žádný e-mail.")
        return _("Obec zatím žádný e-mail neposlala.")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("municipality")

    @cached_property
    def columns(self):
        return [
            Column(
                "created_at",
                label=_("Zařazeno"),
                accessor=lambda message: czech_time(message.created_at),
                sort_key="created_at",
            ),
            self._get_title_column_class(TitleColumn)(
                "subject", label=_("Předmět"), get_url=self.get_inspect_url, sort_key="subject"
            ),
            Column("recipients", label=_("Příjemci"), accessor="recipient_list"),
            Column("kind", label=_("Druh zprávy"), accessor=kind_label),
            Column("state", label=_("Stav"), accessor="get_state_display", sort_key="state"),
            Column("attempts", label=_("Pokusy")),
            Column("municipality", label=_("Obec"), accessor=town_label),
        ]


class OutboxInspectView(InspectView):
    any_permission_required = ["view"]
    template_name = "notifications/admin/outbox_inspect.html"
    page_title = _("Odesílaný e-mail")
    resend_url_name = None
    fields = [
        "municipality",
        "state",
        "recipients",
        "from_email",
        "reply_to",
        "subject",
        "kind",
        "language",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "attachments",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(
            scope(OutboxMessage.objects.select_related("municipality"), self.request.user),
            pk=self.pk,
        )

    def get_municipality_display_value(self):
        return town_label(self.object)

    def get_recipients_display_value(self):
        return ", ".join([*self.object.recipients, *self.object.cc, *self.object.bcc])

    def get_kind_display_value(self):
        return kind_label(self.object)

    def get_created_at_display_value(self):
        return czech_time(self.object.created_at)

    def get_sent_at_display_value(self):
        return czech_time(self.object.sent_at) or "–"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        may_resend = self.object.state == MessageState.FAILED and (
            self.permission_policy.user_has_permission_for_instance(
                self.request.user, "resend", self.object
            )
        )
        context.update(
            message=self.object,
            resend_url=reverse(self.resend_url_name, args=[self.object.pk]) if may_resend else "",
        )
        return context


class ResendView(PermissionCheckedMixin, View):
    """POST: a failed message goes back to the queue; back to the message."""

    model = OutboxMessage
    permission_required = "resend"
    http_method_names = ["post"]
    inspect_url_name = None
    index_url_name = None

    def post(self, request, pk):
        message = get_object_or_404(scope(OutboxMessage.objects.all(), request.user), pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "resend", message
        ):
            raise PermissionDenied
        if resend(message):
            log(instance=message, action="radnice.outbox.resend", user=request.user)
            messages.success(request, _("E-mail je znovu zařazen k odeslání."))
        else:
            messages.error(request, _("Znovu lze odeslat jen e-mail, který se odeslat nepodařilo."))
        return redirect(reverse(self.inspect_url_name, args=[message.pk]))


class OutboxViewSet(MunicipalityModelViewSet, ReadOnlyModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Odeslané e-maily")
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    list_filter = ["state"]
    search_fields = ["subject"]
    extra_views = {"resend": ("odeslat-znovu/", ResendView)}

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            resend_url_name=self.get_url_name("resend"), **kwargs
        )


class MessageTemplateViewSet(MunicipalitySnippetViewSet):
    model = MessageTemplate
    icon = "doc-full"
    menu_label = _("Šablony e-mailů")
    list_display = ["__str__", "kind", "language", "municipality", "updated_at"]
    list_filter = ["language"]
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("municipality"),
            FieldPanel("kind"),
            FieldPanel("language"),
            FieldPanel("subject"),
            FieldPanel("body"),
            FieldPanel("html"),
        ],
        base_form_class=MessageTemplateForm,
    )


class EmailViewSetGroup(ViewSetGroup):
    menu_label = _("E-maily")
    menu_icon = "mail"
    menu_name = MENU_NAME
    menu_order = 330
    items = (
        OutboxViewSet("outbox", url_prefix="emaily/odeslane"),
        MessageTemplateViewSet(),
    )
