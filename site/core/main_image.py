"""A page's main image with the alt text it needs: the fields, their panel and validation.

News, events and standard pages share them. The alt text is required unless the editor marks
the image decorative or the image has a description in the library (see ``core.images``).
It is checked in the admin form, not in ``Page.clean``: Wagtail cleans a page on every save
(publishing a scheduled revision, moving it), and a page from before this rule must keep
moving and publishing until an editor next opens it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from municipalities.forms import MunicipalityScopedPageForm

from .images import ALT_TEXT_REQUIRED, DECORATIVE_HELP, DECORATIVE_LABEL, missing_alt_text


def main_image_alt_text_field():
    return models.CharField(
        _("alternativní text hlavního obrázku"),
        max_length=255,
        blank=True,
        help_text=_(
            "Co je na obrázku, pro nevidomé. Bez vyplnění se použije popis obrázku z knihovny; "
            "když ho obrázek nemá, je text povinný (nebo označte obrázek jako dekorativní)."
        ),
    )


def main_image_decorative_field():
    return models.BooleanField(DECORATIVE_LABEL, default=False, help_text=DECORATIVE_HELP)


def main_image_panel(caption="main_image_caption"):
    return MultiFieldPanel(
        [
            FieldPanel("main_image"),
            FieldPanel("main_image_alt_text"),
            FieldPanel("main_image_decorative"),
            FieldPanel(caption),
        ],
        heading=_("Hlavní obrázek"),
    )


class MainImageAltTextFormMixin:
    """Refuses a main image without alt text unless it is decorative (drafts may wait)."""

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False) or "main_image" not in self.fields:
            return cleaned_data
        if missing_alt_text(
            cleaned_data.get("main_image"),
            cleaned_data.get("main_image_alt_text"),
            cleaned_data.get("main_image_decorative"),
        ):
            self.add_error("main_image_alt_text", ALT_TEXT_REQUIRED)
        return cleaned_data


class MainImagePageForm(MainImageAltTextFormMixin, MunicipalityScopedPageForm):
    pass
