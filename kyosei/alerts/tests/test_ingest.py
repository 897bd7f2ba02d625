"""Ingest: idempotency, ordering, cancellation, drills, bad input."""

from pathlib import Path

import pytest

from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area, Event, Notice, Telegram
from kyosei.alerts.tests.conftest import as_real, sample_bytes, with_info_type

pytestmark = pytest.mark.django_db

MAJOR = "32-39_12_02_250206_VTSE41.xml"  # drill: major tsunami warning incl. 静岡県 (380)
UPDATE = "32-39_12_07_250206_VTSE41.xml"  # the same drill event, later
LIFTED = "32-39_12_13_250206_VTSE41.xml"  # the same drill event: warnings lifted
REAL_ADVISORY = "32-39_11_02_250206_VTSE41.xml"  # real: tsunami advisory for 静岡県


def test_import_codes_links_hamamatsu_to_its_subdivision_and_tsunami_area(codes: None) -> None:
    south = Area.objects.get(kind=Area.Kind.MUNICIPALITY, code="2213001")
    assert (south.name, south.kana) == ("浜松市南部", "はままつしなんぶ")
    assert south.subdivision_code == "443"  # 静岡県西部, via the parent city
    assert south.forecast_area_code == "220042"
    assert (south.tsunami_area_code, south.tsunami_area_codes) == ("", ["380"])  # 静岡県
    assert Area.objects.get(kind=Area.Kind.TSUNAMI, code="380").name == "静岡県"
    assert Area.objects.filter(kind=Area.Kind.MUNICIPALITY).count() > 1900


def test_import_codes_is_idempotent_and_keeps_an_admin_tsunami_area(codes: None) -> None:
    from kyosei.alerts.areas import import_code_tables
    from kyosei.alerts.tests.conftest import jma_dir

    Area.objects.filter(code="1052400").update(tsunami_area_code="999")
    before = Area.objects.count()
    import_code_tables(jma_dir() / "codes")
    assert Area.objects.count() == before
    assert Area.objects.get(code="1052400").tsunami_area_code == "999"


def test_the_same_telegram_twice_is_one_telegram_and_one_notice(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, MAJOR)
    first = ingest(raw, source="feed")
    second = ingest(raw, source="push")
    assert first.created and not second.created
    assert second.telegram.pk == first.telegram.pk
    # the same telegram re-encoded (other bytes, same identity) is still the same telegram
    third = ingest(raw.replace(b"\n", b"\r\n"), source="replay")
    assert not third.created
    assert Telegram.objects.count() == 1
    assert Notice.objects.count() == len(first.notices) >= 1


def test_major_warning_targets_the_coastal_municipalities_as_a_drill(
    codes: None, samples: Path
) -> None:
    result = ingest(sample_bytes(samples, MAJOR), source="feed")
    warnings = [n for n in result.notices if n.template == "tsunami_warning.issue"]
    assert all(n.is_drill for n in warnings)
    told = {code for n in warnings for code in n.codes}
    assert {"2213001", "2222100"} <= told  # Hamamatsu south, Kosai
    assert "1052400" not in told  # Oizumi is inland
    (shizuoka,) = [n for n in warnings if "2213001" in n.codes]
    assert shizuoka.details["category"] == "major_warning"


def test_update_then_lifting_have_their_own_phases(codes: None, samples: Path) -> None:
    ingest(sample_bytes(samples, MAJOR), source="feed")
    update = ingest(sample_bytes(samples, UPDATE), source="feed")
    assert {n.phase for n in update.notices} == {"update"}
    lifted = ingest(sample_bytes(samples, LIFTED), source="feed")
    assert "lifting" in {n.phase for n in lifted.notices}
    lifting = next(n for n in lifted.notices if n.phase == "lifting")
    assert "2213001" in lifting.codes


def test_an_older_telegram_arriving_late_is_stale_and_sends_nothing(
    codes: None, samples: Path
) -> None:
    ingest(sample_bytes(samples, UPDATE), source="feed")
    late = ingest(sample_bytes(samples, MAJOR), source="feed")
    assert late.telegram.outcome == Telegram.Outcome.STALE
    assert late.notices == []


