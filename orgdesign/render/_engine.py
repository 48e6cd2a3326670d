"""Find and run the Graphviz executable that lays charts out."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from orgdesign.errors import OrgDesignError

BUNDLED = "graphviz-pure"


def _bundled() -> str | None:
    """The graphviz-pure executable installed with this Python, found without PATH.

    Notebook kernels often run with the interpreter of a venv whose ``bin`` is not on PATH,
    so look where the package's own record says it put its script, then in this
    interpreter's scripts directory.
    """
    from importlib import metadata  # slow to import; only needed to draw

    try:
        files = metadata.distribution(BUNDLED).files or []
    except metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.name in (BUNDLED, f"{BUNDLED}.exe"):
            path = Path(str(entry.locate())).resolve()
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
    for directory in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        for name in (BUNDLED, f"{BUNDLED}.exe"):
            candidate = Path(directory) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which(BUNDLED)


@functools.cache
def _find(override: str | None) -> str:
    if override:
        found = shutil.which(override) or (override if os.access(override, os.X_OK) else None)
        if found is None:
            raise _error(f"ORGDESIGN_DOT names '{override}', which is not an executable")
        return found
    found = _bundled() or shutil.which("dot")
    if found is None:
        raise _error(
            "no Graphviz renderer found: install orgdesign with its dependencies "
            "(pip install orgdesign brings graphviz-pure), or put Graphviz's dot on PATH"
        )
    return found


def find_executable() -> str:
    """The executable used to lay out charts: ``ORGDESIGN_DOT``, else the bundled
    graphviz-pure, else ``dot`` on PATH."""
    return _find(os.environ.get("ORGDESIGN_DOT") or None)


def _error(message: str) -> OrgDesignError:
    from orgdesign.render import RenderError

    return RenderError(message)


def run_graphviz(dot: str, format: str, timeout: float) -> bytes:
    """Lay out ``dot`` and return the output bytes; errors become RenderError."""
    executable = find_executable()
    try:
        completed = subprocess.run(
            [executable, f"-T{format}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _error(
            f"laying out the chart took longer than {timeout:g} s; draw a smaller part of the "
            "org or raise the timeout"
        ) from None
    except OSError as exc:
        raise _error(f"cannot run {executable}: {exc.strerror}") from None
    if completed.returncode != 0 or not completed.stdout:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else f"exit status {completed.returncode}"
        raise _error(f"{Path(executable).name} failed: {reason}")
    return completed.stdout
