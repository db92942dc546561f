from datetime import timedelta

import factory
from django.utils import timezone

from radnice.alerts.models import Alert, AlertLevel, AlertPage


class AlertFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Upozornění {n}")
    message = "<p>Krátké sdělení.</p>"
    level = AlertLevel.INFO
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))

    class Meta:
        model = Alert


class AlertPageFactory(factory.django.DjangoModelFactory):
    include_subpages = True

    class Meta:
        model = AlertPage
