"""Project configuration: ``[tool.orgdesign]`` in the pyproject.toml nearest to an org file.

The keys are those of an org file's ``lint:`` section (``select``, ``ignore``, ``severity``,
``options``, ``scope``). The project's values are the defaults; a file's ``lint:`` section overrides
them key by key (``severity`` and ``options`` merge per rule), and the command line or the
arguments of `orgdesign.lint` override both.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orgdesign.errors import ConfigError, Location
from orgdesign.model import SCOPES, LintConfig

__all__ = ["KEYS", "find_pyproject", "load_project_config", "merge"]

KEYS = ("select", "ignore", "severity", "options", "scope")


def find_pyproject(start: str | os.PathLike[str]) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.orgdesign]`` table, from ``start`` upwards."""
    path = Path(start).resolve()
    return _nearest(path if path.is_dir() else path.parent)


def _nearest(directory: Path) -> Path | None:
    candidate = directory / "pyproject.toml"
    if candidate.is_file():
        # A pyproject.toml that cannot be read may hold [tool.orgdesign]: linting on with
        # the defaults would be silently wrong, so it is an error, located where it can be.
        tool = _read_toml(candidate).get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError("tool must be a table ([tool.orgdesign])", Location(str(candidate)))
        if "orgdesign" in tool:
            return candidate
    return None if directory.parent == directory else _nearest(directory.parent)


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; a located `ConfigError` when it cannot be read."""
    where = Location(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror or exc}", where) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(
            "the file is not UTF-8, which TOML requires; save it as UTF-8", where
        ) from None
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_AT.search(str(exc))
        if found:
            where = Location(str(path), int(found.group(1)), int(found.group(2)))
        message = _TOML_AT.sub("", str(exc)).strip()
        raise ConfigError(f"invalid TOML: {message}", where) from None


def _strings(value: Any, key: str, where: Location) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"tool.orgdesign.{key} must be a list of rule names", where)


def load_project_config(path: str | os.PathLike[str]) -> LintConfig:
    """Read ``[tool.orgdesign]`` from a pyproject.toml; unknown keys are errors."""
    where = Location(os.fspath(path))
    tool = _read_toml(Path(path)).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool must be a table ([tool.orgdesign])", where)
    table = tool.get("orgdesign", {})
    if not isinstance(table, dict):
        raise ConfigError("tool.orgdesign must be a table", where)
    for key in table:
        if key not in KEYS:
            match = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean '{match[0]}'?" if match else ""
            raise ConfigError(f"unknown key 'tool.orgdesign.{key}'{hint}", where)
    config: dict[str, Any] = {}
    if "select" in table:
        config["select"] = _strings(table["select"], "select", where)
    if "ignore" in table:
        config["ignore"] = _strings(table["ignore"], "ignore", where)
    if "scope" in table:
        if table["scope"] not in SCOPES:
            raise ConfigError(
                f"tool.orgdesign.scope must be one of {', '.join(SCOPES)}, got {table['scope']!r}",
                where,
            )
        config["scope"] = table["scope"]
    for key in ("severity", "options"):
        if key in table:
            value = table[key]
            if not isinstance(value, dict) or (
                key == "options" and not all(isinstance(v, dict) for v in value.values())
            ):
                raise ConfigError(f"tool.orgdesign.{key} must be a table of rules", where)
            config[key] = dict(value)
    locations = dict.fromkeys(("select", "ignore", "scope"), where)
    locations.update({f"severity.{rule}": where for rule in config.get("severity", {})})
    locations.update({f"options.{rule}": where for rule in config.get("options", {})})
    return LintConfig(**config, locations=locations)


def merge(project: LintConfig, file: LintConfig) -> LintConfig:
    """The file's lint section over the project's: per key, severity and options per rule."""
    options: dict[str, Mapping[str, Any]] = {}
    for source in (project.options, file.options):
        for rule, values in source.items():
            options[rule] = {**options.get(rule, {}), **values}
    file_keys = set(file.locations)
    return LintConfig(
        select=file.select if file.select is not None else project.select,
        ignore=file.ignore if "ignore" in file_keys else project.ignore,
        severity={**project.severity, **file.severity},
        options=options,
        scope=file.scope if file.scope is not None else project.scope,
        locations={**project.locations, **file.locations},
    )
