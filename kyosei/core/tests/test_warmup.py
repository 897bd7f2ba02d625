from __future__ import annotations

import pytest
from django.core.management import get_commands
from django.urls import clear_url_caches, get_resolver
from django.utils import translation

from kyosei.core.languages import registry
from kyosei.core.warmup import warm_up


def test_the_task_worker_is_ours_and_warms_up_first() -> None:
    from kyosei.core.management.commands.db_worker import Command

    assert get_commands()["db_worker"] == "kyosei.core"
    assert "Loads the URL map" in Command.help


@pytest.mark.django_db
def test_warm_up_builds_the_url_map_for_every_language() -> None:
    clear_url_caches()
    assert not get_resolver()._reverse_dict
    warm_up()
    built = set(get_resolver()._reverse_dict)
    expected = set()
    for language in registry().languages:
        with translation.override(language.code):
            expected.add(translation.get_language())  # Django's own form: zh-hans, pt-br
    assert expected <= built
    assert len(registry().languages) >= 16
