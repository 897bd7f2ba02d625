"""The package is framework-free: only the standard library and defusedxml are imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import jmaparse, jmaparse.codes, jmaparse.parse, jmaparse.model
third_party = sorted(
    {name.split(".")[0] for name in sys.modules}
    - set(sys.stdlib_module_names)
    - {"jmaparse", "defusedxml"}
    - {name for name in sys.modules if name.startswith("_")}  # site hooks, editable finders
)
print(",".join(third_party))
print("django" in sys.modules)
"""


def test_imports_only_stdlib_and_defusedxml() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    ).stdout.splitlines()
    assert out == ["", "False"]


def test_no_django_and_no_stdlib_xml_parsing_in_sources() -> None:
    sources = [p for p in PACKAGE.rglob("*.py") if p.parent.name != "tests"]
    assert len(sources) >= 6
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
        for line in text.splitlines():
            is_import = line.startswith(("import ", "from "))
            if is_import and ("xml.etree" in line or "xml.dom" in line or "xml.sax" in line):
                # only the Element type comes from the stdlib; parsing goes through defusedxml
                assert line.startswith("from xml.etree.ElementTree import Element  # noqa"), line


def test_py_typed_marker() -> None:
    assert (PACKAGE / "py.typed").is_file()
