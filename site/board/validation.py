"""Rules of the posting period (správní řád §25–26)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_posting_period(date_posted, date_taken_down):
    if date_posted and date_taken_down and date_taken_down < date_posted:
        raise ValidationError(
            {"date_taken_down": _("Datum sejmutí nesmí být dřív než datum vystavení.")}
        )
