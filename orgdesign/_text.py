"""Small helpers for the words and optional imports the presentation layers share."""

from __future__ import annotations

from typing import Any


def count(number: int, word: str, plural: str | None = None) -> str:
    """``1 gap``, ``2 gaps``, ``3 people`` (with ``plural``)."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def pandas(plain: str) -> Any:
    """The pandas module, or an ImportError that says how to install it and that ``plain``
    (e.g. ``to_dict()``) gives the same data without it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            f"to_dataframe() needs pandas: pip install 'orgdesign[pandas]' ({plain} gives the "
            "same data without it)"
        ) from None
    return pandas
