"""The test world: alice (admin, org A), bob (staff, org A), charlie (staff, org B)."""

import socket
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosei.accounts.models import User
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

PASSWORD = "correct horse battery staple 42"


def make_user(username: str) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )


def sign_in_verified(client: Client, user: Any) -> Client:
    """Password and second factor done, as after a real sign-in."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def org_a(db: None) -> Organisation:
    return org_services.create_organisation(
        actor=None,
        slug="org-a",
        name="A市 国際交流センター",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="22",
        jma_codes={"2213001": "浜松市南部"},
    )


@pytest.fixture
def org_b(db: None) -> Organisation:
    return org_services.create_organisation(
        actor=None,
        slug="org-b",
        name="B町 外国人相談窓口",
        kind=Organisation.Kind.MUNICIPALITY,
        prefecture="10",
        jma_codes={"1052400": "大泉町"},
    )


@pytest.fixture
def alice(org_a: Organisation) -> User:
    user = make_user("alice")
    for role in (Role.ORG_ADMIN, Role.AUDITOR, Role.SUPERVISOR):
        org_services.grant_role(actor=None, organisation=org_a, user=user, role=role)
    return user


@pytest.fixture
def bob(org_a: Organisation) -> User:
    user = make_user("bob")
    org_services.grant_role(actor=None, organisation=org_a, user=user, role=Role.COUNTER_STAFF)
    return user


@pytest.fixture
def charlie(org_b: Organisation) -> User:
    user = make_user("charlie")
    for role in (Role.ORG_ADMIN, Role.AUDITOR, Role.COUNTER_STAFF):
        org_services.grant_role(actor=None, organisation=org_b, user=user, role=role)
    return user


@pytest.fixture
def alice_client(alice: User) -> Client:
    return sign_in_verified(Client(), alice)


@pytest.fixture
def bob_client(bob: User) -> Client:
    return sign_in_verified(Client(), bob)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return sign_in_verified(Client(), charlie)


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Language registry and rate-limit counters live in the cache; tests start clean."""
    from django.core.cache import caches

    from kyosei.core.languages import forget_languages

    for alias in caches:
        caches[alias].clear()
    forget_languages()


@pytest.fixture(autouse=True)
def private_media_root(settings: Any, tmp_path: Any) -> Any:
    """Uploads (e.g. encrypted counter attachments) go to a per-test directory, never into
    the developer's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class SmtpInbox:
    """What a real SMTP server on loopback (aiosmtpd) received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        if not isinstance(parsed, EmailMessage):
            return "554 could not parse the message"
        self.messages.append(parsed)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[SmtpInbox]:
    """Django's SMTP backend pointed at an aiosmtpd server on a free loopback port."""
    from aiosmtpd.controller import Controller
    from django.test import override_settings

    inbox = SmtpInbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's readiness check needs a real one)
        probe.bind(("127.0.0.1", 0))
        inbox.port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=inbox.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            DEFAULT_FROM_EMAIL="kyosei@city.example.jp",
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def languages_survive_the_flush(transactional_db: None) -> Iterator[None]:
    """Transactional tests flush tables, including the languages a migration loaded: this
    loads them before the test and again after it, for the tests that follow."""
    from kyosei.core.languages import forget_languages, sync_languages_from_file
    from kyosei.core.models import Language

    sync_languages_from_file(Language)
    forget_languages()
    yield
    # A live server may still be answering the closed page's last request (the service
    # worker fetches pages for offline reading), holding SQLite's write lock for a moment.
    for attempt in range(50):
        try:
            sync_languages_from_file(Language)
            break
        except OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    forget_languages()


@pytest.fixture(autouse=True)
def _languages_after_a_flush(request: Any) -> None:
    """Transactional tests (real processes, row locks, pg_dump) end with a flush that takes the
    migration-loaded languages with it: the next such test would find none (a report in "vi"
    was refused as an unknown language). Reload them around every such test, in every app."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("languages_survive_the_flush")
