"""A point on the map as two decimal fields (WGS 84 degrees), as places and events store it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def coordinate_field(verbose_name, limit, *, message=None, help_text=""):
    """A nullable latitude (``limit`` 90) or longitude (180) in degrees, six decimal places.

    ``message`` is the validation error for a value outside ±``limit`` (Django's own without it).
    """
    extra = {} if message is None else {"message": message}
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit, **extra), MaxValueValidator(limit, **extra)],
        help_text=help_text,
    )


def has_map_point(obj):
    """Whether ``obj`` has both coordinates (``latitude`` and ``longitude``)."""
    return obj.latitude is not None and obj.longitude is not None
