"""Background work of the reporting channel (queued daily by `kyosei scheduler`)."""

from django_tasks import task

from kyosei.reporting import services


@task()
def delete_expired_reports() -> int:
    """Apply every organisation's retention period. Returns the number of reports deleted."""
    return services.delete_expired()
