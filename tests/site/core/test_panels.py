"""radnice.core.panels.InlinePanel: Czech declines the add button's noun, not the children's."""

import pytest
from django.test import RequestFactory
from wagtail.admin.panels import ObjectList

from municipalities.forms import MunicipalityScopedForm
from radnice.core.panels import InlinePanel
from radnice.people.models import Place

pytestmark = pytest.mark.django_db


def rendered(panel, user):
    edit_handler = ObjectList([panel], base_form_class=MunicipalityScopedForm).bind_to_model(Place)
    form = edit_handler.get_form_class()(instance=Place(), for_user=user)
    request = RequestFactory().get("/")
    return edit_handler.get_bound_panel(instance=Place(), request=request, form=form).render_html()


def test_the_button_says_the_add_label_and_each_child_the_label(editor_a):
    panel = InlinePanel("opening_hours", label="výjimka", add_label="Přidat výjimku")
    assert panel.clone().add_label == "Přidat výjimku"
    html = rendered(panel, editor_a)
    assert "Přidat výjimku" in html
    assert "Výjimka" in html  # each child's heading, in the nominative
    assert "Přidat výjimka" not in html


def test_without_an_add_label_it_is_wagtails_button(editor_a):
    assert "Přidat výjimka" in rendered(InlinePanel("opening_hours", label="výjimka"), editor_a)
