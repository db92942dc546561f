"""Keep the cache of known hostnames fresh when sites change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .hosts import forget_known_hosts


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(**kwargs):
    forget_known_hosts()
