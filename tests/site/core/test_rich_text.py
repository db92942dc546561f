"""The admin's rich text editor: a posted value that is not Draftail's JSON saves as empty
text (or fails validation of a required field) instead of answering 500."""

import pytest
from django.urls import reverse
from wagtail.blocks import RichTextBlock

from radnice.alerts.models import Alert
from radnice.core.rich_text import RichTextArea
from tests.site.alerts.test_admin import ADD_URL, form_data

MALFORMED = ["", "není json", "[]", "5", '"text"', '{"blocks": 5}', '{"blocks": [5]}']


@pytest.mark.parametrize("posted", MALFORMED)
def test_malformed_value_reads_as_empty_text(posted):
    widget = RichTextArea(features=["bold", "link"])
    assert widget.value_from_datadict({"text": posted}, {}, "text") == ""


def test_draftail_json_still_converts_to_html():
    widget = RichTextArea(features=["bold"])
    posted = '{"blocks": [{"key": "a", "text": "Ahoj", "type": "unstyled"}], "entityMap": {}}'
    html = widget.value_from_datadict({"text": posted}, {}, "text")
    assert html == '<p data-block-key="a">Ahoj</p>'


def test_every_rich_text_field_and_block_uses_it():
    assert isinstance(Alert._meta.get_field("message").formfield().widget, RichTextArea)
    assert isinstance(RichTextBlock().field.widget, RichTextArea)


@pytest.mark.django_db
@pytest.mark.parametrize("posted", ["", "{"])
def test_alert_with_a_malformed_message_saves_with_empty_text(client_a, town_a, posted):
    response = client_a.post(
        reverse(ADD_URL), form_data(town_a, message=posted), HTTP_HOST="alfa.test"
    )
    assert response.status_code == 302
    assert Alert.objects.get().message == ""
