from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from kyosei.alerts.areas import forget_names, import_code_tables
from kyosei.alerts.models import Subscription, SubscriptionArea
from kyosei.alerts.tests.servers import PushService, SubscriberKeys
from kyosei.testing_shared import shared_dir


def jma_dir() -> Path:
    return Path(settings.SHARED_DATA_DIR) / "jma"


@pytest.fixture
def samples() -> Path:
    return shared_dir("jma", "samples", what="JMA samples")


@pytest.fixture
def codes(db: None) -> Iterator[None]:
    path = shared_dir("jma", "codes", what="JMA code tables")
    forget_names()
    import_code_tables(path)
    yield
    forget_names()


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService()
    yield service
    service.close()


def make_push_subscription(
    service: PushService,
    *,
    codes: list[str],
    language: str = "en",
    mode: str = "ok",
    **fields: Any,
) -> tuple[Subscription, SubscriberKeys]:
    keys = SubscriberKeys()
    sub = Subscription.objects.create(
        channel=Subscription.Channel.WEBPUSH,
        endpoint=service.endpoint(keys, mode),
        p256dh=keys.p256dh,
        auth=keys.auth,
        language=language,
        confirmed=True,
        **fields,
    )
    SubscriptionArea.objects.bulk_create(
        [SubscriptionArea(subscription=sub, code=c) for c in codes]
    )
    return sub, keys


def sample_bytes(samples: Path, name: str) -> bytes:
    return (samples / name).read_bytes()


def as_real(raw: bytes) -> bytes:
    """A drill sample turned into a real (通常) telegram, for tests that need one."""
    return raw.replace("<Status>訓練</Status>".encode(), "<Status>通常</Status>".encode())


def with_info_type(raw: bytes, info_type: str) -> bytes:
    return raw.replace(
        "<InfoType>発表</InfoType>".encode(), f"<InfoType>{info_type}</InfoType>".encode()
    )


@pytest.fixture(autouse=True)
def forget_first_sent() -> Iterator[None]:
    """delivery remembers per process which notice ids have a first-sent time; a rolled-back
    test on SQLite hands the same id to the next test's notice."""
    from kyosei.alerts import delivery

    delivery._first_sent_known.clear()
    yield
    delivery._first_sent_known.clear()
