"""The admission is hellers, edited in the admin the Czech way (radnice.core.money)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from radnice.core.money import MoneyFormField
from radnice.events.models import EventPage

from .factories import EventPageFactory, timed

pytestmark = pytest.mark.django_db


def test_editor_sees_the_admission_written_the_czech_way(client_a, index_a):
    event = EventPageFactory(
        parent=index_a, dates=[timed(datetime.date(2026, 11, 5), 9)], price=123450
    )
    response = client_a.get(
        reverse("wagtailadmin_pages:edit", args=[event.pk]), HTTP_HOST="alfa.test"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="price" value="1 234,50"' in html


def test_page_form_reads_czech_amounts_and_refuses_nonsense(editor_a, index_a):
    form_class = EventPage.get_edit_handler().get_form_class()
    field = form_class(parent_page=index_a, for_user=editor_a).fields["price"]
    assert isinstance(field, MoneyFormField)
    assert field.clean("150 Kč") == 15000
    assert field.clean("80,5") == 8050
    assert field.clean("") is None
    with pytest.raises(ValidationError) as error:
        field.clean("zdarma")
    assert error.value.messages == [
        "„zdarma“ není částka. Napište ji například jako 1 234,50 nebo 1234 Kč."
    ]
