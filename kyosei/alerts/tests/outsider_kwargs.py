"""Fills the URL parameters of the alerts staff views with org A's objects (outsider test)."""

from django.utils import timezone

from kyosei.alerts.models import Notice
from kyosei.orgs.models import Organisation


def kwargs_for(org: Organisation) -> dict[str, object]:
    now = timezone.now()
    notice = Notice.objects.create(
        organisation=org,
        hazard="local",
        phase="issue",
        template="local.evacuation_order.issue",
        codes=list(org.areas.values_list("code", flat=True)),
        details={"district": {"ja": "佐鳴台"}, "shelter": {"ja": "佐鳴台小学校"}},
        received_at=now,
        created_at=now,
    )
    return {"notice": notice.pk}
