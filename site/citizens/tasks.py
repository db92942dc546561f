"""Background work of citizens' accounts."""

from celery import shared_task


@shared_task(name="radnice.citizens.purge_retained_records")
def purge_retained_records():
    """Delete the records kept after accounts' deletion whose retention period is over
    (radnice.citizens.contract.purge_retained; scheduled daily). Safe to run twice."""
    from .contract import purge_retained

    return purge_retained()
