from typing import Any

import pytest

# The alerts fixtures (JMA samples, code tables, a local push service) for the ops tests.
from kyosei.alerts.tests.conftest import codes, push_service, samples  # noqa: F401


@pytest.fixture(autouse=True)
def _languages_after_a_flush(request: Any) -> None:
    """The ops tests that start real processes are transactional: the flush after each would
    take the migration-loaded languages with it, and the next test's pages answer 500 (the
    smoke test's /en/ did, after the others). Reload them around every such test."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("languages_survive_the_flush")
