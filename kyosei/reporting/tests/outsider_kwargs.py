"""Org A objects for every URL parameter of the reporting staff views (see test_outsiders)."""

from kyosei.orgs.models import Organisation
from kyosei.reporting import services
from kyosei.reporting.tests.conftest import jpeg_with_gps

A_ONLY_TEXT = "A-ONLY-REPORT-TEXT"


def kwargs_for(org: Organisation) -> dict[str, object]:
    services.set_route(actor=None, prefecture="22", category="", organisation=org)
    report, _code = services.file_report(
        category="unpaid_wages",
        text=A_ONLY_TEXT,
        prefecture="22",
        language="my",
        attachments=[services.Upload(name="a.jpg", data=jpeg_with_gps())],
    )
    return {"report_pk": report.pk, "file_pk": report.attachments.get().pk}
