"""zairyu: deadlines of a status of residence in Japan, from dated rules (framework-free).

Rules, fees and statuses are data in `zairyu/data/` with their effective dates, legal basis and
the official page they come from; periods follow the Civil Code (民法 140条, 143条).
"""

from .data import Fee, Rule, Status, available_languages, fee_on, rules, statuses
from .errors import ZairyuInputError
from .inputs import Case, Event, Period, parse_case
from .timeline import Deadline, Timeline, Warning, build_timeline

__all__ = [
    "Case",
    "Deadline",
    "Event",
    "Fee",
    "Period",
    "Rule",
    "Status",
    "Timeline",
    "Warning",
    "ZairyuInputError",
    "available_languages",
    "build_timeline",
    "fee_on",
    "parse_case",
    "rules",
    "statuses",
]
