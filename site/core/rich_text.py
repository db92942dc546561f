"""The admin's rich text editor (WAGTAILADMIN_RICH_TEXT_EDITORS): Wagtail's Draftail, except
that a posted value which is not Draftail's JSON reads as empty text instead of failing.

The browser always posts the editor's content as JSON ("null" when empty), but a request
made by hand can post anything: an empty string, broken JSON or JSON of another shape made
Wagtail's converter raise, so saving the form answered 500. Empty text then goes through the
form's validation like any other value: a required field says it must be filled in.
"""

import logging

from wagtail.admin.rich_text import DraftailRichTextArea

logger = logging.getLogger(__name__)


class RichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except Exception:  # json and draftjs_exporter raise many kinds
            logger.info("Rich text field %s: posted value is not Draftail JSON", name)
            return ""
