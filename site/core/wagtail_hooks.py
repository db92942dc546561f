"""Document serving: only what something published links to (see radnice.core.documents)."""

from django.http import Http404
from wagtail import hooks

from .documents import document_is_published, user_may_edit_document


@hooks.register("before_serve_document")
def serve_only_documents_something_published_links_to(document, request):
    if user_may_edit_document(request, document) or document_is_published(document):
        return None
    raise Http404
