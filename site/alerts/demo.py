"""One demo alert per demo town, found by its title, so running again changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import Alert, AlertLevel, Dismissal


def _end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def _square_closure():
    """Horní Dolní's square is closed 1–15 December (this year's, or next year's when over)."""
    today = timezone.localdate()
    year = today.year if (today.month, today.day) <= (12, 15) else today.year + 1
    return _end_of_day(datetime(year, 12, 15).date())


def demo_alert(municipality):
    """(title, fields) of the town's demo alert."""
    now = timezone.now()
    if municipality.ico == "00994561":  # Horní Dolní
        return "Uzavírka Masarykova náměstí od 1. do 15. 12.", {
            "level": AlertLevel.WARNING,
            "message": "<p>Kvůli montáži vánočního osvětlení a trhů bude Masarykovo náměstí "
            "uzavřeno pro auta. Autobusy linky 640 zastavují u pošty.</p>",
            "link_url": "https://www.idos.cz/",
            "link_label": "Jízdní řády na IDOS",
            "starts_at": now - timedelta(days=1),
            "ends_at": _square_closure(),
            "dismissal": Dismissal.DAYS_7,
        }
    if municipality.ico == "00997897":  # Praha 99
        return "Havárie vodovodu v ulici Sluneční", {
            "level": AlertLevel.EMERGENCY,
            "message": "<p>Domy č. p. 1200–1260 jsou bez vody. Cisterna s pitnou vodou stojí "
            "před Komunitním centrem Sluneční. Pracujeme na opravě.</p>",
            "starts_at": now - timedelta(hours=2),
            "ends_at": now + timedelta(days=10),
            "dismissal": Dismissal.NEVER,
        }
    return "Úřad bude v pátek uzavřen", {
        "level": AlertLevel.INFO,
        "message": "<p>Kvůli školení zaměstnanců bude úřad v pátek uzavřen. Děkujeme za "
        "pochopení.</p>",
        "starts_at": now - timedelta(days=1),
        "ends_at": now + timedelta(days=14),
        "dismissal": Dismissal.FOREVER,
    }


def build_demo(municipality):
    title, fields = demo_alert(municipality)
    alert = Alert.objects.filter(municipality=municipality, title=title).first()
    if alert is None:
        alert = Alert(municipality=municipality, title=title, **fields)
        alert.full_clean()
        alert.save()
        alert.save_revision().publish()
    return alert
