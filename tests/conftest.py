"""Hypothesis profiles for this suite.

``deterministic`` (the default, and what CI and the README's test command run): every
property test draws the same examples on every run, from a seed derived from the test's
name, with no example database and no timing checks, so a red run always means a
regression, never a lucky draw or a busy machine. Bugs that exploration found are kept as
``@example``s on the test that found them, so they are tried first on every run.

``explore`` (``HYPOTHESIS_PROFILE=explore pytest``): fresh random examples on each run, with
the example database in ``.hypothesis/`` replaying what failed before; for hunting new bugs
after changing a reader or a rule. What it finds goes in as an ``@example``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Health checks that measure time say more about the machine than about the test.
_TIMING = [HealthCheck.too_slow]

settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_TIMING,
    print_blob=True,
)
settings.register_profile(
    "explore",
    deadline=None,
    suppress_health_check=_TIMING,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))
