"""Moving a rich-text ``body`` to a StreamField of the component library and back.

Used by the data migrations of pages and home (they pass historical models), so it must keep
working with plain data: HTML strings one way, the stream's JSON-able list the other.
"""

import json
import uuid

RICH_TEXT_BLOCK = "rich_text"
# Block ids derive from the page, so a page and all its revisions share the id of their text
# block (revision diffs and wagtail-localize's segments are keyed by block id).
BLOCK_ID_NAMESPACE = uuid.UUID("5b0c6a0e-6f8e-4f57-9b1c-2f6f3f1f8a11")


def html_to_stream_data(html, key=None):
    """The stream data of a body holding ``html`` as one text block ([] for an empty body)."""
    if not html or not html.strip():
        return []
    block_id = uuid.uuid5(BLOCK_ID_NAMESPACE, key) if key else uuid.uuid4()
    return [{"type": RICH_TEXT_BLOCK, "value": html, "id": str(block_id)}]


def stream_data_to_html(data):
    """Back to HTML: the text blocks joined; other blocks have no rich-text form and are dropped."""
    if isinstance(data, str):
        data = json.loads(data) if data.strip() else []
    return "".join(
        block.get("value") or ""
        for block in data or []
        if isinstance(block, dict) and block.get("type") == RICH_TEXT_BLOCK
    )


def _is_stream_json(value):
    if not isinstance(value, str):
        return isinstance(value, list)
    try:
        return isinstance(json.loads(value), list)
    except ValueError:
        return False


def _revisions(apps, app_label, model_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type_id=content_type.pk)


def body_to_stream(apps, app_label, model_name, source="body", target="body_stream"):
    """Forward: copy each page's rich text into the stream field; rewrite its revisions too.

    Revisions keep the field under its final name (``body``): they store the page as it will
    be read once the stream field has taken that name.
    """
    Model = apps.get_model(app_label, model_name)
    for page in Model.objects.only("pk", source).iterator():
        key = f"{app_label}.{model_name}:{page.pk}"
        setattr(page, target, html_to_stream_data(getattr(page, source), key))
        page.save(update_fields=[target])
    for revision in _revisions(apps, app_label, model_name).iterator():
        body = revision.content.get("body")
        if isinstance(body, str) and not _is_stream_json(body):
            key = f"{app_label}.{model_name}:{revision.object_id}"
            revision.content["body"] = json.dumps(html_to_stream_data(body, key))
            revision.save(update_fields=["content"])


def stream_to_body(apps, app_label, model_name, source="body_stream", target="body"):
    """Backward: keep the text blocks as rich text; revisions get their HTML back."""
    Model = apps.get_model(app_label, model_name)
    for page in Model.objects.only("pk", source).iterator():
        stream = getattr(page, source)
        raw = list(stream.raw_data) if stream is not None else []
        setattr(page, target, stream_data_to_html(raw))
        page.save(update_fields=[target])
    for revision in _revisions(apps, app_label, model_name).iterator():
        body = revision.content.get("body")
        if _is_stream_json(body):
            revision.content["body"] = stream_data_to_html(body)
            revision.save(update_fields=["content"])
