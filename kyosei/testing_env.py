"""pytest plugin (loaded with -p before Django starts): test-mode settings from the environment."""

import os

os.environ.setdefault("KYOSEI_TESTING", "1")
