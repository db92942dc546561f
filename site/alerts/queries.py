"""Which alerts a visitor sees: the town's live alerts within their time window, on this page,
not hidden by the visitor, emergency first. A constant number of queries per request."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from municipalities.scope import for_municipality

from .models import LEVEL_ORDER, Alert, AlertPage


def current_alerts(municipality, now=None):
    """The town's published alerts whose time window includes ``now``."""
    if not municipality:
        return Alert.objects.none()
    now = now or timezone.now()
    return for_municipality(Alert.objects.filter(live=True), municipality).filter(
        Q(starts_at__lte=now), Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


def _targets_by_alert(alerts):
    targets = defaultdict(list)
    rows = AlertPage.objects.filter(alert__in=[alert.pk for alert in alerts]).values_list(
        "alert_id", "include_subpages", "page__translation_key"
    )
    for alert_id, include_subpages, translation_key in rows:
        targets[alert_id].append((include_subpages, translation_key))
    return targets


def _shown_on(targets, page, ancestor_keys):
    """Targets match a page or its translations (and, with subpages, anything beneath them)."""
    for include_subpages, translation_key in targets:
        if page is not None and translation_key == page.translation_key:
            return True
        if include_subpages and translation_key in ancestor_keys:
            return True
    return False


def alerts_for_page(municipality, page=None, cookies=None, now=None):
    """Alerts to show on ``page`` (None: a view that is not a page, so site-wide ones only)."""
    cookies = cookies or {}
    alerts = [
        alert for alert in current_alerts(municipality, now) if not alert.is_dismissed_by(cookies)
    ]
    targeted = [alert for alert in alerts if not alert.show_everywhere]
    if targeted:
        targets = _targets_by_alert(targeted)
        ancestor_keys = set()
        if page is not None:
            ancestor_keys = set(
                Page.objects.ancestor_of(page, inclusive=True).values_list(
                    "translation_key", flat=True
                )
            )
        alerts = [
            alert
            for alert in alerts
            if alert.show_everywhere or _shown_on(targets[alert.pk], page, ancestor_keys)
        ]
    return sorted(
        alerts, key=lambda alert: (LEVEL_ORDER.get(alert.level, 9), -alert.starts_at.timestamp())
    )


def alerts_for_request(request, page=None):
    """``alerts_for_page`` for the request's town and cookies, computed once per request."""
    cache = request.__dict__.setdefault("_radnice_alerts", {})
    key = page.pk if page is not None else None
    if key not in cache:
        cache[key] = alerts_for_page(getattr(request, "municipality", None), page, request.COOKIES)
    return cache[key]
