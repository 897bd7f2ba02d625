# The alerts fixtures (JMA samples, code tables, a local push service) for the ops tests.
from kyosei.alerts.tests.conftest import codes, push_service, samples  # noqa: F401
