"""The small icon set that tiles and the home page's top tasks may show.

Icons are symbols of the theme's SVG sprite (``themes/default/icons.svg``); they are always
decorative, the text next to them says what the link is.
"""

from django.utils.translation import gettext_lazy as _

ICON_CHOICES = [
    ("document", _("Doklady a formuláře")),
    ("waste", _("Odpady")),
    ("money", _("Platby a poplatky")),
    ("family", _("Rodina a děti")),
    ("home", _("Bydlení")),
    ("car", _("Doprava")),
    ("building", _("Úřad")),
    ("calendar", _("Termíny a akce")),
    ("health", _("Zdraví a sociální péče")),
    ("info", _("Informace")),
]
