"""The package is framework-free: only the standard library is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import zairyu, zairyu.cli
third_party = sorted(
    {name.split(".")[0] for name in sys.modules}
    - set(sys.stdlib_module_names)
    - {"zairyu"}
    - {name for name in sys.modules if name.startswith("_")}
)
print(",".join(third_party))
print("django" in sys.modules)
"""


def test_imports_only_the_standard_library() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    ).stdout.splitlines()
    assert out == ["", "False"]


def test_py_typed_marker() -> None:
    assert (PACKAGE / "py.typed").is_file()
