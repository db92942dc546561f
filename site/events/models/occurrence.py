"""The expanded dates of live events that listings, facets and the calendar query."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .event_page import EventPage


class EventOccurrence(models.Model):
    """A concrete occurrence of a live event (denormalised; rebuilt on every full save).

    ``start_date`` and ``end_date`` are local (Europe/Prague) days, the last day inclusive,
    so that day, month and "upcoming" filters need no time-zone arithmetic in SQL.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("začátek"))
    end = models.DateTimeField(_("konec"))
    all_day = models.BooleanField(_("celodenní"), default=False)
    start_date = models.DateField(_("první den"), db_index=True)
    end_date = models.DateField(_("poslední den"), db_index=True)

    class Meta:
        verbose_name = _("výskyt akce")
        verbose_name_plural = _("výskyty akcí")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["event", "start"], name="events_occurrence_event_start")]

    def __str__(self):
        return f"{self.event.title} ({self.start_date})"
