"""Operations state shared by every machine: leases (one active poller, one active scheduler)
and the last run of each scheduled job."""

from django.db import models


class Lease(models.Model):
    """Who holds a singleton role until when. Times are the database's clock, never a
    machine's, so machines with skewed clocks agree on expiry."""

    name = models.CharField(max_length=60, primary_key=True)
    holder = models.CharField(max_length=200)
    # Increases at every change of holder: a holder that lost the lease can tell.
    generation = models.PositiveBigIntegerField(default=0)
    acquired_at = models.DateTimeField()
    renewed_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder}"


class JobRun(models.Model):
    """The scheduler's memory: when a job last ran, so a restart neither repeats a daily job
    nor forgets one missed while it was down."""

    name = models.CharField(max_length=60, primary_key=True)
    last_due_at = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.name
