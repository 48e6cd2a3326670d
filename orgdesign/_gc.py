"""Pause the cyclic garbage collector while building large acyclic structures.

Loading a 100k-person file allocates millions of small containers; each allocation burst
triggers generation scans that find nothing (the tree has no cycles) and cost several times
the parse itself. Pausing collection for the duration and restoring it afterwards is the
standard remedy; reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
