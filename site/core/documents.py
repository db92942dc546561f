"""Who may download a document at ``/documents/<id>/<name>``.

Documents are served only by the application (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``,
stored in the private default storage, never under ``MEDIA_ROOT``), so these rules hold for
every copy of a file. The public gets a document only when something published links to it:
a live page (a notice's attachment, a document block, a rich-text link) or a live snippet
such as an alert, as Wagtail's reference index records. A page behind a view restriction
publishes its documents only to those who pass the restriction. An upload that nothing published
links to yet stays private. Those who may change the document in the admin always get it.

Other hooks add their own rules: the document must belong to the request's town
(``municipalities.wagtail_hooks``), and attachments with personal data are withheld after
their notice is taken down (``radnice.board.wagtail_hooks``).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


def user_may_edit_document(request, document):
    """The user of ``request`` may change ``document`` in the admin (its town's editors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_permission_for_instance(user, "change", document)


def published_document_ids(document_ids, request=None):
    """The ids among ``document_ids`` that something live links to (the reference index
    knows every usage): one query for the references and one per kind of linking object.

    A page behind a view restriction (a password, log-in or group, on itself or an ancestor)
    publishes its documents only to a ``request`` that passes that restriction, as the page
    itself; without a request, only public pages count.
    """
    document_ids = [str(pk) for pk in document_ids]
    if not document_ids:
        return set()
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id__in=document_ids,
    ).values_list("base_content_type_id", "object_id", "to_object_id")
    linked_by = {}
    for content_type_id, object_id, document_id in references:
        linked_by.setdefault(content_type_id, {}).setdefault(object_id, set()).add(document_id)
    published = set()
    for content_type_id, documents_by_object in linked_by.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=list(documents_by_object))
        if any(field.name == "live" for field in model._meta.concrete_fields):
            objects = objects.filter(live=True)
        if issubclass(model, Page):
            visible = visible_page_ids(objects, request)
        else:
            visible = objects.values_list("pk", flat=True)
        for object_id in visible:
            published.update(documents_by_object.get(str(object_id), ()))
    return {int(pk) for pk in published}


def visible_page_ids(pages, request):
    """Ids of ``pages`` that ``request`` may see: the public ones, and restricted ones whose
    every restriction accepts the request."""
    visible = set(pages.public().values_list("pk", flat=True))
    if request is not None:
        for page in pages.exclude(pk__in=visible):
            if all(r.accept_request(request) for r in page.get_view_restrictions()):
                visible.add(page.pk)
    return visible


def document_is_published(document, request=None):
    """Something live that ``request`` may see links to ``document``."""
    return document.pk in published_document_ids([document.pk], request)
