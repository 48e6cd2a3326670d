"""The exceptions orgdesign raises: every one a subclass of OrgDesignError."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ConfigError",
    "LoadError",
    "Location",
    "OrgDesignError",
    "Problem",
    "ReferenceError_",
    "one_line",
]


_LINE_BREAKS = str.maketrans(
    {"\n": "\\n", "\r": "\\r", "\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def one_line(text: str) -> str:
    """Text with its line breaks written as escapes (``\\n``), as YAML's double quotes show
    them, so that a value holding a newline can never forge a second ``file:line:col:``
    line in a message.

    >>> one_line("cmo\\nevil.yaml:1:1: fake")
    'cmo\\\\nevil.yaml:1:1: fake'
    """
    return text.translate(_LINE_BREAKS)


@attrs.frozen
class Location:
    """A place in a source file: 1-based line and column; ``line`` is 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        file = one_line(self.file)
        if self.line <= 0:
            return file
        return f"{file}:{self.line}:{self.column}"


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where."""

    location: Location
    message: str = attrs.field(converter=one_line)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class OrgDesignError(Exception):
    """The base of every error orgdesign raises on purpose."""


class LoadError(OrgDesignError):
    """A file (or dict) that is not a valid org; carries every problem found, in file order.

    ``str(error)`` is one ``file:line:col: message`` line per problem; ``error.location``
    is the location of the first problem.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("LoadError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def location(self) -> Location:
        return self.problems[0].location

    @property
    def message(self) -> str:
        return self.problems[0].message


class ReferenceError_(LoadError):
    """A LoadError whose every problem is a reference to an unknown id or one of the wrong kind."""


class ConfigError(OrgDesignError):
    """Lint configuration that names an unknown rule, option or severity, or a bad value."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location
        self.message = message = one_line(message)
        #: Every error this one stands for (itself, or all those `combine` joined), in order.
        self.errors: tuple[ConfigError, ...] = (self,)
        super().__init__(f"{location}: {message}" if location is not None else message)

    @classmethod
    def combine(cls, errors: Iterable[ConfigError]) -> ConfigError:
        """One error for several, so that a run reports every bad option at once; its
        message and location are the first one's, ``str()`` holds one line each."""
        found = [single for error in errors for single in error.errors]
        first = found[0]
        combined = cls(first.message, first.location)
        combined.errors = tuple(found)
        combined.args = ("\n".join(str(error.args[0]) for error in found),)
        return combined
