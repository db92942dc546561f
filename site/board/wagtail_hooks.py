"""Admin of the official board: log actions and document serving (its notice types are in
the "Číselníky" menu, radnice.core.wagtail_hooks)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from radnice.core.documents import user_may_edit_document

from .archiving import ARCHIVE_ACTION, RESTORE_ACTION
from .queries import document_is_withheld


@hooks.register("register_log_actions")
def register_board_log_actions(actions):
    actions.register_action(
        ARCHIVE_ACTION,
        _("Přesun do archivu úřední desky"),
        _("Oznámení přesunuto do archivu úřední desky"),
    )
    actions.register_action(
        RESTORE_ACTION,
        _("Návrat z archivu úřední desky"),
        _("Oznámení znovu vyvěšeno (posunuté datum sejmutí)"),
    )


@hooks.register("before_serve_document")
def withhold_personal_data_attachments(document, request):
    """Attachments of taken-down notices with personal data: 404 to the public.

    Whoever may change the document in the admin (the town's editors) still gets it.
    """
    if not document_is_withheld(document) or user_may_edit_document(request, document):
        return None
    raise Http404
