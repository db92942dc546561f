"""Public URLs of alerts, included once (outside ``i18n_patterns``) in the project's urls."""

from django.urls import path

from .views import dismiss_alert

urlpatterns = [
    path("_upozorneni/<int:pk>/skryt/", dismiss_alert, name="alert_dismiss"),
]
