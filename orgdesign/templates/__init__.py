"""Starter org files for ``orgdesign init``: one per company stage, commented and lint-clean.

Each template describes a plausible B2B marketing organisation at its stage with every
section of the format filled in, and lints with no findings under the default
configuration, so the first finding a user sees comes from their own edits.

Examples:
    >>> import orgdesign as od
    >>> from orgdesign.templates import TEMPLATES, template
    >>> TEMPLATES
    ('seed', 'series-a', 'scale-up')
    >>> org = od.loads(template("series-a", org_name="Acme Cloud"))
    >>> org.name, org.stage
    ('Acme Cloud', 'series-a')
    >>> od.lint(org).findings
    ()
"""

from __future__ import annotations

import shlex
from importlib import resources

from orgdesign.errors import one_line
from orgdesign.loader import yaml_scalar

__all__ = ["TEMPLATES", "template"]

#: Template names, smallest company first.
TEMPLATES = ("seed", "series-a", "scale-up")

#: The ``org.name`` line every template carries, replaced by ``org_name``.
_NAME_LINE = "  name: Example Co\n"
#: How the header comments refer to the file, replaced by ``file_name``.
_FILE_TOKEN = "THIS-FILE"


def template(name: str, *, org_name: str | None = None, file_name: str | None = None) -> str:
    """The text of the starter file ``name`` (one of `TEMPLATES`).

    ``org_name`` replaces the placeholder company name; ``file_name`` is written into the
    commands the header comment suggests.

    Raises:
        ValueError: for an unknown template, or an empty ``org_name``.
    """
    if name not in TEMPLATES:
        raise ValueError(f"unknown template {name!r}; choose from {', '.join(TEMPLATES)}")
    text = resources.files(__name__).joinpath(f"{name}.org.yaml").read_text(encoding="utf-8")
    if org_name is not None:
        if not org_name.strip():
            raise ValueError("the organisation's name must not be empty")
        text = text.replace(_NAME_LINE, f"  name: {yaml_scalar(org_name)}\n", 1)
    if file_name is not None:
        # Written into comments: a line break in the name would end the comment.
        text = text.replace(_FILE_TOKEN, one_line(shlex.quote(file_name)))
    return text
