"""Moving taken-down notices to the archive: what happens on the day after the take-down date.

Which notices are archived is derived from the dates, so listings are right at midnight with
or without this code. Archiving records the moment (``archived_at``), writes an entry to the
page history, and from then on the attachments of notices that contain personal data are no
longer served to the public (see ``wagtail_hooks.withhold_personal_data_attachments``).
"""

from django.utils import timezone
from wagtail.log_actions import log

from .models import OfficialNoticePage
from .queries import archived_q, current_q

ARCHIVE_ACTION = "board.archive"
RESTORE_ACTION = "board.restore"


def archive_notices(notices, on_day):
    """Mark notices of ``notices`` taken down before ``on_day``; idempotent.

    Notices whose take-down date has since been moved (or cleared) are current again and
    lose the mark. Returns how many notices were archived and restored.
    """
    now = timezone.now()
    to_archive = list(notices.filter(archived_at__isnull=True).filter(archived_q(on_day)))
    OfficialNoticePage.objects.filter(pk__in=[notice.pk for notice in to_archive]).update(
        archived_at=now
    )
    to_restore = list(notices.filter(archived_at__isnull=False).filter(current_q(on_day)))
    OfficialNoticePage.objects.filter(pk__in=[notice.pk for notice in to_restore]).update(
        archived_at=None
    )
    for notice in to_archive:
        log(instance=notice, action=ARCHIVE_ACTION)
    for notice in to_restore:
        log(instance=notice, action=RESTORE_ACTION)
    return {"archived": len(to_archive), "restored": len(to_restore)}
