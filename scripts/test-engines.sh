#!/usr/bin/env bash
# Proves the framework-free engines install and pass their tests in a venv without Django.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-engines
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
"$VENV/bin/pip" install --quiet -r scripts/engines-requirements.txt
if "$VENV/bin/python" -c "import django" 2>/dev/null; then
  echo "Django is installed in $VENV: the engine test would prove nothing." >&2
  exit 1
fi
"$VENV/bin/python" -m pytest -p no:django -p no:cacheprovider -o addopts="" -q yasashii/tests jmaparse/tests zairyu/tests regionmatch/tests
