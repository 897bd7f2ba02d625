from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from django.core.management import call_command, get_commands
from django.urls import clear_url_caches, get_resolver
from django.utils import translation

from kyosei.core.languages import registry
from kyosei.core.warmup import warm_up


def _built_for_every_language() -> bool:
    built = set(get_resolver()._reverse_dict)
    expected = set()
    for language in registry().languages:
        with translation.override(language.code):
            expected.add(translation.get_language())  # Django's own form: zh-hans, pt-br
    return len(expected) >= 16 and expected <= built


@pytest.fixture
def signal_handlers_kept() -> Iterator[None]:
    """The worker installs its own SIGINT/SIGTERM/SIGQUIT handlers; pytest keeps its own."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    kept = {s: signal.getsignal(s) for s in signals}
    yield
    for s, handler in kept.items():
        signal.signal(s, handler)


@pytest.mark.django_db
def test_warm_up_builds_the_url_map_for_every_language() -> None:
    clear_url_caches()
    assert not get_resolver()._reverse_dict
    warm_up()
    assert _built_for_every_language()


def test_the_task_worker_is_ours_and_warms_up_before_its_first_task(
    languages_survive_the_flush: None, signal_handlers_kept: None
) -> None:
    assert get_commands()["db_worker"] == "kyosei.core"
    clear_url_caches()
    # --batch: the worker finds no task in this queue and exits
    call_command("db_worker", queue_name="no-such-queue", batch=True, startup_delay=False)
    assert _built_for_every_language()