def test_a_cancellation_reaches_everyone_told_and_voids_the_event(
    codes: None, samples: Path
) -> None:
    raw = as_real(sample_bytes(samples, REAL_ADVISORY))
    issued = ingest(raw, source="feed")
    told = set().union(*(set(n.codes) for n in issued.notices))
    assert "2213001" in told
    cancel = with_info_type(raw, "取消").replace(b"<ReportDateTime>", b"<ReportDateTime>", 1)
    # a 取消 is a later telegram of the same event
    cancel = cancel.replace(b"2011-03-11T14:49:00+09:00", b"2011-03-11T14:59:00+09:00")
    result = ingest(cancel, source="feed")
    assert [n.phase for n in result.notices] == ["cancellation"]
    assert set(result.notices[0].codes) == told
    assert Event.objects.get(pk=result.telegram.event_id or 0).is_cancelled
    # anything for the event arriving after the cancellation is void
    later = raw.replace(b"2011-03-11T14:49:00+09:00", b"2011-03-11T15:09:00+09:00")
    assert ingest(later, source="feed").telegram.outcome == Telegram.Outcome.VOID


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"<not xml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>',
        b"<Report xmlns='urn:unknown'><x/></Report>",
        b"<?xml version='1.0' encoding='bogus'?><a/>",
    ],
)
def test_malformed_or_hostile_xml_is_stored_as_rejected_and_sends_nothing(raw: bytes) -> None:
    result = ingest(raw, source="push")
    assert result.telegram.outcome == Telegram.Outcome.REJECTED
    assert result.telegram.error
    assert result.notices == []
    assert ingest(raw, source="push").created is False


def test_unknown_area_codes_do_not_break_ingest(samples: Path, db: None) -> None:
    # No code tables imported: every area is unknown, nothing is targeted, nothing fails.
    result = ingest(sample_bytes(samples, MAJOR), source="feed")
    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert result.notices == []


def test_ignored_types_are_stored_without_notices(samples: Path, db: None) -> None:
    result = ingest(sample_bytes(samples, "32-35_09_01_191111_VXSE56.xml"), source="feed")
    assert result.telegram.outcome == Telegram.Outcome.IGNORED


def test_earthquake_intensity_per_municipality(codes: None, samples: Path) -> None:
    result = ingest(sample_bytes(samples, "32-35_08_07_240613_VXSE53.xml"), source="feed")
    (notice,) = result.notices
    assert notice.hazard == "earthquake"
    assert notice.intensity_by_code["0321000"] == 4  # 陸前高田市 intensity 4
    assert notice.details["epicentre"] == ["286", "岩手県沖"]


def test_every_sample_ingests_and_renders_without_error(codes: None, samples: Path) -> None:
    from kyosei.alerts.render import render

    rendered = 0
    for path in sorted(samples.glob("*.xml")):
        result = ingest(path.read_bytes(), source="replay")
        assert result.telegram.outcome != Telegram.Outcome.REJECTED, path.name
        for notice in result.notices:
            for lang in ("ja", "ja-x-easy", "en", "ne", "ko", "zh-Hans"):
                message = render(notice, lang)
                assert message.title and message.body and "%(" not in message.title + message.body
                rendered += 1
    assert rendered > 100


def test_admin_edits_the_tsunami_area_and_it_is_audited(codes: None) -> None:
    from django.contrib import admin
    from django.test import RequestFactory

    from kyosei.alerts.admin import AreaAdmin
    from kyosei.audit.models import AuditEvent
    from kyosei.conftest import make_user

    area = Area.objects.get(kind=Area.Kind.MUNICIPALITY, code="1052400")
    area.tsunami_area_code = "380"
    request = RequestFactory().post("/admin/")
    request.user = make_user("root")
    AreaAdmin(Area, admin.site).save_model(request, area, None, True)
    assert Area.objects.get(pk=area.pk).tsunami_area_code == "380"
    assert AuditEvent.objects.filter(action="alerts.area.update").exists()


def test_nankai_trough_extra_information_targets_the_promotion_area(
    codes: None, samples: Path
) -> None:
    from kyosei.alerts.render import render

    warning = ingest(sample_bytes(samples, "74_01_04_200512_VYSE50.xml"), source="feed")
    (notice,) = warning.notices
    assert (notice.template, notice.hazard, notice.severity) == ("nankai.issue", "earthquake", 4)
    assert "2213001" in notice.codes and "1052400" not in notice.codes  # Gunma is outside
    en = render(notice, "en")
    assert en.title == "Nankai Trough earthquake extra information: megaquake warning"
    assert render(notice, "ja").title == "南海トラフ地震臨時情報（巨大地震警戒）"
    ended = ingest(sample_bytes(samples, "74_01_07_200512_VYSE50.xml"), source="feed")
    assert [n.template for n in ended.notices] == ["nankai.lifting"]
