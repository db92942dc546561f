"""``{% alerts %}``: the alert banners of the current request.

``{% alerts %}`` renders every active alert, emergency first; ``{% alerts "emergency" %}``
only the emergency ones (for the very top of the page, above the skip link) and
``{% alerts "other" %}`` the rest. The alerts are looked up once per request.
"""

from django import template
from wagtail.models import Page

from ..models import AlertLevel
from ..queries import alerts_for_request

register = template.Library()

GROUPS = {
    "all": lambda alert: True,
    "emergency": lambda alert: alert.level == AlertLevel.EMERGENCY,
    "other": lambda alert: alert.level != AlertLevel.EMERGENCY,
}


@register.inclusion_tag("alerts/alerts.html", takes_context=True)
def alerts(context, group="all"):
    request = context.get("request")
    if request is None:
        return {"alerts": []}
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    if group not in GROUPS:
        raise template.TemplateSyntaxError(
            f"{{% alerts %}} takes one of {', '.join(GROUPS)}, not {group!r}"
        )
    shown = [alert for alert in alerts_for_request(request, page) if GROUPS[group](alert)]
    return {"alerts": shown, "request": request, "emergency": group == "emergency"}
