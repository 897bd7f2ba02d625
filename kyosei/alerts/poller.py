"""JMA PULL Atom feeds: poll with If-Modified-Since, fetch new entries, ingest them.

JMA publishes short feeds (regular.xml, extra.xml, eqvol.xml: the last ten minutes or so) and
long ones (regular_l.xml …: several days). Poll the short ones about once a minute; after
downtime, poll the long ones once (`--long`) to catch up: already-seen entries and already-
stored telegrams are skipped, so overlap costs nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from kyosei.alerts.models import FeedState
from kyosei.alerts.services import receive_telegram

log = logging.getLogger(__name__)
ATOM = "{http://www.w3.org/2005/Atom}"
SEEN_LIMIT = 5000


@dataclass
class PollResult:
    url: str
    not_modified: bool = False
    entries: int = 0
    new: int = 0
    errors: int = 0


def long_url(url: str) -> str:
    return url[:-4] + "_l.xml" if url.endswith(".xml") and not url.endswith("_l.xml") else url


def entry_links(feed_xml: bytes) -> list[tuple[str, str]]:
    """(entry id, telegram URL) in feed order, oldest first."""
    root = ElementTree.fromstring(feed_xml, forbid_dtd=True)
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        entry_id = (entry.findtext(f"{ATOM}id") or "").strip()
        link = entry.find(f"{ATOM}link")
        href = link.get("href", "") if link is not None else ""
        if entry_id and href:
            found.append((entry_id, href))
    found.reverse()  # feeds list newest first; ingest oldest first so serials arrive in order
    return found


def poll(url: str, *, timeout: float = 15.0) -> PollResult:
    state, _ = FeedState.objects.get_or_create(url=url)
    result = PollResult(url)
    headers = {"User-Agent": "Kyosei alerts poller"}
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = requests.get(url, headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        log.warning("alerts: feed %s unreachable: %s", url, exc)
        state.last_error, state.checked_at = str(exc)[:300], timezone.now()
        state.save(update_fields=["last_error", "checked_at"])
        result.errors = 1
        return result
    if response.status_code == 304:
        result.not_modified = True
        state.checked_at, state.last_error = timezone.now(), ""
        state.save(update_fields=["checked_at", "last_error"])
        return result
    if response.status_code != 200:
        log.warning("alerts: feed %s answered %s", url, response.status_code)
        state.last_error, state.checked_at = f"HTTP {response.status_code}", timezone.now()
        state.save(update_fields=["last_error", "checked_at"])
        result.errors = 1
        return result
    try:
        links = entry_links(response.content)
    except Exception as exc:  # a broken or hostile feed must not stop the poller
        log.error("alerts: feed %s is not valid Atom: %s", url, exc)
        state.last_error, state.checked_at = f"invalid feed: {exc}"[:300], timezone.now()
        state.save(update_fields=["last_error", "checked_at"])
        result.errors = 1
        return result
    seen = list(state.seen)
    seen_set = set(seen)
    result.entries = len(links)
    for entry_id, href in links:
        if entry_id in seen_set:
            continue
        try:
            telegram = requests.get(href, timeout=timeout)
            telegram.raise_for_status()
        except requests.RequestException as exc:
            # Not marked as seen: the next poll tries again.
            log.warning("alerts: cannot fetch %s: %s", href, exc)
            result.errors += 1
            continue
        try:
            # A telegram that cannot be parsed or applied (one over jmaparse.MAX_BYTES too) is
            # stored as REJECTED there, and skipped from now on.
            outcome = receive_telegram(raw=telegram.content, source="feed")
        except OperationalError as exc:
            # Database unavailable: nothing stored; not marked as seen, the next poll retries.
            log.warning("alerts: cannot store %s: %s", href, exc)
            result.errors += 1
            continue
        result.new += int(outcome.created)
        seen.append(entry_id)
        seen_set.add(entry_id)
    state.seen = seen[-SEEN_LIMIT:]
    state.last_modified = response.headers.get("Last-Modified", state.last_modified)
    state.checked_at, state.last_error = timezone.now(), ""
    state.save(update_fields=["seen", "last_modified", "checked_at", "last_error"])
    return result


def poll_all(*, long: bool = False) -> list[PollResult]:
    return [poll(long_url(u) if long else u) for u in settings.JMA_FEED_URLS]
