"""Helpers for tests: the repository's ``tools/`` scripts, and a click runner for every click."""

from __future__ import annotations

import importlib.util
import inspect
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def load_tool(name: str) -> Any:
    """The module ``tools/<name>.py``."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cli_runner() -> CliRunner:
    """A `CliRunner` whose results keep standard error apart, on click 8.1 as on 8.2 and later.

    click 8.2 always captures the two streams separately and dropped ``mix_stderr``; 8.1,
    the oldest click orgdesign supports, mixes them unless told not to.
    """
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def cpu_seconds() -> float:
    """CPU time used so far by this process and by the child processes it has waited for.

    Tests that bound how long something takes ("refused early", "linear, not quadratic")
    measure this, not the wall clock: a busy machine (CI's two cores, a parallel build)
    stretches wall time several-fold, while the CPU time of the work itself stays put. A
    hang that uses no CPU (a blocking read) is caught by a subprocess ``timeout`` instead.
    """
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
