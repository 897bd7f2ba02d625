"""Pause the cyclic garbage collector while building large acyclic structures.

A 1 MB document creates hundreds of thousands of token tuples; each allocation burst
triggers generational collections that rescan them all. Nothing we build has reference
cycles (refcounting frees it), so pausing the collector is safe and removes that overhead.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
