"""CAP 1.2 (OASIS Common Alerting Protocol) documents and an Atom feed per language and area.

One CAP <alert> per notice and language; updates and cancellations reference the earlier
notices of the same JMA event (msgType Update/Cancel with <references>). Area codes are JMA
7-digit municipality codes (geocode valueName "JMA-municipality").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET  # noqa: S405  # we only build and serialise, never parse

from django.conf import settings
from django.utils import timezone

from kyosei.alerts.areas import area_name
from kyosei.alerts.models import Notice
from kyosei.alerts.render import render

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
ATOM_NS = "http://www.w3.org/2005/Atom"
CATEGORY = {
    "tsunami": "Geo",
    "earthquake": "Geo",
    "eew": "Geo",
    "volcano": "Geo",
    "weather": "Met",
    "local": "Safety",
}
SEVERITY = {4: "Extreme", 3: "Severe", 2: "Moderate", 1: "Minor", 0: "Minor"}
MSG_TYPE = {
    "issue": "Alert",
    "update": "Update",
    "correction": "Update",
    "cancellation": "Cancel",
    "lifting": "Update",
}


def _sender(base: str) -> str:
    return f"kyosei@{urlsplit(base or settings.SITE_URL).hostname or 'localhost'}"


def identifier(notice: Notice, base: str) -> str:
    return f"urn:kyosei:{urlsplit(base or settings.SITE_URL).hostname or 'localhost'}:{notice.pk}"


def _iso(value: datetime) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _severity(notice: Notice) -> str:
    if notice.hazard == "earthquake" or notice.hazard == "eew":
        return "Severe" if notice.severity >= 5 else "Moderate"
    return SEVERITY.get(min(notice.severity, 4), "Moderate")


def cap_element(notice: Notice, language: str, base: str) -> ET.Element:
    message = render(notice, language)
    alert = ET.Element(f"{{{CAP_NS}}}alert")

    def sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{CAP_NS}}}{tag}")
        element.text = text
        return element

    sub(alert, "identifier", identifier(notice, base))
    sub(alert, "sender", _sender(base))
    sub(alert, "sent", _iso(notice.created_at))
    sub(alert, "status", "Exercise" if notice.is_drill else "Actual")
    sub(alert, "msgType", MSG_TYPE.get(notice.phase, "Alert"))
    sub(alert, "scope", "Public")
    if notice.phase != "issue" and notice.event_id:
        earlier = Notice.objects.filter(event_id=notice.event_id, created_at__lt=notice.created_at)
        refs = " ".join(
            f"{_sender(base)},{identifier(n, base)},{_iso(n.created_at)}" for n in earlier
        )
        if refs:
            sub(alert, "references", refs)
    info = sub(alert, "info", "")
    info.text = None
    sub(info, "language", message.text_lang)
    sub(info, "category", CATEGORY.get(notice.hazard, "Other"))
    sub(info, "event", str(notice.get_hazard_display()))
    if notice.phase in {"cancellation", "lifting"}:
        sub(info, "responseType", "AllClear")
    sub(info, "urgency", "Immediate" if notice.phase not in {"cancellation", "lifting"} else "Past")
    sub(
        info,
        "severity",
        _severity(notice) if notice.phase not in {"cancellation", "lifting"} else "Minor",
    )
    sub(info, "certainty", "Observed")
    if notice.expires_at:
        sub(info, "expires", _iso(notice.expires_at))
    else:
        sub(info, "expires", _iso(notice.created_at + timedelta(hours=24)))
    sub(
        info,
        "senderName",
        "Kyosei (出典：気象庁)" if notice.organisation is None else str(notice.organisation),
    )
    sub(info, "headline", message.title)
    sub(info, "description", message.body)
    sub(info, "instruction", message.action)
    sub(info, "web", f"{base}/{language}/alerts/{notice.pk}/")
    area = sub(info, "area", "")
    area.text = None
    names = [area_name("municipality", c, language, fallback=c) for c in notice.codes[:20]]
    sub(area, "areaDesc", ", ".join(names) + (" …" if len(notice.codes) > 20 else ""))
    for code in notice.codes:
        geocode = sub(area, "geocode", "")
        geocode.text = None
        sub(geocode, "valueName", "JMA-municipality")
        sub(geocode, "value", code)
    return alert


def cap_xml(notice: Notice, language: str, *, base: str) -> bytes:
    ET.register_namespace("", CAP_NS)
    return bytes(
        ET.tostring(cap_element(notice, language, base), encoding="utf-8", xml_declaration=True)
    )


def atom_feed(language: str, *, area: str | None, base: str, hours: int = 48) -> bytes:
    """Atom feed of the last `hours` of real notices, each entry carrying its CAP alert."""
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("cap", CAP_NS)
    since = timezone.now() - timedelta(hours=hours)
    notices = [
        n
        for n in Notice.objects.filter(created_at__gte=since, is_drill=False)
        .select_related("event", "organisation")
        .order_by("-created_at")[:200]
        if area is None or area in n.codes
    ][:50]
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        element.text = text
        return element

    query = f"?area={area}" if area else ""
    sub(feed, "id", f"{base}/alerts/cap/{language}.atom{query}")
    sub(feed, "title", f"Kyosei alerts ({language}{', ' + area if area else ''})")
    sub(feed, "updated", _iso(notices[0].created_at if notices else timezone.now()))
    sub(feed, "link", rel="self", href=f"{base}/alerts/cap/{language}.atom{query}")
    author = sub(feed, "author")
    sub(author, "name", "Kyosei")
    sub(feed, "rights", "出典：気象庁 (Japan Meteorological Agency) / Kyosei")
    for notice in notices:
        cap_alert = cap_element(notice, language, base)
        entry = sub(feed, "entry")
        sub(entry, "id", identifier(notice, base) + f":{language}")
        headline = cap_alert.find(f".//{{{CAP_NS}}}headline")
        sub(entry, "title", headline.text if headline is not None else "")
        sub(entry, "updated", _iso(notice.created_at))
        sub(
            entry,
            "link",
            rel="alternate",
            type="application/cap+xml",
            href=f"{base}/alerts/cap/{notice.pk}/{language}.xml",
        )
        content = sub(entry, "content", type="application/cap+xml")
        content.append(cap_alert)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
