"""Delete the records kept past the deletion of their citizen's account once their retention
period is over (``Retention.KEEP``, radnice.citizens.contract). Safe to run daily."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from radnice.citizens.contract import purge_retained


class Command(BaseCommand):
    help = _(
        "Smaže záznamy zrušených účtů občanů, kterým uplynula doba archivace "
        "(deklarace uchování modulů)."
    )

    def handle(self, *args, **options):
        purged = purge_retained()
        for model, count in sorted(purged.items()):
            self.stdout.write(_("%(model)s: smazáno %(count)s") % {"model": model, "count": count})
        if not purged:
            self.stdout.write(_("Nic ke smazání."))
