"""Factories of the content page types (the standard page's is in ``tests.factories``)."""

import datetime

import factory
import wagtail_factories

from radnice.pages.models import AccessibilityStatementPage, LandingPage
from tests.site.blocks.factories import BodyStreamBlockFactory


class LandingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rozcestník {n}")
    teaser = "Vše o životě v obci."
    intro = "Spolky, poplatky, odpady a vše, co se hodí vědět."
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = LandingPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Prohlášení o přístupnosti"
    slug = "prohlaseni-o-pristupnosti"
    prepared_on = datetime.date(2026, 1, 15)
    reviewed_on = datetime.date(2026, 6, 30)

    class Meta:
        model = AccessibilityStatementPage
