"""Who may download a document at ``/documents/<id>/<name>``.

Documents are served only by the application (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``,
stored in the private default storage, never under ``MEDIA_ROOT``), so these rules hold for
every copy of a file. The public gets a document only when something published links to it:
a live page (a notice's attachment, a document block, a rich-text link) or a live snippet
such as an alert, as Wagtail's reference index records. An upload that nothing published
links to yet stays private. Those who may change the document in the admin always get it.

Other hooks add their own rules: the document must belong to the request's town
(``municipalities.wagtail_hooks``), and attachments with personal data are withheld after
their notice is taken down (``radnice.board.wagtail_hooks``).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry


def user_may_edit_document(request, document):
    """The user of ``request`` may change ``document`` in the admin (its town's editors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_permission_for_instance(user, "change", document)


def document_is_published(document):
    """Something live links to ``document`` (the reference index knows every usage)."""
    sources = {}
    for content_type_id, object_id in ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    ):
        sources.setdefault(content_type_id, set()).add(object_id)
    for content_type_id, object_ids in sources.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=object_ids)
        if any(field.name == "live" for field in model._meta.concrete_fields):
            objects = objects.filter(live=True)
        if objects.exists():
            return True
    return False
