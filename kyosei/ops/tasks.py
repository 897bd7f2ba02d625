"""Task wrappers for scheduled jobs whose app has a service but no task."""

from django_tasks import task


@task()
def remind_translators() -> int:
    """`kyosei guide remind-translators` in a task worker. Returns the emails sent."""
    from kyosei.guide import services

    return services.send_translator_reminders().sent
