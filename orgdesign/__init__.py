"""orgdesign: lint B2B marketing organisation design the way ruff lints code.

>>> import orgdesign as od
>>> org = od.loads("version: 1\\npeople:\\n  - {id: cmo, title: CMO}\\n")
>>> od.lint(org).findings
()
"""

from __future__ import annotations

# ``lint``, ``render``, ``stats`` and ``diff`` are both functions here and submodules:
# importing the functions eagerly binds the names to them for good (a later submodule import
# does not rebind).
# networkx, the slow import, is only loaded when a graph is first built.
from orgdesign._version import __version__
from orgdesign.compare import Comparison, compare
from orgdesign.diff import OrgDiff, diff
from orgdesign.errors import ConfigError, LoadError, Location, OrgDesignError, ReferenceError_
from orgdesign.importers import import_org, import_sources
from orgdesign.lint import Report, lint
from orgdesign.loader import Limits, dump, from_dict, load, loads
from orgdesign.model import Org
from orgdesign.render import Chart, OwnershipMatrix, RenderError, ownership_matrix, render
from orgdesign.rules import Finding, Rule, all_rules
from orgdesign.stats import Stats, stats

__all__ = [
    "Chart",
    "Comparison",
    "ConfigError",
    "Finding",
    "Limits",
    "LoadError",
    "Location",
    "Org",
    "OrgDesignError",
    "OrgDiff",
    "OwnershipMatrix",
    "ReferenceError_",
    "RenderError",
    "Report",
    "Rule",
    "Stats",
    "__version__",
    "compare",
    "diff",
    "dump",
    "from_dict",
    "import_org",
    "import_sources",
    "lint",
    "load",
    "loads",
    "ownership_matrix",
    "render",
    "rules",
    "stats",
]


def rules() -> tuple[Rule, ...]:
    """Every registered rule, by code (each with ``.slug .code .family .severity .doc``)."""
    return all_rules()
