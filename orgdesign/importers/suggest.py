"""Did-you-mean for a manager who matches nobody: close ids only, each with the name and
title of the person it would wire, so that a wrong guess shows before it is taken."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

__all__ = ["ManagerSuggester"]

#: At most this many ids are compared with a manager nobody has, for its did-you-mean.
_SUGGEST_POOL = 2_000


class ManagerSuggester:
    """Did-you-mean for a manager value: only close matches, each shown with the name and
    title of the person it would wire, so a wrong guess is seen before it is taken. The
    candidates are bucketed by length once, so many unknown managers stay linear."""

    def __init__(self, aliases: Mapping[str, str], describe: Callable[[str], str]) -> None:
        """``aliases``: every way a person is named -> their id; ``describe``: a person's
        name and title for the hint."""
        self.by_length: dict[int, list[str]] = {}
        self.by_start: dict[tuple[str, int], list[str]] = {}
        for alias in dict.fromkeys(aliases):
            self.by_length.setdefault(len(alias), []).append(alias)
            self.by_start.setdefault((alias[:1], len(alias)), []).append(alias)
        self.aliases = aliases
        self.describe = describe

    def __call__(self, value: str, own_id: str) -> str:
        sizes = range(len(value) - 2, len(value) + 3)
        buckets = [self.by_length.get(size, ()) for size in sizes]
        if sum(map(len, buckets)) > _SUGGEST_POOL:  # many alike: those that start alike
            buckets = [self.by_start.get((value[:1], size), ()) for size in sizes]
        pool = [alias for bucket in buckets for alias in bucket if self.aliases[alias] != own_id][
            :_SUGGEST_POOL
        ]
        match = difflib.get_close_matches(value, pool, n=1, cutoff=0.8)
        if not match:
            return ""
        who = self.describe(self.aliases[match[0]])
        return f"; did you mean '{match[0]}'" + (f" ({who})" if who else "") + "?"
