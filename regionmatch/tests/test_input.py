"""Bad input: one clear message per problem (the CLI prints it as its one stderr line)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from regionmatch import InputError, load, parse_document

GOOD: dict[str, Any] = {
    "regions": [{"id": "r1", "cap": 3}],
    "jobs": [
        {"id": "j1", "region": "r1", "capacity": 2, "target": 1, "ranking": ["s2", "s1"]},
        {"id": "j2", "region": "r1", "capacity": 2, "target": 2, "ranking": ["s1"]},
    ],
    "seekers": [{"id": "s1", "ranking": ["j2", "j1"]}, {"id": "s2", "ranking": ["j1"]}],
}


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


CASES = [
    # (mutation of GOOD, words the message must contain); each catches the check it names
    (broken(["jobs", 1, "id"], "j1"), "duplicate job id 'j1'"),
    (broken(["seekers", 1, "id"], "s1"), "duplicate seeker id 's1'"),
    (broken(["regions"], [{"id": "r1", "cap": 3}, {"id": "r1", "cap": 1}]), "duplicate region"),
    (broken(["seekers", 0, "ranking"], ["j2", "j9"]), "seeker 's1' ranks unknown job 'j9'"),
    (broken(["jobs", 0, "ranking"], ["s7"]), "job 'j1' ranks unknown seeker 's7'"),
    (broken(["seekers", 0, "ranking"], ["j2", 3]), "ranks unknown job 3"),
    (broken(["seekers", 0, "ranking"], ["j2", "j2"]), "seeker 's1' ranks job 'j2' twice"),
    (broken(["jobs", 0, "target"], 3), "job 'j1' has target 3 above its capacity 2"),
    (broken(["regions", 0, "cap"], 2), "targets of region 'r1' sum to 3, above its cap 2"),
    (broken(["regions", 0, "cap"], -1), "'cap' of region 'r1' is negative"),
    (broken(["jobs", 0, "capacity"], -2), "'capacity' of job 'j1' is negative"),
    (broken(["jobs", 1, "target"], -1), "'target' of job 'j2' is negative"),
    (broken(["regions", 0, "cap"], 2**63 + 5), "'cap' of region 'r1' is above 1000000000"),
    (broken(["jobs", 0, "capacity"], 2**64 - 1), "'capacity' of job 'j1' is above"),
    (broken(["jobs", 0, "capacity"], 2.5), "'capacity' of job 'j1' must be an integer"),
    (broken(["jobs", 0, "capacity"], True), "'capacity' of job 'j1' must be an integer"),
    (broken(["jobs", 0, "region"], KeyError), "missing field 'region' in job 'j1'"),
    (broken(["seekers", 1, "ranking"], KeyError), "missing field 'ranking' in seeker 's2'"),
    (broken(["regions", 0, "cap"], KeyError), "missing field 'cap' in region 'r1'"),
    (broken(["jobs", 0, "id"], KeyError), "missing field 'id' in jobs[0]"),
    (broken(["seekers"], KeyError), "missing field 'seekers' in the input"),
    (broken(["jobs"], {"j1": {}}), "'jobs' of the input must be a list"),
    (broken(["seekers", 0], "s1"), "seekers[0] must be an object"),
]


@pytest.mark.parametrize(("doc", "words"), CASES)
def test_each_problem_has_its_message(doc: dict[str, Any], words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_document(doc)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_invalid_json_is_named() -> None:
    # catches: orjson's exception escaping instead of InputError
    with pytest.raises(InputError, match="^invalid JSON"):
        load(b'{"regions": [')
    with pytest.raises(InputError, match="must be a JSON object"):
        load(b"[1, 2]")


def test_a_job_in_an_unlisted_region_has_no_cap_and_the_good_input_passes() -> None:
    # catches: rejecting an unlisted region as unknown (the contract says: no cap)
    doc = broken(["jobs", 0, "region"], "elsewhere")
    instance = parse_document(doc)
    assert instance.job_region.tolist() == [-1, 0]
    assert parse_document(GOOD).n_seekers == 2


def test_only_mutually_acceptable_pairs_are_kept() -> None:
    # catches: a seeker proposing to a job that does not list them, or the wrong job rank
    instance = parse_document(GOOD)
    s1 = slice(int(instance.pref_ptr[0]), int(instance.pref_ptr[1]))
    s2 = slice(int(instance.pref_ptr[1]), int(instance.pref_ptr[2]))
    assert instance.pref_job[s1].tolist() == [1, 0]  # j2 then j1
    assert instance.pref_rank[s1].tolist() == [0, 1]  # j2 ranks s1 first, j1 second
    assert instance.pref_job[s2].tolist() == [0]
    assert instance.pref_rank[s2].tolist() == [0]
