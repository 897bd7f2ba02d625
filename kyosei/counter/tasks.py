"""Background work of the counter (Django's Tasks API through django-tasks).

Neither job runs itself on a schedule: operators enqueue them daily from cron or a systemd
timer with `kyosei counter remind --enqueue` and `kyosei counter anonymise --enqueue`, and the
task worker (`kyosei db_worker`) runs them.
"""

from django_tasks import task

from kyosei.counter import services


@task()
def send_task_reminders() -> int:
    """Email assignees about follow-up tasks due by tomorrow. Returns the number of emails."""
    return services.send_task_reminders()


@task()
def anonymise_expired_clients() -> int:
    """Apply every organisation's retention policy. Returns the number of clients anonymised."""
    return services.anonymise_expired().clients
