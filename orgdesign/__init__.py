"""orgdesign: lint B2B marketing organisation design the way ruff lints code.

>>> import orgdesign as od
>>> org = od.loads("version: 1\\npeople:\\n  - {id: cmo, title: CMO}\\n")
>>> od.lint(org).findings
()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from orgdesign.errors import ConfigError, LoadError, Location, OrgDesignError, ReferenceError_
from orgdesign.lint import Report, lint
from orgdesign.loader import dump, from_dict, load, loads
from orgdesign.model import Org
from orgdesign.rules import Finding, Rule

if TYPE_CHECKING:
    from orgdesign.render import Chart

__version__ = "0.1.0"

__all__ = [
    "Chart",
    "ConfigError",
    "Finding",
    "LoadError",
    "Location",
    "Org",
    "OrgDesignError",
    "ReferenceError_",
    "Report",
    "Rule",
    "__version__",
    "dump",
    "from_dict",
    "lint",
    "load",
    "loads",
    "render",
    "rules",
]


def rules() -> tuple[Rule, ...]:
    """Every registered rule, by code (each with ``.slug .code .family .severity .doc``)."""
    from orgdesign.rules import all_rules

    return all_rules()


def render(org: Org, **options: Any) -> Chart:
    """Draw the org chart; see :func:`orgdesign.render.render` for the options."""
    from orgdesign.render import render as _render

    return _render(org, **options)


def __getattr__(name: str) -> Any:
    if name == "Chart":
        from orgdesign.render import Chart

        return Chart
    raise AttributeError(f"module 'orgdesign' has no attribute {name!r}")
