"""Read org files into the model, straight from libyaml's event stream, and write them back.

The loader never runs PyYAML's constructor or implicit resolver: every scalar stays text
until the format says the key holds a number or a boolean. That is the fast path, and it ends
the YAML 1.1 surprises by construction (``id: no`` is the id "no", ``2024-01-02`` is text).
Aliases and merge keys are refused, nesting depth is bounded while events arrive, and every
problem is collected with its ``file:line:col`` so a file's mistakes are reported together.
"""

from __future__ import annotations

import array
import contextlib
import difflib
import json
import math
import numbers
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, pairwise
from typing import Any, NamedTuple

import attrs
import yaml

from orgdesign._gc import paused_gc
from orgdesign.errors import LoadError, Location, Problem, ReferenceError_
from orgdesign.model import (
    ID_PATTERN,
    SCOPES,
    SECTIONS,
    SEVERITIES,
    FieldSpec,
    LintConfig,
    Org,
    Owners,
    Suppression,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "UNSAFE_CHARACTERS",
    "Limits",
    "dump",
    "fields_as_written",
    "from_dict",
    "load",
    "loads",
    "read_bounded",
    "read_input",
    "yaml_scalar",
]

#: Deepest nesting of mappings and sequences accepted; format v1 needs about six.
MAX_DEPTH = 32
#: Problems reported for one file before the loader stops looking.
MAX_PROBLEMS = 50
#: Largest input accepted, in bytes.
MAX_SIZE = 50 * 1024 * 1024


@attrs.frozen(kw_only=True)
class Limits:
    """The most one input may hold; anything over a limit is refused with a located message.

    Aliases (``*a``) and merge keys (``<<``) are always refused: org files never need them,
    and they are how a few hundred bytes of YAML expand into gigabytes.
    """

    #: Size of the input in bytes.
    max_bytes: int = attrs.field(default=MAX_SIZE, validator=attrs.validators.ge(1))
    #: Nesting of mappings and lists (format v1 needs about six).
    #: At most 512: libyaml refuses nesting past 1,000 levels on its own, and the loader's limit
    #: must be the one that is met first.
    max_depth: int = attrs.field(
        default=MAX_DEPTH, validator=[attrs.validators.ge(4), attrs.validators.le(512)]
    )
    #: Characters in one value.
    max_string: int = attrs.field(default=65_536, validator=attrs.validators.ge(1))
    #: People, teams, functions and all other entities together: 500,000, or 10,000 per MB
    #: of ``max_bytes`` when that is larger, so raising the size limit (``--max-size``)
    #: raises the count limits with it.
    max_entities: int = attrs.field(
        default=attrs.Factory(lambda self: _scaled(self.max_bytes, 10_000), takes_self=True),
        validator=attrs.validators.ge(1),
    )
    #: Items in one list or mapping (a section holds at most ``max_entities`` anyway).
    max_items: int = attrs.field(
        default=attrs.Factory(lambda self: _scaled(self.max_bytes, 10_000), takes_self=True),
        validator=attrs.validators.ge(1),
    )
    #: Values, lists and mappings in the whole input: about 30 per entity in real files;
    #: 15,000,000, or 300,000 per MB of ``max_bytes`` when that is larger.
    max_nodes: int = attrs.field(
        default=attrs.Factory(lambda self: _scaled(self.max_bytes, 300_000), takes_self=True),
        validator=attrs.validators.ge(1),
    )


def _scaled(max_bytes: int, per_mb: int) -> int:
    """A count limit for an input of up to ``max_bytes``: at least the default's."""
    return max(per_mb * MAX_SIZE // (1024 * 1024), per_mb * max_bytes // (1024 * 1024))


DEFAULT_LIMITS = Limits()

_ID_RE = re.compile(ID_PATTERN)
# Characters that may not appear anywhere: C0/C1 controls but tab and line breaks, the
# bidirectional embeddings, overrides and isolates, lone surrogates and non-characters.
_RAW_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufeff\ufffe\uffff]"
)
#: Characters never allowed in a value: C0/C1 controls but tab and newline, bidirectional
#: embeddings, overrides and isolates, lone surrogates, BOM and non-characters. (Inside a
#: value a carriage return counts as a control character too.)
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufeff\ufffe\uffff]"
)
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_INT_RE = re.compile(r"[-+]?[0-9]+")
#: Longest number read; far past any value the format bounds, and short of Python's limit
#: on parsing integers (4,300 digits).
_MAX_DIGITS = 100
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_TOP_KEYS = ("version", "org", *SECTIONS, "lint")
_LINT_KEYS = ("select", "ignore", "severity", "options", "scope")


class _TooManyProblems(Exception):
    pass


# -- the tree built from events ---------------------------------------------------------------

# A scalar node is a plain tuple ``(value, mark, plain)``: the tree of a 100,000-person file
# holds about 1.6 million of them, and a tuple costs a fifth of a slotted instance to make
# and to free. ``mark`` is where the node starts: for YAML, one int packing the 0-based
# line and column as ``line << 32 | column`` (a fifth of the memory of libyaml's mark with
# its three ints); for imports a `SourceMark`; None for from_dict data. ``plain`` is True for an
# untagged plain scalar, the only kind that can be a number, boolean or null.
_Scalar = tuple
VALUE, MARK, PLAIN = 0, 1, 2
_COLUMN_BITS = 32  # a column is below 2**32: inputs are bounded far below 4 GB


class _Map:
    __slots__ = ("items", "mark")  # items flat: key, value, key, value ...

    def __init__(self, items: list[Any], mark: Any) -> None:
        self.items = items
        self.mark = mark


class _Seq:
    __slots__ = ("items", "mark")

    def __init__(self, items: list[Any], mark: Any) -> None:
        self.items = items
        self.mark = mark


_Node = _Scalar | _Map | _Seq


def _describe(node: _Node) -> str:
    if isinstance(node, _Map):
        return "a mapping"
    if isinstance(node, _Seq):
        return "a list"
    return f"'{_short(node[VALUE])}'"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _char_message(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} is not allowed"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"bidirectional control character U+{code:04X} is not allowed"
    if code == 0xFEFF:
        return "byte-order mark U+FEFF is not allowed inside the file"
    if code in (0xFFFE, 0xFFFF) or 0xFDD0 <= code <= 0xFDEF:
        return f"non-character U+{code:04X} is not allowed"
    return f"control character U+{code:04X} is not allowed"


class _Reader:
    """Collects problems for one input; everything that can go wrong funnels through here."""

    def __init__(
        self, filename: str, *, positions: bool = True, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.filename = filename
        self.limits = limits
        # False for from_dict data, which has no lines and columns to point at.
        self.positions = positions
        self.problems: list[Problem] = []

    def location(self, line: int, column: int) -> Location:
        if line < 0:
            return Location(self.filename)
        return Location(self.filename, line + 1, column + 1)

    def at(self, node: _Node | None) -> Location:
        if node is None:  # the whole input
            return Location(self.filename, 1, 1) if self.positions else Location(self.filename)
        mark = node[MARK] if type(node) is tuple else node.mark
        if mark is None:
            return Location(self.filename)
        if type(mark) is int:
            line, column = mark >> _COLUMN_BITS, mark & 0xFFFFFFFF
            return Location(self.filename, line + 1, column + 1)
        # An imported value carries the file it came from (several sources, one org).
        return Location(getattr(mark, "file", self.filename), mark.line + 1, mark.column + 1)

    def problem(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems

    # What the parser itself refuses or reports, event by event (both loaders).
    def too_long(self, event: Any) -> LoadError:
        mark, limit = event.start_mark, self.limits.max_string
        return self.fail(
            self.location(mark.line, mark.column),
            f"a value of {len(event.value)} characters is over the limit of {limit}",
        )

    def unsafe(self, event: Any) -> None:
        """A quoted value spelling out a character no value may hold (``"\\u202e"``)."""
        mark = event.start_mark
        found = UNSAFE_CHARACTERS.search(event.value)
        if found is not None:
            self.problem(self.location(mark.line, mark.column), _char_message(found.group()))

    def too_deep(self, event: Any) -> LoadError:
        mark = event.start_mark
        return self.fail(
            self.location(mark.line, mark.column),
            f"nesting deeper than {self.limits.max_depth} levels is not allowed",
        )

    def alias(self, event: Any) -> LoadError:
        mark = event.start_mark
        return self.fail(
            self.location(mark.line, mark.column),
            f"aliases (*{event.anchor}) are not allowed: write the value out in full",
        )

    def second_document(self, event: Any) -> None:
        mark = event.start_mark
        self.problem(
            self.location(mark.line, mark.column),
            "a file holds one YAML document; a second one starts here",
        )

    def fail(self, location: Location, message: str) -> LoadError:
        self.problems.append(Problem(location, message))
        return self.error()

    def error(self) -> LoadError:
        problems = sorted(self.problems, key=lambda p: (p.location.line, p.location.column))
        if len(problems) >= MAX_PROBLEMS:
            # Located where reading stopped, so every line stays ``file:line:col: message``.
            problems.append(
                Problem(
                    problems[-1].location,
                    f"stopped after {MAX_PROBLEMS} problems; fix these and run again",
                )
            )
        if all(p.message.startswith(_REFERENCE_PREFIXES) for p in problems):
            return ReferenceError_(problems)
        return LoadError(problems)


_REFERENCE_PREFIXES = ("unknown reference", "wrong reference")


# -- text -> tree ------------------------------------------------------------------------------


def _decode(data: bytes, reader: _Reader) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n")
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace"))
        raise reader.fail(
            reader.location(line, column),
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


#: Deletes the characters an ASCII text may hold: what is left are the bad ones (`_RAW_BAD`'s).
_ASCII_ALLOWED = dict.fromkeys([9, 10, 13, *range(32, 127)])


def _scan_characters(text: str, reader: _Reader) -> None:
    if text.isascii() and not text.translate(_ASCII_ALLOWED):
        return  # the usual case, five times as fast as the pattern
    for match in _RAW_BAD.finditer(text):
        index = match.start()
        line = text.count("\n", 0, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        reader.problem(reader.location(line, column), _char_message(match.group()))


def _parse_tree(text: str, reader: _Reader) -> _Node | None:
    """Build the node tree from libyaml's events; None when the stream is empty or unusable.

    The loop runs once per event (about 3 million for 100,000 people), so it keeps the
    current container's ``append`` at hand and attaches containers when they open.
    """
    roots: list[_Node] = []
    append = roots.append  # where the next node goes
    outer: list[Callable[[_Node], None]] = []  # the appends of the enclosing containers
    documents = 0
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    max_depth = reader.limits.max_depth
    event = None  # after an error, the last event libyaml delivered
    strings: dict[str, str] = {}
    try:
        for count, event in enumerate(yaml.parse(text, Loader=yaml.CSafeLoader)):
            if not count & 0xFFFF:  # every 65,536 events: cheap, and early enough
                _check_size(reader, event, count, len(getattr(append, "__self__", ())))
            cls = event.__class__
            if cls is scalar_event:
                append(_scalar_node(event, reader, strings))
            elif cls is mapping_start or cls is sequence_start:
                mark = event.start_mark
                if len(outer) >= max_depth:
                    raise reader.too_deep(event)
                container: _Map | _Seq = (_Map if cls is mapping_start else _Seq)(
                    [], mark.line << _COLUMN_BITS | mark.column
                )
                append(container)
                outer.append(append)
                append = container.items.append
            elif cls in end_events:
                append = outer.pop()
            elif cls is yaml.AliasEvent:  # the first one is enough: the tree is unusable
                raise reader.alias(event)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    reader.second_document(event)
                    return None
    except yaml.YAMLError as exc:
        _yaml_problem(exc, text, reader, event, len(outer))
        return None
    return roots[0] if roots else None


def _yaml_problem(
    exc: yaml.YAMLError, text: str, reader: _Reader, last: yaml.Event | None, depth: int
) -> None:
    """Record libyaml's error as a located problem, in plain words; nesting past libyaml's
    own limit is refused as the loader's (``last`` is the last event delivered, ``depth`` the
    containers open after it)."""
    if not isinstance(exc, yaml.MarkedYAMLError):  # a reader error without a mark
        reader.problem(Location(reader.filename), f"invalid YAML: {exc}")
        return
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    problem = _plain_words(problem, text, mark)
    if mark is not None and _LIBYAML_DEPTH in problem:
        # libyaml (0.2.6, bundled since PyYAML 6.0.3) has a nesting limit of its own and
        # meets it first on a long run of brackets: its scanner holds back up to 1,024
        # characters of tokens that might be a key, so the events for level 33 had not
        # arrived yet. Report the loader's own limit where it is crossed.
        max_depth = reader.limits.max_depth
        line, column = _depth_crossing(text, last, depth, max_depth, mark)
        raise reader.fail(
            reader.location(line, column),
            f"nesting deeper than {max_depth} levels is not allowed",
        ) from None
    location = reader.location(mark.line, mark.column) if mark else Location(reader.filename)
    reader.problem(location, f"invalid YAML: {problem}")


def _check_size(reader: _Reader, event: Any, count: int, filling: int) -> None:
    """Refuse, where it happens, a file that holds more values than any org does: one list
    of millions of short items, or millions of them spread out. ``count`` is the event's
    number; ``filling``, the length of the list or mapping it goes into (a mapping's keys
    and values count one each). Both loaders check every 65,536 events."""
    mark = event.start_mark
    max_items, max_nodes = reader.limits.max_items, reader.limits.max_nodes
    if count > max_nodes:
        raise reader.fail(
            reader.location(mark.line, mark.column),
            f"more than {max_nodes} values, lists and mappings; the limit is {max_nodes}",
        )
    if filling > max_items:
        raise reader.fail(
            reader.location(mark.line, mark.column),
            f"a list or mapping of more than {max_items} items; the limit is {max_items}",
        )


def _scalar_node(event: Any, reader: _Reader, strings: dict[str, str]) -> _Scalar:
    """A scalar event as the tree's node, after the parser's checks; short values (keys and
    ids repeat) are kept once in ``strings``."""
    value = event.value
    if len(value) > reader.limits.max_string:
        raise reader.too_long(event)
    style = event.style
    if style == '"' and UNSAFE_CHARACTERS.search(value):
        reader.unsafe(event)
    mark = event.start_mark
    if len(value) <= 24:
        value = strings.setdefault(value, value)
    return (value, mark.line << _COLUMN_BITS | mark.column, not style and event.tag is None)


def _plain_words(problem: str, text: str, mark: Any) -> str:
    """libyaml's wording of the mistakes hand-editors make most, said plainly; its location
    is kept. Anything else is passed on as libyaml says it."""
    if mark is not None and "cannot start any token" in problem:
        line_start = text.rfind("\n", 0, mark.index) + 1 if mark.index else 0
        if "\t" in text[line_start : mark.index + 1]:
            return "a tab is used for indentation; YAML indents with spaces only"
    if problem.startswith(("found unexpected end of stream", "found unknown escape character")):
        return f"{problem} (is a quote left open?)"
    if problem.startswith("did not find expected ',' or ']'"):
        return f"{problem} (is a [ left open, or a comma missing?)"
    if problem.startswith("did not find expected ',' or '}'"):
        return f"{problem} (is a {{ left open, or a comma missing?)"
    if problem == "mapping values are not allowed here":
        return f"{problem} (check the indentation, or quote a value that holds ': ')"
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator")):
        return f"{problem} (check the indentation of this line)"
    return problem


_LIBYAML_DEPTH = "exceeded maximum nesting depth"


def _depth_crossing(
    text: str, last: yaml.Event | None, depth: int, max_depth: int, refused: yaml.Mark
) -> tuple[int, int]:
    """Where nesting first goes past ``max_depth``, after libyaml refused deeper nesting.

    ``last`` is the last event libyaml delivered and ``depth`` the containers open after it.
    The tokens it held back lie between that event and the refused bracket, on one line (a
    line break ends the look-ahead). When they are only brackets, commas, colons and blanks,
    counting them from ``depth`` finds the place. Anything else is left to the pure-Python
    parser, which has no limit of its own and delivers every event in order; it is slow, but
    it only runs on input that nests more than 1,000 levels.
    """
    start = last.end_mark.index if last is not None else 0
    if last is None or last.end_mark.line == refused.line:
        for index in range(start, refused.index + 1):
            char = text[index]
            if char in "[{":
                if depth >= max_depth:
                    line_start = text.rfind("\n", 0, index) + 1
                    return refused.line, index - line_start
                depth += 1
            elif char in "]}":
                depth -= 1
            elif char not in " \t,:":
                break
    depth = 0
    try:
        for event in yaml.parse(text[: refused.index + 1], Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth >= max_depth:
                    return event.start_mark.line, event.start_mark.column
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return refused.line, refused.column


def _tree_from_data(data: Any, reader: _Reader, depth: int = 0) -> _Node:
    """Turn plain Python data into the same tree the YAML events give (no positions)."""
    if depth > reader.limits.max_depth:
        raise reader.fail(
            Location(reader.filename),
            f"nesting deeper than {reader.limits.max_depth} levels is not allowed",
        )
    if isinstance(data, Mapping):
        items: list[Any] = []
        for key, value in data.items():
            items.append(_tree_from_data(key, reader, depth + 1))
            items.append(_tree_from_data(value, reader, depth + 1))
        return _Map(items, None)
    if isinstance(data, list | tuple):
        return _Seq([_tree_from_data(item, reader, depth + 1) for item in data], None)
    if data is None:
        return ("", None, True)
    if isinstance(data, bool):
        return ("true" if data else "false", None, True)
    if isinstance(data, numbers.Real):  # int, float and numpy's scalars alike
        number: float = int(data) if isinstance(data, numbers.Integral) else float(data)
        if isinstance(number, float) and not math.isfinite(number):
            reader.problem(Location(reader.filename), f"numbers must be finite, got {number!r}")
        elif isinstance(number, int) and number.bit_length() > 300:  # about 90 digits
            reader.problem(
                Location(reader.filename),
                f"a number of {number.bit_length()} bits is out of range for any field",
            )
            return ("0", None, True)
        return (repr(number), None, True)
    if isinstance(data, str):
        if len(data) > reader.limits.max_string:
            raise reader.fail(
                Location(reader.filename),
                f"a value of {len(data)} characters is over the limit of "
                f"{reader.limits.max_string}",
            )
        bad = UNSAFE_CHARACTERS.search(data)
        if bad:
            reader.problem(Location(reader.filename), _char_message(bad.group()))
        return (data, None, False)
    reader.problem(
        Location(reader.filename), f"unsupported value of type {type(data).__name__}: {data!r:.60}"
    )
    return ("", None, True)


# -- tree -> model -----------------------------------------------------------------------------


# How the hot loops treat a field: plain text, a single reference, the id, an enum, a list of
# references, names or enums, or anything else (given to `_Builder.value`).
_OTHER, _TEXT, _REF, _ID, _ENUM, _REFS, _TEXTS, _ENUMS = range(8)
_FAST_CODES = {
    "text": _TEXT,
    "ref": _REF,
    "id": _ID,
    "enum": _ENUM,
    "refs": _REFS,
    "texts": _TEXTS,
    "enums": _ENUMS,
}


def _field_table(cls: type, section: str = "") -> dict[str, tuple[str, FieldSpec, int]]:
    """YAML key -> (attribute name, spec, fast code) for the fields of ``cls`` in ``section``."""
    table = {}
    for field in attrs.fields(cls):
        spec = field.metadata.get("yaml")
        if spec is not None and spec.section == section:
            table[field.name] = (field.name, spec, _FAST_CODES.get(spec.type, _OTHER))
    return table


_TABLES: dict[type, dict[str, tuple[str, FieldSpec, int]]] = {
    cls: _field_table(cls) for cls in (*SECTIONS.values(), Owners)
}
_ORG_TABLE = _field_table(Org, "org")


#: Most candidates one did-you-mean compares: its cost is bounded whatever the ids look like.
_SUGGEST_POOL = 1000


def _suggest(word: str, candidates: Iterator[str] | list[str] | tuple[str, ...]) -> str:
    """``; did you mean 'x'?`` for the closest candidate, or nothing; cheap however many."""
    return _Pool(list(candidates)).suggest(word)


def _closest(word: str, pool: list[str]) -> str:
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


class _Pool:
    """Ids to suggest from, indexed by their first one and two characters and their length,
    so that a did-you-mean among 400,000 ids looks at a few small buckets, never at them all.
    Build one per set of candidates and ask it many times (`_Builder.resolve`), or let
    `_suggest` build one for a single question.
    """

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.by_one: dict[tuple[str, int], list[str]] = {}
        self.by_two: dict[tuple[str, int], list[str]] = {}  # made when first needed
        if len(ids) > _SUGGEST_POOL:
            for entity_id in ids:
                self.by_one.setdefault((entity_id[:1], len(entity_id)), []).append(entity_id)

    def suggest(self, word: str) -> str:
        if not self.by_one:
            return _closest(word, self.ids)
        size = len(word)
        wide = [self.by_one.get((word[:1], n), []) for n in range(max(1, size - 2), size + 3)]
        if sum(map(len, wide)) > _SUGGEST_POOL:  # narrow before building any long list
            if not self.by_two:
                for entity_id in self.ids:
                    key = (entity_id[:2], len(entity_id))
                    self.by_two.setdefault(key, []).append(entity_id)
            wide = [self.by_two.get((word[:2], n), []) for n in range(max(1, size - 1), size + 2)]
        near: list[str] = []
        for bucket in wide:
            near.extend(bucket[: _SUGGEST_POOL - len(near)])
        return _closest(word, near)


def _kinds_phrase(targets: tuple[str, ...]) -> str:
    return (
        " or ".join(targets)
        if len(targets) <= 2
        else ", ".join(targets[:-1]) + " or " + targets[-1]
    )


def _entity_label(kind: str, node: _Map) -> str:
    """``person 'cmo'`` when the mapping has a usable id, else ``person``."""
    items = node.items
    for index in range(0, len(items), 2):
        key, value = items[index], items[index + 1]
        if isinstance(key, _Scalar) and key[VALUE] == "id" and isinstance(value, _Scalar):
            if _ID_RE.fullmatch(value[VALUE]):
                return f"{kind} '{value[VALUE]}'"
            break
    return kind


class _Builder:
    """Turns the node tree into model objects, recording problems and references to check."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.at = reader.at
        self.problem = reader.problem
        # id -> (entity kind, location)
        self.ids: dict[str, tuple[str, Location]] = {}
        # (id, allowed kinds, node, what, owner description)
        self.references: list[tuple[str, tuple[str, ...], _Scalar, str]] = []
        # Called by `org` as it comes to the sections (the one-pass loader's marker).
        self.on_sections: Callable[[], None] | None = None

    # mappings ---------------------------------------------------------------------------------
    def pairs(self, node: _Map, where: str | Callable[[], str]) -> dict[str, tuple[_Scalar, _Node]]:
        """A mapping's keys in order, each with its value; reports bad and duplicate keys.

        ``where`` names the mapping in messages; a callable is only asked when needed.
        """
        result: dict[str, tuple[_Scalar, _Node]] = {}
        items = node.items
        for index in range(0, len(items), 2):
            key, value = items[index], items[index + 1]
            if not isinstance(key, _Scalar):
                self.problem(self.at(key), f"keys must be plain text, got {_describe(key)}")
                continue
            name = key[VALUE]
            if name == "<<" and key[PLAIN]:
                self.problem(
                    self.at(key), "merge keys (<<) are not allowed: write the keys out in full"
                )
                continue
            first = result.get(name)
            if first is not None:
                first_line = self.at(first[0]).line
                where_first = f" (first at line {first_line})" if first_line else ""
                label = where() if callable(where) else where
                self.problem(self.at(key), f"duplicate key '{name}' in {label}{where_first}")
                continue
            result[name] = (key, value)
        return result

    def check_keys(self, pairs: dict[str, tuple[_Scalar, _Node]], allowed: Any, where: str) -> None:
        for name, (key, _value) in pairs.items():
            if name not in allowed:
                self.problem(
                    self.at(key),
                    f"unknown key '{_short(name)}' in {where}{_suggest(name, allowed)}",
                )

    # scalars ----------------------------------------------------------------------------------
    def scalar(self, node: _Node, key: str, expected: str) -> _Scalar | None:
        if isinstance(node, _Scalar):
            return node
        self.problem(self.at(node), f"{key} must be {expected}, got {_describe(node)}")
        return None

    def text(self, node: _Node, key: str) -> str | None:
        scalar = self.scalar(node, key, "text")
        if scalar is None or (scalar[PLAIN] and scalar[VALUE] in _NULLS):
            return None
        return scalar[VALUE]

    def number(self, node: _Node, key: str, spec: FieldSpec, integer: bool = False) -> Any:
        scalar = self.scalar(node, key, "a whole number" if integer else "a number")
        if scalar is None or (scalar[PLAIN] and scalar[VALUE] in _NULLS):
            return None
        pattern = _INT_RE if integer else _FLOAT_RE
        if not scalar[PLAIN] or not pattern.fullmatch(scalar[VALUE]):
            kind = "a whole number" if integer else "a number"
            self.problem(self.at(scalar), f"{key} must be {kind}, got '{_short(scalar[VALUE])}'")
            return None
        written = scalar[VALUE]
        if len(written) > _MAX_DIGITS:  # Python refuses to parse ints of over 4,300 digits
            bounded = spec.minimum is not None or spec.maximum is not None
            expected = (
                _range(spec.minimum, spec.maximum) if bounded else f"at most {_MAX_DIGITS} digits"
            )
            self.problem(
                self.at(scalar), f"{key} must be {expected}, got a number of {len(written)} digits"
            )
            return None
        value: float = int(written) if integer else float(written)
        if not math.isfinite(value):
            self.problem(self.at(scalar), f"{key} must be a finite number, got '{_short(written)}'")
            return None
        low, high = spec.minimum, spec.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(
                self.at(scalar), f"{key} must be {_range(low, high)}, got {_short(written)}"
            )
            return None
        return value

    def boolean(self, node: _Node, key: str) -> bool | None:
        scalar = self.scalar(node, key, "true or false")
        if scalar is None or (scalar[PLAIN] and scalar[VALUE] in _NULLS):
            return None
        if scalar[PLAIN] and scalar[VALUE] in _TRUE:
            return True
        if scalar[PLAIN] and scalar[VALUE] in _FALSE:
            return False
        self.problem(self.at(scalar), f"{key} must be true or false, got '{_short(scalar[VALUE])}'")
        return None

    def enum(self, node: _Node, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, key)
        if value is None or value in choices:
            return value
        self.problem(
            self.at(node),
            f"{key} must be one of {', '.join(choices)}; got '{_short(value)}'"
            + _suggest(value, choices),
        )
        return None

    def sequence(self, node: _Node, key: str, expected: str) -> list[_Node] | None:
        if isinstance(node, _Seq):
            return node.items
        if isinstance(node, _Scalar) and node[PLAIN] and node[VALUE] in _NULLS:
            return []
        hint = f" (write [{node[VALUE]}])" if isinstance(node, _Scalar) else ""
        self.problem(
            self.at(node), f"{key} must be a list of {expected}, got {_describe(node)}{hint}"
        )
        return None

    def reference(self, node: _Node, key: str, targets: tuple[str, ...]) -> str | None:
        value = self.text(node, key)
        if value is not None:
            self.references.append((value, targets, node, key))  # type: ignore[arg-type]
        return value

    def references_list(
        self, node: _Node, key: str, targets: tuple[str, ...], one_or_many: bool
    ) -> tuple[str, ...]:
        if one_or_many and isinstance(node, _Scalar):
            value = self.reference(node, key, targets)
            return () if value is None else (value,)
        items = self.sequence(node, key, "ids")
        if items is None:
            return ()
        values = []
        for item in items:
            value = self.reference(item, key, targets)
            if value is not None:
                values.append(value)
        return tuple(values)

    # fields -----------------------------------------------------------------------------------
    def value(self, spec: FieldSpec, node: _Node, key: str) -> Any:
        kind = spec.type
        if kind == "text":
            return self.text(node, key)
        if kind == "ref":
            return self.reference(node, key, spec.targets)
        if kind == "refs":
            return self.references_list(node, key, spec.targets, spec.one_or_many)
        if kind == "enum":
            return self.enum(node, key, spec.choices)
        if kind == "number":
            return self.number(node, key, spec)
        if kind == "integer":
            return self.number(node, key, spec, integer=True)
        if kind == "boolean":
            return self.boolean(node, key)
        if kind in ("texts", "enums"):
            items = self.sequence(node, key, "names" if kind == "texts" else "values")
            values = []
            for item in items or ():
                value = (
                    self.text(item, key) if kind == "texts" else self.enum(item, key, spec.choices)
                )
                if value is not None:
                    values.append(value)
            return tuple(values)
        if kind == "owners":
            return self.owners(node, key)
        if kind == "allocation":
            return self.allocation(node, key, spec)
        if kind == "suppressions":
            return self.suppressions(node, key)
        raise AssertionError(f"unknown field type {kind}")  # pragma: no cover

    def fields(
        self,
        table: dict[str, tuple[str, FieldSpec, int]],
        node: _Map,
        where: str | Callable[[], str],
    ) -> tuple[dict[str, Any], _Node | None]:
        """Convert a mapping by its field table in one pass over its items.

        Returns the keyword arguments for the model class and the ``id`` value node (if
        the table has an id). Bad keys, duplicates, merge keys and unknown keys are
        reported; ``where`` names the mapping in messages (a callable is asked only then).
        This is the loader's hot loop: it runs once per key of every entity.
        """
        kwargs: dict[str, Any] = {}
        seen: dict[str, _Scalar] = {}
        id_node: _Node | None = None
        references = self.references
        nulls = _NULLS
        items = iter(node.items)
        for key_node, value_node in zip(items, items, strict=True):
            if type(key_node) is not tuple:
                self.problem(
                    self.at(key_node), f"keys must be plain text, got {_describe(key_node)}"
                )
                continue
            key = key_node[VALUE]
            if key in seen:
                first_line = self.at(seen[key]).line
                where_first = f" (first at line {first_line})" if first_line else ""
                label = where() if callable(where) else where
                self.problem(self.at(key_node), f"duplicate key '{key}' in {label}{where_first}")
                continue
            seen[key] = key_node
            entry = table.get(key)
            if entry is None:
                if key == "<<" and key_node[PLAIN]:
                    message = "merge keys (<<) are not allowed: write the keys out in full"
                else:
                    label = where() if callable(where) else where
                    message = f"unknown key '{_short(key)}' in {label}{_suggest(key, table)}"
                self.problem(self.at(key_node), message)
                continue
            attribute, spec, code = entry
            # Fast path for the most common values: plain text and single references.
            if code in (_TEXT, _REF) and type(value_node) is tuple:
                value = value_node[VALUE]
                if value_node[PLAIN] and value in nulls:
                    continue
                if code == _REF:
                    references.append((value, spec.targets, value_node, key))
                kwargs[attribute] = value
                continue
            if code == _ID:
                id_node = value_node
                continue
            converted = self.value(spec, value_node, key)
            if converted is not None:
                kwargs[attribute] = converted
        return kwargs, id_node

    def owners(self, node: _Node, key: str) -> Owners | None:
        if not isinstance(node, _Map):
            self.problem(
                self.at(node),
                f"{key} must be a mapping of decision, execution, input and review, "
                f"got {_describe(node)}",
            )
            return None
        return Owners(**self.fields(_TABLES[Owners], node, key)[0])

    def allocation(self, node: _Node, key: str, spec: FieldSpec) -> dict[str, float] | None:
        if not isinstance(node, _Map):
            self.problem(
                self.at(node),
                f"{key} must be a mapping of function id to share, got {_describe(node)}",
            )
            return None
        shares = {}
        for name, (key_node, value_node) in self.pairs(node, key).items():
            self.references.append((name, spec.targets, key_node, key))
            share = self.number(value_node, f"{key} share of {name}", spec)
            if share is not None:
                shares[name] = share
        return shares

    def suppressions(self, node: _Node, key: str) -> tuple[Suppression, ...]:
        items = self.sequence(node, key, "suppressions ({rule: SLUG, reason: ...})")
        result = []
        for item in items or ():
            if isinstance(item, _Scalar):
                rule = self.text(item, "rule")
                if rule is not None:
                    result.append(Suppression(rule=rule, location=self.at(item)))
                continue
            if isinstance(item, _Seq):
                self.problem(self.at(item), f"each {key} entry must be a mapping, got a list")
                continue
            pairs = self.pairs(item, f"{key} entry")
            self.check_keys(pairs, ("rule", "reason"), f"{key} entry")
            rule_pair = pairs.get("rule")
            rule = self.text(rule_pair[1], "rule") if rule_pair else None
            if rule is None:
                self.problem(self.at(item), f"{key} entry needs a rule (a slug or code)")
                continue
            reason_pair = pairs.get("reason")
            reason = self.text(reason_pair[1], "reason") if reason_pair else None
            result.append(Suppression(rule=rule, reason=reason, location=self.at(item)))
        return tuple(result)

    # entities ---------------------------------------------------------------------------------
    def entity(self, cls: type, node: _Node, section: str) -> Any:
        kind = cls.entity_kind
        if not isinstance(node, _Map):
            self.problem(
                self.at(node), f"each item of {section} must be a mapping, got {_describe(node)}"
            )
            return None
        kwargs, id_node = self.fields(_TABLES[cls], node, lambda: _entity_label(kind, node))
        return self.register(cls, node, kwargs, id_node)

    def register(
        self, cls: type, node: _Node, kwargs: dict[str, Any], id_node: _Node | None
    ) -> Any:
        """The entity of an item whose fields are read: its id checked and recorded (None
        when it has no usable id). ``node`` is the item, for its location."""
        kind = cls.entity_kind
        entity_id = None
        if id_node is None:
            self.problem(self.at(node), f"{kind} has no id")
        else:
            scalar = id_node if type(id_node) is tuple else self.scalar(id_node, "id", "text")
            if scalar is not None:
                entity_id = scalar[VALUE]
                if not _ID_RE.fullmatch(entity_id):
                    self.problem(
                        self.at(scalar),
                        f"invalid id '{_short(entity_id)}': an id starts with a letter or digit "
                        "and holds only letters, digits and . _ @ -",
                    )
                    entity_id = None
        if entity_id is None:
            return None
        location = self.at(node)
        seen = self.ids.get(entity_id)
        if seen is not None:
            seen_kind, seen_location = seen
            line = f" at line {seen_location.line}" if seen_location.line else ""
            hint = ""
            if seen_kind != kind:  # ids are one namespace across sections: offer a new name
                free = next(
                    name
                    for name in (
                        f"{entity_id}-{seen_kind}",
                        f"{entity_id}-{kind}",
                        *(f"{entity_id}-{seen_kind}-{n}" for n in range(2, len(self.ids) + 3)),
                    )
                    if name not in self.ids
                )
                hint = f"; ids are shared by every section, so name one of them {free}"
            self.problem(
                self.at(id_node),
                f"duplicate id '{entity_id}': already used by the {seen_kind}{line}{hint}",
            )
            return None
        self.ids[entity_id] = (kind, location)
        if len(self.ids) > self.reader.limits.max_entities:
            limit = self.reader.limits.max_entities
            raise self.reader.fail(location, f"more than {limit} entities; the limit is {limit}")
        return cls(id=entity_id, location=location, **kwargs)

    def lint_config(self, node: _Node) -> LintConfig:
        if not isinstance(node, _Map):
            if isinstance(node, _Scalar) and node[PLAIN] and node[VALUE] in _NULLS:
                return LintConfig()
            self.problem(self.at(node), f"lint must be a mapping, got {_describe(node)}")
            return LintConfig()
        pairs = self.pairs(node, "lint")
        self.check_keys(pairs, _LINT_KEYS, "lint")
        locations: dict[str, Location] = {}
        config: dict[str, Any] = {}
        for name in ("select", "ignore"):
            if name in pairs:
                value_node = pairs[name][1]
                locations[name] = self.at(value_node)
                if isinstance(value_node, _Scalar):
                    value = self.text(value_node, name)
                    config[name] = () if value is None else (value,)
                else:
                    items = self.sequence(value_node, name, "rule slugs or codes") or []
                    config[name] = tuple(v for v in (self.text(i, name) for i in items) if v)
        if "scope" in pairs:
            value_node = pairs["scope"][1]
            locations["scope"] = self.at(value_node)
            scope = self.enum(value_node, "scope", SCOPES)
            if scope is not None:
                config["scope"] = scope
        if "severity" in pairs:
            severity = {}
            value_node = pairs["severity"][1]
            if isinstance(value_node, _Map):
                for rule, (key_node, level_node) in self.pairs(value_node, "severity").items():
                    locations[f"severity.{rule}"] = self.at(key_node)
                    level = self.enum(level_node, f"severity of {rule}", SEVERITIES)
                    if level is not None:
                        severity[rule] = level
            else:
                self.problem(
                    self.at(value_node),
                    f"severity must be a mapping of rule to error, warning or info, "
                    f"got {_describe(value_node)}",
                )
            config["severity"] = severity
        if "options" in pairs:
            options: dict[str, dict[str, Any]] = {}
            value_node = pairs["options"][1]
            if isinstance(value_node, _Map):
                for rule, (key_node, rule_node) in self.pairs(value_node, "options").items():
                    locations[f"options.{rule}"] = self.at(key_node)
                    if not isinstance(rule_node, _Map):
                        self.problem(
                            self.at(rule_node),
                            f"options of {rule} must be a mapping, got {_describe(rule_node)}",
                        )
                        continue
                    values: dict[str, Any] = {}
                    for option, (_option_key, option_node) in self.pairs(rule_node, rule).items():
                        locations[f"options.{rule}.{option}"] = self.at(option_node)
                        if isinstance(option_node, _Seq):
                            values[option] = tuple(
                                v for v in (self.text(i, option) for i in option_node.items) if v
                            )
                        else:
                            text = self.text(option_node, option)
                            values[option] = "" if text is None else text
                    options[rule] = values
            else:
                self.problem(
                    self.at(value_node),
                    "options must be a mapping of rule to its options, "
                    f"got {_describe(value_node)}",
                )
            config["options"] = options
        return LintConfig(**config, locations=locations)

    def org(
        self,
        root: _Node,
        streamed: Mapping[str, list[Any]] | None = None,
        *,
        resolve: bool = True,
    ) -> Org | None:
        """The org of the whole tree. ``streamed`` holds sections whose entities the one-pass
        loader has made already (their lists in the tree are empty); it checks the
        references itself (``resolve=False``)."""
        reader = self.reader
        if not isinstance(root, _Map):
            self.problem(
                self.at(root),
                "the top level must be a mapping (version, org, people, ...), "
                f"got {_describe(root)}",
            )
            return None
        pairs = self.pairs(root, "the top level")
        for name, (key, _value) in pairs.items():
            if name not in _TOP_KEYS:
                self.problem(
                    self.at(key), f"unknown section '{_short(name)}'{_suggest(name, _TOP_KEYS)}"
                )
        kwargs: dict[str, Any] = {}
        version_pair = pairs.get("version")
        if version_pair is None:
            self.problem(self.at(root), "missing 'version: 1' at the top of the file")
        else:
            version = self.scalar(version_pair[1], "version", "1")
            # `version: '1'` means the same: the number, quoted by a cautious hand or tool.
            if version is not None and version[VALUE].strip() != "1":
                self.problem(
                    self.at(version),
                    f"unsupported version '{_short(version[VALUE])}': "
                    "this orgdesign reads version 1",
                )
        org_location = self.at(root)
        if "org" in pairs:
            org_node = pairs["org"][1]
            if isinstance(org_node, _Map):
                kwargs.update(self.fields(_ORG_TABLE, org_node, "org")[0])
                org_location = self.at(org_node)
            elif not (
                isinstance(org_node, _Scalar) and org_node[PLAIN] and org_node[VALUE] in _NULLS
            ):
                self.problem(self.at(org_node), f"org must be a mapping, got {_describe(org_node)}")
        stated: list[str] = []
        section_locations: dict[str, Location] = {}
        if self.on_sections is not None:
            self.on_sections()
        for section, cls in SECTIONS.items():
            if section not in pairs:
                continue
            stated.append(section)
            section_locations[section] = self.at(pairs[section][0])
            if streamed is not None and section in streamed:
                kwargs[section] = tuple(streamed[section])
                continue
            items = self.sequence(pairs[section][1], section, "mappings")
            entities = [self.entity(cls, item, section) for item in items or ()]
            kwargs[section] = tuple(e for e in entities if e is not None)
        if "lint" in pairs:
            kwargs["lint"] = self.lint_config(pairs["lint"][1])
        if resolve:
            self.resolve()
        if reader.problems:
            return None
        return Org(
            filename=reader.filename,
            location=org_location,
            sections=stated,
            section_locations=section_locations,
            **kwargs,
        )

    def resolve(
        self,
        references: Iterable[tuple[str, tuple[str, ...], _Node, str]] | None = None,
        ids_in_order: Callable[[], Mapping[str, tuple[str, Location]]] | None = None,
    ) -> None:
        """Report every reference to no entity, or to one of the wrong kind.

        By default the references and ids as the builder met them; the one-pass loader
        passes them in the order this builder would have met them (``ids_in_order`` is
        asked only when a suggestion is needed).
        """
        ids = self.ids
        pools: dict[tuple[str, ...], _Pool] = {}  # one per set of target kinds, built once
        for value, targets, node, key in self.references if references is None else references:
            seen = ids.get(value)
            if seen is None:
                pool = pools.get(targets)
                if pool is None:
                    ordered = ids if ids_in_order is None else ids_in_order()
                    pool = pools[targets] = _Pool(
                        [i for i, (kind, _loc) in ordered.items() if kind in targets]
                    )
                self.problem(
                    self.at(node),
                    f"unknown reference in {key}: no {_kinds_phrase(targets)} '{_short(value)}'"
                    f"{pool.suggest(value)}",
                )
            elif seen[0] not in targets:
                self.problem(
                    self.at(node),
                    f"wrong reference in {key}: '{value}' is a {seen[0]}, "
                    f"not a {_kinds_phrase(targets)}",
                )


def _range(low: float | None, high: float | None) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x)

    if low is not None and high is not None:
        return f"between {fmt(low)} and {fmt(high)}"
    if low is not None:
        return f"{fmt(low)} or more"
    return f"{fmt(high)} or less"  # type: ignore[arg-type]


# -- events -> model, in one pass ---------------------------------------------------------------


class _Fallback(Exception):
    """The one-pass loader met something only the two-pass loader words exactly."""


class _Counter:
    """Stands in for the list of a value that is read but never used (under an unknown or
    duplicate key): it only counts its items, for the limits."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    def append(self, _item: Any) -> None:
        self.count += 1

    def __len__(self) -> int:
        return self.count


class _Pending:
    """The references the one-pass loader checks at the end, in the order it read them,
    packed: about 20 bytes each instead of the 170 of a tuple with its node."""

    __slots__ = ("_index", "_table", "kinds", "marks", "values")

    def __init__(self) -> None:
        self.values: list[str] = []
        self.marks = array.array("q")  # a node's position, packed as in the tree
        self.kinds = array.array("H")  # which (target kinds, key) of `_table`
        self._index: dict[tuple[tuple[str, ...], str], int] = {}
        self._table: list[tuple[tuple[str, ...], str]] = []

    def __len__(self) -> int:
        return len(self.values)

    def kind_of(self, targets: tuple[str, ...], key: str) -> int:
        """The number standing for a (target kinds, key) pair in ``kinds``."""
        kind = self._index.get((targets, key))
        if kind is None:
            kind = self._index[targets, key] = len(self._table)
            self._table.append((targets, key))
        return kind

    def add(self, value: str, targets: tuple[str, ...], mark: int, key: str) -> None:
        self.values.append(value)
        self.marks.append(mark)
        self.kinds.append(self.kind_of(targets, key))

    def truncate(self, length: int) -> None:
        """Forget the references added after the first ``length``."""
        del self.values[length:], self.marks[length:], self.kinds[length:]

    def take(self, references: list[tuple[str, tuple[str, ...], _Node, str]]) -> None:
        """Move in the references the builder's own converters recorded."""
        for value, targets, node, key in references:
            self.add(value, targets, node[MARK] if type(node) is tuple else node.mark, key)
        references.clear()

    def between(self, start: int, end: int) -> Iterator[tuple[str, tuple[str, ...], _Node, str]]:
        """The references from ``start`` to ``end`` as the builder records them."""
        table, values, marks, kinds = self._table, self.values, self.marks, self.kinds
        for index in range(start, end):
            targets, key = table[kinds[index]]
            value = values[index]
            yield value, targets, (value, marks[index], True), key


# -- the line reader ---------------------------------------------------------------------------
#
# libyaml's events cost about as much to take from Python as the rest of the load together,
# and nearly all of them are the entities of the sections. Written one to a line, or in the
# usual block style, those are read here from their lines: `_line_bodies` finds each
# section's lines and blanks them for libyaml, which reads the rest of the file, and the
# one-pass loader reads each body (`_OnePass.lines_section`) when libyaml meets its header.
# The line reader knows a strict part of YAML; anything else it meets (a tab, an anchor, a
# value running over two lines, an escape, a problem of any kind) raises `_NotFast`, and
# libyaml reads the whole file, so the result, and every problem, is the one-pass loader's.


class _NotFast(Exception):
    """The line reader met what it leaves to libyaml."""


_HEADER_RE = re.compile(rf"({'|'.join(SECTIONS)}) *: *(?:#.*)?$", re.MULTILINE)
_NOT_BLANK_RE = re.compile(r"[^ \n]")
_MARGIN_RE = re.compile(r"\n(?=[^ \n#-])")  # a line at the margin: a key, or the end
#: Characters that cannot start a plain value (or that the line reader leaves to libyaml).
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_BLOCK_KEY_RE = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*):(?: +|$)")
#: A key and its value in a flow mapping on one line, pairs apart by ``, ``: a list (without
#: lists inside), a mapping (without mappings inside), or a plain value: neither starting
#: with an indicator or a space nor ending with a space, nor holding a comma, colon, hash or
#: bracket (`_OnePass.flat_reader`).
_FLAT_PAIR_RE = re.compile(
    r"([A-Za-z0-9_][A-Za-z0-9_.\-]*): (\[[^\[\]{}:#]*\]|\{[^{}]*\}"
    r"|[^-?:,\[\]{}#&*!|>'\"%@` ](?:[^,\[\]{}:#]*[^,\[\]{}:# ])?)(?:, |$)"
)
#: One token of a flow list or mapping on one line: an indicator (1), a colon before a value
#: (2), a single-quoted (3) or double-quoted value without escapes (4), a plain value (5), or
#: anything else (6).
_FLOW_TOKEN_RE = re.compile(
    r" *(?:([\[\]{},])|(:)(?= )|'((?:[^']|'')*)'|\"([^\"\\]*)\""
    r"|([^ \[\]{},:#'\"&*!|>%@`?\-](?:[^\[\]{},:#]*[^ \[\]{},:#])?)|(.))"
)
_QUOTED_RE = {"'": re.compile(r"'((?:[^']|'')*)'"), '"': re.compile(r'"([^"\\]*)"')}
_LINES_MAX_NESTING = 8  # lists and mappings inside one value


def _line_bodies(
    text: str, limits: Limits
) -> tuple[str, dict[int, tuple[str, int, int]], list[str]] | None:
    """The text for libyaml, with the lines of each section body blank; the bodies by their
    header's line: (section, first line, the line after the last); and the text's lines.
    None when the line reader can't be used: limits too small to be sure it meets none of
    them, or line breaks of YAML 1.1 other than the newline."""
    if (
        limits.max_depth < 16
        or limits.max_string < 1024
        or limits.max_items < limits.max_string
        or "\u2028" in text
        or "\u2029" in text
    ):
        return None
    bodies: dict[int, tuple[str, int, int]] = {}
    pieces: list[str] = []
    done = line = 0  # the text up to ``done`` is in pieces; ``line`` is the line there
    # Where each line at the margin starts (a key, or what ends the section above it).
    margins = [0, *(match.end() for match in _MARGIN_RE.finditer(text)), len(text)]
    for here, after in pairwise(margins):
        match = _HEADER_RE.match(text, here)
        if match is None:
            continue
        start = match.end() + 1
        if start > after or text.find("\t", start, after) >= 0:
            continue  # libyaml reads tabs
        if not _NOT_BLANK_RE.search(text, start, after):
            continue  # an empty section is null
        line += text.count("\n", done, start)
        breaks = text.count("\n", start, after)
        pieces += [text[done:start], "\n" * breaks]
        # The body's lines, the last one without its line break when the text ends there.
        bodies[line - 1] = (match.group(1), line, line + breaks + (after == len(text)))
        line += breaks
        done = after
    if not bodies:
        return None
    pieces.append(text[done:])
    return "".join(pieces), bodies, text.split("\n")


def _rest_is_blank(line: str, index: int) -> bool:
    """Only spaces, or a comment after a space, from ``index`` to the end of ``line``."""
    rest = line[index:]
    return not rest.strip(" ") or (rest[0] == " " and rest.lstrip(" ")[0] == "#")


def _events(node: _Node) -> int:
    """The events a node stands for: one per value, two per list or mapping."""
    if type(node) is tuple:
        return 1
    count = 2 + len(node.items)
    for item in node.items:
        if type(item) is not tuple:
            count += _events(item) - 1
    return count


# An entity key whose value is read and left alone: unknown, a duplicate, or not text.
_SKIP = -1


def _stream_org(text: str, filename: str, limits: Limits, *, lines: bool = True) -> Org:
    """Build the org straight from libyaml's events, with no tree for the entity sections.

    The people, teams and other sections are the bulk of any file; their entities are made
    as their mappings end, plain text, enums and references without any node at all. Values
    of other shapes (mappings, numbers, booleans) and the top level outside the sections
    become small trees for the `_Builder`'s own methods, so every value is converted, and
    every problem worded, as the two-pass loader does it. Values that loader never looks at
    (under an unknown or duplicate key) are only counted.

    Problems are those of the two-pass loader, in its order: it reads the sections in
    `SECTIONS` order and stops at the 50th problem, so each section's problems are kept
    apart (50 at most) and put in that order at the end, after the parser's and the top
    level's. A few inputs raise `_Fallback`, and the caller loads them the two-pass way: an
    id used twice in a file whose sections are not in `SECTIONS` order (which one is the
    duplicate depends on that order), more entities than the limit, a section that is
    neither a list nor empty, a top-level key that is not text, and an empty stream.

    Sections written one entity to a line (``- {id: a, ...}``) or in the usual block style
    are read from their lines, without libyaml (`_line_bodies`); libyaml reads the rest of
    the file, with those lines left blank, and anything the line reader does not know
    sends the whole file back to libyaml (``lines=False`` goes there at once).
    """
    bodies = _line_bodies(text, limits) if lines else None
    if bodies is not None:
        try:
            return _OnePass(text, filename, limits, bodies).run()
        except _NotFast:
            pass  # something the line reader leaves to libyaml: read the file again with it
        # (`_Fallback`, the few files the two-pass loader reads, goes there at once: the
        # cases it stands for are the same in the text libyaml reads here, as in the file.)
    return _OnePass(text, filename, limits).run()


class _OnePass:
    """The one-pass loader (`_stream_org`): a reader for each level of the format, each
    taking events from the one stream until its own mapping or list ends.

    Every reader applies the parser's checks to what it meets (value length, characters,
    nesting, aliases), and every 65,536 events the two-pass loader's count limits, against the
    list that loader would be filling then; so limits are met at the same event, with the
    same message.
    """

    def __init__(
        self,
        text: str,
        filename: str,
        limits: Limits,
        bodies: tuple[str, dict[int, tuple[str, int, int]], list[str]] | None = None,
    ) -> None:
        self.text = text
        self.filename = filename
        self.limits = limits
        self.reader = reader = _Reader(filename, limits=limits)  # its problems: the parser's
        self.builder = builder = _Builder(reader)
        self.found: list[tuple[Location, Any]] = []  # problems of the item being read
        builder.problem = self.emit
        self.pending = _Pending()
        self.strings: dict[str, str] = {}
        self.root_items: list[Any] = []  # the top level as the tree has it: key, value ...
        self.streamed: dict[str, list[Any]] = {}
        self.section_problems: dict[str, list[Problem]] = {}
        self.section_references: dict[str, int] = {}  # where each starts in ``pending``
        self.last_rank = -1
        self.in_order = True  # the sections streamed so far came in SECTIONS order
        self.failed_at: tuple[Any, int] | None = None  # the last event and depth, on error
        # With the line reader: the section bodies it reads, by their header's line (0-based)
        # -> (section, first line, the line after the last), until read; the text's lines;
        # and what libyaml reads instead of the text.
        self.bodies: dict[int, tuple[str, int, int]] | None = None
        self.lines: list[str] = []
        self.event_count = 0  # libyaml's events, and the ones the line reader stood for
        if bodies is not None:
            text, self.bodies, self.lines = bodies
        self.loader = yaml.CSafeLoader(text)
        self.events = enumerate(iter(self.loader.get_event, None))

    def emit(self, location: Location, message: Any) -> None:
        self.found.append((location, message))

    def run(self) -> Org:
        reader = self.reader
        try:
            root = self.top()
        except (yaml.YAMLError, _TooManyProblems, LoadError) as exc:
            if self.bodies is not None:  # the parser's problems are worded with the whole file
                raise _NotFast from None
            if isinstance(exc, LoadError):
                raise
            if isinstance(exc, yaml.YAMLError):
                last, depth = self.failed_at or (None, 0)
                with contextlib.suppress(_TooManyProblems):  # the 50th problem: it is the last
                    _yaml_problem(exc, self.text, reader, last, depth)
            raise reader.error() from None
        finally:
            self.loader.dispose()
        if self.bodies is not None and (
            self.bodies or reader.problems or self.event_count > self.limits.max_nodes
        ):
            # A body libyaml did not read as a section (it was inside a quoted value, say),
            # a problem of the parser's, or perhaps more values than the limit.
            raise _NotFast
        if root is None:
            raise _Fallback  # an empty stream
        self.strings.clear()  # a dict of every short string read: not needed any more
        return _finish_streamed(
            self.builder,
            reader,
            root,
            self.streamed,
            self.section_problems,
            self.section_references,
            self.pending,
            in_order=self.in_order,
        )

    # -- checks ---------------------------------------------------------------------------------

    def check(self, event: Any, count: int, filling: int) -> None:
        """The count limits, against ``filling``: the length of the list the two-pass loader
        would be filling at this event."""
        _check_size(self.reader, event, count, filling)

    def scalar(self, event: Any) -> _Scalar:
        """A scalar event as the tree's node, after the parser's checks."""
        return _scalar_node(event, self.reader, self.strings)

    def stub(self, event: Any) -> _Map | _Seq:
        """An empty node standing for a list or mapping: its kind and place."""
        mark = event.start_mark
        node_cls = _Map if event.__class__ is yaml.MappingStartEvent else _Seq
        return node_cls([], mark.line << _COLUMN_BITS | mark.column)

    # -- the levels -----------------------------------------------------------------------------

    def top(self) -> Any:
        """The stream: one document, its top level a mapping (or what stands for another
        value, which `_Builder.org` refuses)."""
        documents = 0
        root = None
        event = None
        try:
            for count, event in self.events:
                if not count & 0xFFFF:
                    self.check(event, count, int(root is not None))
                cls = event.__class__
                if cls is yaml.MappingStartEvent:
                    if self.bodies is not None and event.flow_style:
                        raise _NotFast  # the sections' lines are inside a flow mapping
                    mark = event.start_mark
                    root = _Map(self.root_items, mark.line << _COLUMN_BITS | mark.column)
                    self.mapping()
                elif cls is yaml.SequenceStartEvent:
                    root = self.stub(event)
                    self.tree(event, 0, skip=True)
                elif cls is yaml.ScalarEvent:
                    root = self.scalar(event)
                elif cls is yaml.AliasEvent:
                    raise self.reader.alias(event)
                elif cls is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        self.reader.second_document(event)
                        raise self.reader.error()
            self.event_count += count + 1
        except yaml.YAMLError:
            if self.failed_at is None:
                self.failed_at = (event, 0)
            raise
        return root

    def mapping(self) -> None:
        """The top-level mapping: sections streamed, other values built (or only counted,
        under an unknown or duplicate key)."""
        items = self.root_items
        seen: set[str] = set()
        key: str | None = None
        skip = False
        event = None
        try:
            for count, event in self.events:
                if not count & 0xFFFF:
                    self.check(event, count, len(items))
                cls = event.__class__
                if cls is yaml.ScalarEvent:
                    node = self.scalar(event)
                    if key is None:
                        key = node[VALUE]
                        items.append(node)
                        skip = key in seen or key not in _TOP_KEYS
                        seen.add(key)
                        continue
                    if skip:
                        node = ("", node[MARK], True)
                    elif self.bodies and key in SECTIONS and items[-1][MARK] & 0xFFFFFFFF == 0:
                        # A header whose lines the line reader takes (blank for libyaml).
                        body = self.bodies.pop(items[-1][MARK] >> _COLUMN_BITS, None)
                        if body is not None:
                            if (
                                body[0] != key
                                or node[VALUE]
                                or not node[PLAIN]
                                or node[MARK] >> _COLUMN_BITS != body[1] - 1
                            ):
                                # Not the null of the blank lines after the header: what
                                # follows them stands for the value (``|`` at the margin, say).
                                raise _NotFast
                            items.append(self.lines_section(key, body))
                            key = None
                            continue
                    if not skip and key in SECTIONS and not (node[PLAIN] and node[VALUE] in _NULLS):
                        raise _Fallback  # a section that is not a list
                    items.append(node)
                    key = None
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    if key is None:
                        raise _Fallback  # a top-level key that is not text
                    if skip:
                        items.append(("", self.stub(event).mark, True))
                        self.tree(event, 1, skip=True)
                    elif key in SECTIONS:
                        if cls is not yaml.SequenceStartEvent:
                            raise _Fallback  # a section that is not a list
                        items.append(self.stub(event))
                        self.section(key)
                    else:
                        items.append(self.tree(event, 1))
                    key = None
                elif cls is yaml.MappingEndEvent:
                    return
                elif cls is yaml.AliasEvent:
                    raise self.reader.alias(event)
        except yaml.YAMLError:
            if self.failed_at is None:
                self.failed_at = (event, 1)
            raise

    def tree(self, first: Any, depth: int, *, skip: bool = False) -> Any:
        """The list or mapping that ``first`` opens, as the tree's node (``depth`` lists and
        mappings open around it); with ``skip``, only counted."""
        reader = self.reader
        max_depth = self.limits.max_depth
        if depth >= max_depth:
            raise reader.too_deep(first)
        if skip:
            node: Any = _Counter()
            append = node.append
        else:
            node = self.stub(first)
            append = node.items.append
        outer: list[Any] = []
        scalar = self.scalar
        event = first
        try:
            for count, event in self.events:
                if not count & 0xFFFF:
                    self.check(event, count, len(append.__self__))
                cls = event.__class__
                if cls is yaml.ScalarEvent:
                    if skip:
                        value = event.value
                        if len(value) > self.limits.max_string:
                            raise reader.too_long(event)
                        if event.style == '"' and UNSAFE_CHARACTERS.search(value):
                            reader.unsafe(event)
                        append(None)
                    else:
                        append(scalar(event))
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    if depth + 1 + len(outer) >= max_depth:
                        raise reader.too_deep(event)
                    container: Any = _Counter() if skip else self.stub(event)
                    append(container)
                    outer.append(append)
                    append = container.append if skip else container.items.append
                elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                    if not outer:
                        return node
                    append = outer.pop()
                elif cls is yaml.AliasEvent:
                    raise reader.alias(event)
        except yaml.YAMLError:
            if self.failed_at is None:
                self.failed_at = (event, depth + 1 + len(outer))
            raise
        raise _Fallback  # pragma: no cover - libyaml ends every list and mapping it opens

    def keep(self, problems: list[Problem], label: str = "") -> None:
        """The item's problems into its section's, the first 50 in the order they were met;
        the ones naming the entity are worded with ``label`` now."""
        found = self.found
        for location, message in found[: MAX_PROBLEMS - len(problems)]:
            problems.append(Problem(location, message if type(message) is str else message(label)))
        found.clear()

    def key_problem(
        self, seen: dict[str, Any], name: str, mark: Any, plain: bool, table: Mapping[str, Any]
    ) -> None:
        """The two-pass loader's problem with an entity's key: a duplicate (worded with the
        entity's label once its mapping has ended), a merge key, or an unknown one."""
        at = Location(self.filename, mark.line + 1, mark.column + 1)
        first = seen.get(name)
        if first is not None:
            where_first = f" (first at line {first.line + 1})"
            self.found.append((at, lambda label: f"duplicate key '{name}' in {label}{where_first}"))
            return
        seen[name] = mark
        if name == "<<" and plain:
            self.emit(at, "merge keys (<<) are not allowed: write the keys out in full")
        else:
            suggestion = _suggest(name, table)
            self.found.append(
                (at, lambda label: f"unknown key '{_short(name)}' in {label}{suggestion}")
            )

    def begin_section(self, name: str) -> tuple[list[Any], list[Problem]]:
        """A section's entities and problems, kept from now on; where its references start."""
        rank = list(SECTIONS).index(name)
        if rank < self.last_rank:
            self.in_order = False
        self.last_rank = rank
        entities: list[Any] = []
        problems: list[Problem] = []
        self.streamed[name] = entities
        self.section_problems[name] = problems
        self.section_references[name] = len(self.pending)
        return entities, problems

    def section(self, name: str) -> None:
        """A section's list: each mapping made into an entity as it ends.

        The loop over an entity's keys and values is the loader's hot path: it runs for
        nearly every event of a large file, so it keeps what it needs in local names and
        handles text, enums, references and lists of them without making a node.
        """
        entities, problems = self.begin_section(name)
        reader, builder, pending = self.reader, self.builder, self.pending
        ids, references, strings = builder.ids, builder.references, self.strings
        add_pending, value_of = pending.add, builder.value
        section_cls = SECTIONS[name]
        kind = section_cls.entity_kind
        table = _TABLES[section_cls]
        found = self.found
        events, check, tree = self.events, self.check, self.tree
        max_string, max_entities = self.limits.max_string, self.limits.max_entities
        filename, nulls = self.filename, _NULLS
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        items = 0
        depth = 2
        event = None
        try:
            for count, event in events:
                if not count & 0xFFFF:
                    check(event, count, items)
                cls = event.__class__
                if cls is mapping_start:
                    items += 1
                    depth = 3
                    mark = event.start_mark
                    entity_mark = mark.line << _COLUMN_BITS | mark.column
                    kwargs: dict[str, Any] = {}
                    seen: dict[str, Any] = {}  # key -> its mark
                    unseen = 0  # keys not in seen: duplicates, keys that are not text
                    key: str | None = None  # a key whose value has not come yet
                    attribute, spec, code = "", None, _OTHER
                    id_node: _Node | None = None
                    label: str | None = None  # the value of the first id key holding text
                    for count, event in events:
                        if not count & 0xFFFF:
                            check(event, count, 2 * (len(seen) + unseen) - (key is not None))
                        cls = event.__class__
                        if cls is scalar_event:
                            value = event.value
                            if len(value) > max_string:
                                raise reader.too_long(event)
                            if key is None:
                                entry = table.get(value)
                                if entry is None or value in seen:
                                    unseen += value in seen
                                    self.key_problem(
                                        seen,
                                        value,
                                        event.start_mark,
                                        not event.style and event.tag is None,
                                        table,
                                    )
                                    key = value
                                    code = _SKIP
                                else:
                                    seen[value] = event.start_mark
                                    key = value
                                    attribute, spec, code = entry
                                continue
                            style = event.style
                            if style == '"' and UNSAFE_CHARACTERS.search(value):
                                reader.unsafe(event)
                            name_, key = key, None
                            if code == _SKIP:
                                if name_ == "id" and label is None:
                                    label = value
                                continue
                            if code in (_TEXT, _ENUM):
                                # A plain null is as if the key were not there.
                                if style or event.tag is not None or value not in nulls:
                                    if code == _ENUM and value not in spec.choices:  # type: ignore[union-attr]
                                        mark = event.start_mark
                                        packed = mark.line << _COLUMN_BITS | mark.column
                                        plain = not style and event.tag is None
                                        builder.enum((value, packed, plain), name_, spec.choices)  # type: ignore[union-attr]
                                        continue
                                    if len(value) <= 24:
                                        value = strings.setdefault(value, value)
                                    kwargs[attribute] = value
                                continue
                            mark = event.start_mark
                            packed = mark.line << _COLUMN_BITS | mark.column
                            if len(value) <= 24:
                                value = strings.setdefault(value, value)
                            plain = not style and event.tag is None
                            if code == _REF:
                                if not (plain and value in nulls):
                                    # An id read already, of the right kind, is settled now.
                                    target = ids.get(value)
                                    if target is None or target[0] not in spec.targets:  # type: ignore[union-attr]
                                        add_pending(value, spec.targets, packed, name_)  # type: ignore[union-attr]
                                    kwargs[attribute] = value
                            elif code == _ID:
                                id_node = (value, packed, plain)
                                if label is None:
                                    label = value
                            else:
                                converted = value_of(spec, (value, packed, plain), name_)  # type: ignore[arg-type]
                                if converted is not None:
                                    kwargs[attribute] = converted
                                if references:
                                    pending.take(references)
                        elif cls is mapping_start or cls is sequence_start:
                            if key is None:  # a key that is not text: it and its value are left
                                unseen += 1
                                stub = self.stub(event)
                                mark = event.start_mark
                                found.append(
                                    (
                                        Location(filename, mark.line + 1, mark.column + 1),
                                        f"keys must be plain text, got {_describe(stub)}",
                                    )
                                )
                                tree(event, 3, skip=True)
                                key, code = "", _SKIP
                                continue
                            name_, key = key, None
                            if code == _SKIP:
                                tree(event, 3, skip=True)
                            elif code == _ID:
                                id_node = self.stub(event)  # its kind and place are what counts
                                tree(event, 3, skip=True)
                            elif cls is sequence_start and code >= _REFS:
                                kwargs[attribute] = self.values(event, name_, spec, code)  # type: ignore[arg-type]
                            else:
                                node = tree(event, 3)
                                converted = value_of(spec, node, name_)  # type: ignore[arg-type]
                                if converted is not None:
                                    kwargs[attribute] = converted
                                if references:
                                    pending.take(references)
                        elif cls is mapping_end:
                            break
                        elif cls is yaml.AliasEvent:
                            raise reader.alias(event)
                    depth = 2
                    if (
                        not found
                        and type(id_node) is tuple
                        and _ID_RE.fullmatch(entity_id := id_node[VALUE])
                        and entity_id not in ids
                        and len(ids) < max_entities
                    ):  # the usual case, as `_Builder.register` has it
                        location = Location(
                            filename,
                            (entity_mark >> _COLUMN_BITS) + 1,
                            (entity_mark & 0xFFFFFFFF) + 1,
                        )
                        ids[entity_id] = (kind, location)
                        entities.append(section_cls(id=entity_id, location=location, **kwargs))
                        continue
                    if type(id_node) is tuple and id_node[VALUE] in ids and not self.in_order:
                        raise _Fallback  # which one is the duplicate depends on the order
                    if len(ids) >= max_entities:
                        raise _Fallback
                    entity_label = kind
                    if label is not None and _ID_RE.fullmatch(label):
                        entity_label = f"{kind} '{label}'"
                    entity = builder.register(section_cls, _Map([], entity_mark), kwargs, id_node)
                    if entity is not None:
                        entities.append(entity)
                    self.keep(problems, entity_label)
                elif cls is sequence_start:  # an item that is a list
                    items += 1
                    stub = self.stub(event)
                    tree(event, 2, skip=True)
                    builder.entity(section_cls, stub, name)
                    self.keep(problems)
                elif cls is scalar_event:  # an item that is text
                    items += 1
                    builder.entity(section_cls, self.scalar(event), name)
                    self.keep(problems)
                elif cls is yaml.SequenceEndEvent:
                    return
                elif cls is yaml.AliasEvent:
                    raise reader.alias(event)
        except yaml.YAMLError:
            if self.failed_at is None:
                self.failed_at = (event, depth)
            raise

    def values(self, first: Any, key: str, spec: FieldSpec, code: int) -> tuple[str, ...]:
        """An entity's list of ids, names or values (``first`` opens it), read in place."""
        reader, builder, pending, strings = self.reader, self.builder, self.pending, self.strings
        ids, nulls, max_string = builder.ids, _NULLS, self.limits.max_string
        if self.limits.max_depth <= 3:  # the list is the fourth level
            raise reader.too_deep(first)
        targets = spec.targets
        # Every reference left to check here is of one kind: `_Pending.add`, unrolled.
        kind = pending.kind_of(targets, key)
        pending_value, pending_mark = pending.values.append, pending.marks.append
        pending_kind = pending.kinds.append
        scalar_event = yaml.ScalarEvent
        found: list[str] = []
        append = found.append
        items = 0  # nulls too
        event = first
        try:
            for count, event in self.events:
                if not count & 0xFFFF:
                    self.check(event, count, items)
                cls = event.__class__
                if cls is scalar_event:
                    items += 1
                    value = event.value
                    if len(value) > max_string:
                        raise reader.too_long(event)
                    style = event.style
                    if style == '"' and UNSAFE_CHARACTERS.search(value):
                        reader.unsafe(event)
                    if not style and event.tag is None and value in nulls:
                        continue  # a null item is left out
                    if len(value) <= 24:
                        value = strings.setdefault(value, value)
                    if code == _REFS:
                        target = ids.get(value)
                        if target is None or target[0] not in targets:
                            mark = event.start_mark
                            pending_value(value)
                            pending_mark(mark.line << _COLUMN_BITS | mark.column)
                            pending_kind(kind)
                    elif code == _ENUMS and value not in spec.choices:
                        mark = event.start_mark
                        packed = mark.line << _COLUMN_BITS | mark.column
                        plain = not style and event.tag is None
                        builder.enum((value, packed, plain), key, spec.choices)
                        continue
                    append(value)
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    items += 1  # an item that is not text
                    stub = self.stub(event)
                    self.emit(reader.at(stub), f"{key} must be text, got {_describe(stub)}")
                    self.tree(event, 4, skip=True)
                elif cls is yaml.SequenceEndEvent:
                    return tuple(found)
                elif cls is yaml.AliasEvent:
                    raise reader.alias(event)
        except yaml.YAMLError:
            if self.failed_at is None:
                self.failed_at = (event, 4)
            raise
        raise _Fallback  # pragma: no cover - libyaml ends every list it opens

    # -- the line reader ------------------------------------------------------------------------

    def lines_section(self, name: str, body: tuple[str, int, int]) -> _Seq:
        """A section read from its lines (see `_line_bodies`): each entity made as its item
        ends, as `section` makes it from events. Returns the section's node for the tree."""
        entities, _problems = self.begin_section(name)
        section_cls = SECTIONS[name]
        table = _TABLES[section_cls]
        _, first, end = body
        # The body's lines, each let go of once read: the text's lines are the largest
        # thing the load holds besides the org.
        lines = self.lines[first:end]
        self.lines[first:end] = [""] * (end - first)
        count = len(lines)
        max_string = self.limits.max_string
        item_indent = -1
        node_mark = None
        events = 2  # the list's start and end
        flat = self.flat_reader(section_cls, table, entities)
        prefix = "\n"  # how the last item on one line began, up to its brace: "  - {"
        column = 0
        index = 0
        while index < count:
            line = lines[index]
            tried = line.startswith(prefix) and len(line) <= max_string
            if tried:  # the usual case
                made = flat(line, column, first + index)
                if made:
                    events += made
                    lines[index] = ""
                    index += 1
                    continue
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                index += 1
                continue
            indent = len(line) - len(stripped)
            if stripped[:2] != "- " or (indent != item_indent and item_indent >= 0):
                raise _NotFast
            if len(line) > max_string:
                raise _NotFast  # a value might be longer than the limit
            item_indent = indent
            rest = stripped[2:].lstrip(" ")
            column = len(line) - len(rest)
            number = first + index
            if node_mark is None:
                node_mark = number << _COLUMN_BITS | indent
            if rest[:1] == "{":
                index += 1
                prefix = line[: column + 1]
                made = 0 if tried else flat(line, column, number)
                if made:
                    events += made
                    continue
                pairs = self.flow_item(line, column, number)
            elif rest and rest[0] != "#":
                pairs, index = self.block_item(lines, index, column, first)
            else:
                raise _NotFast  # an item that is empty, or not on its dash's line
            events += self.line_entity(section_cls, table, pairs, number, column, entities)
            lines[number - first : index] = [""] * (index - number + first)
        if len(entities) > self.limits.max_items:
            raise _NotFast
        self.event_count += events - 1  # less the null libyaml read for the blank lines
        return _Seq([], node_mark)

    def line_entity(
        self,
        section_cls: type,
        table: Mapping[str, tuple[str, FieldSpec, int]],
        pairs: list[tuple[str, _Node]],
        number: int,
        column: int,
        entities: list[Any],
    ) -> int:
        """The entity of one item: as `section` makes it, when it has no problem; returns the
        events it stands for."""
        builder, pending, ids = self.builder, self.pending, self.builder.ids
        references = builder.references
        nulls = _NULLS
        kwargs: dict[str, Any] = {}
        seen: set[str] = set()
        id_node: Any = None
        events = 2
        for key, node in pairs:
            entry = table.get(key)
            if entry is None or key in seen:
                raise _NotFast  # an unknown or duplicate key: a problem
            seen.add(key)
            attribute, spec, code = entry
            if type(node) is tuple:
                events += 2
                value, packed, plain = node
                if code in (_TEXT, _ENUM):
                    if not plain or value not in nulls:
                        if code == _ENUM and value not in spec.choices:  # type: ignore[operator]
                            raise _NotFast
                        kwargs[attribute] = value
                    continue
                if code == _REF:
                    if not (plain and value in nulls):
                        target = ids.get(value)
                        if target is None or target[0] not in spec.targets:
                            pending.add(value, spec.targets, packed, key)
                        kwargs[attribute] = value
                    continue
                if code == _ID:
                    id_node = node
                    continue
            elif code == _ID:
                raise _NotFast
            else:
                events += 1 + _events(node)
                if type(node) is _Seq and code >= _REFS:
                    kwargs[attribute] = self.line_values(node, key, spec, code)
                    continue
            converted = builder.value(spec, node, key)
            if self.found:
                raise _NotFast
            if converted is not None:
                kwargs[attribute] = converted
            if references:
                pending.take(references)
        if id_node is None:
            raise _NotFast
        entity_id = id_node[VALUE]
        if len(ids) >= self.limits.max_entities:
            raise _Fallback  # more entities than the limit: as the event reader does
        if not _ID_RE.fullmatch(entity_id) or entity_id in ids:
            raise _NotFast
        location = Location(self.filename, number + 1, column + 1)
        ids[entity_id] = (section_cls.entity_kind, location)
        entities.append(section_cls(id=entity_id, location=location, **kwargs))
        return events

    def line_values(self, node: _Seq, key: str, spec: FieldSpec, code: int) -> tuple[str, ...]:
        """An entity's list of ids, names or values, as `values` reads it from events."""
        ids, pending, nulls = self.builder.ids, self.pending, _NULLS
        targets = spec.targets
        found: list[str] = []
        for item in node.items:
            if type(item) is not tuple:
                raise _NotFast  # an item that is not text: a problem
            value, packed, plain = item
            if plain and value in nulls:
                continue
            if code == _REFS:
                target = ids.get(value)
                if target is None or target[0] not in targets:
                    pending.add(value, targets, packed, key)
            elif code == _ENUMS and value not in spec.choices:  # type: ignore[operator]
                raise _NotFast
            found.append(value)
        return tuple(found)

    def flow_item(self, line: str, column: int, number: int) -> list[tuple[str, _Node]]:
        """The keys and values of an item written ``- {key: value, ...}`` on one line."""
        node, end = self.flow_node(line, column, number)
        if type(node) is not _Map or not _rest_is_blank(line, end):
            raise _NotFast
        items = node.items
        return [(items[i][VALUE], items[i + 1]) for i in range(0, len(items), 2)]

    def flat_reader(
        self,
        section_cls: type,
        table: Mapping[str, tuple[str, FieldSpec, int]],
        entities: list[Any],
    ) -> Callable[[str, int, int], int]:
        """What reads an item ``- {key: value, ...}`` on one line (at its brace's column, on
        its line number) whose values are plain, lists of plain values, or mappings, apart by
        ``, `` (as `orgdesign` and most people write them): made into an entity as
        `line_entity` makes it, with no node for a plain value. It returns the events the
        item stands for, or 0 when the line has another shape.

        It runs for nearly every line of a large file, so all it needs is bound here once,
        and a plain value (the usual case) is tested first."""
        builder, pending, found = self.builder, self.pending, self.found
        ids, references, value_of = builder.ids, builder.references, builder.value
        ids_get, intern = ids.get, self.strings.setdefault
        flat_list, flat_map = self.flat_list, self.flat_map
        flow_node, line_values = self.flow_node, self.line_values
        filename, max_entities = self.filename, self.limits.max_entities
        kind, nulls = section_cls.entity_kind, _NULLS
        findall, id_match = _FLAT_PAIR_RE.findall, _ID_RE.fullmatch

        def flat(line: str, column: int, number: int) -> int:
            end = len(line) - 1
            if line[end] != "}":
                end = len(line.rstrip(" ")) - 1
                if line[end] != "}":
                    return 0
            pairs = findall(line, column + 1, end)
            if len(dict(pairs)) != len(pairs):
                return 0  # a duplicate key (or not this shape): the general reader decides
            pending_before = len(pending)
            base = number << _COLUMN_BITS
            at = column + 1  # where the next pair starts
            kwargs: dict[str, Any] = {}
            id_value: str | None = None
            events = 2 + 2 * len(pairs)  # and what lists and mappings hold, added below
            for key, raw in pairs:
                entry = table.get(key)
                if entry is None:
                    pending.truncate(pending_before)
                    return 0  # an unknown key (or not this shape): the general reader decides
                attribute, spec, code = entry
                at += len(key) + len(raw) + 4
                first = raw[0]
                if first != "[" and first != "{":  # plain: the pattern has checked its ends
                    if code == _TEXT:
                        if raw not in nulls:
                            kwargs[attribute] = raw
                        continue
                    if code == _ID:  # not shared: an id is read once (references repeat)
                        id_value = raw
                        continue
                    if len(raw) <= 24:
                        raw = intern(raw, raw)
                    if code == _REF:
                        if raw not in nulls:
                            target = ids_get(raw)
                            if target is None or target[0] not in spec.targets:
                                pending.add(raw, spec.targets, base | (at - len(raw) - 2), key)
                            kwargs[attribute] = raw
                        continue
                    if code == _ENUM:
                        if raw not in nulls:
                            if raw not in spec.choices:  # type: ignore[operator]
                                raise _NotFast
                            kwargs[attribute] = raw
                        continue
                    node: Any = (raw, base | (at - len(raw) - 2), True)
                elif first == "[":
                    where = at - len(raw) - 2
                    node = flat_list(raw, base, where)
                    if node is None:
                        node, stop = flow_node(line, where, number)
                        if stop != at - 2:
                            raise _NotFast  # pragma: no cover - the pattern found its end there
                    events += _events(node) - 1
                    if code >= _REFS:
                        kwargs[attribute] = line_values(node, key, spec, code)
                        continue
                else:
                    where = at - len(raw) - 2
                    node = flat_map(line, where, at - 3, number)
                    if node is None:
                        node, stop = flow_node(line, where, number)
                        if stop != at - 2:
                            raise _NotFast  # pragma: no cover - the pattern found its end there
                    events += _events(node) - 1
                if code == _ID:
                    raise _NotFast
                converted = value_of(spec, node, key)
                if found:
                    raise _NotFast
                if converted is not None:
                    kwargs[attribute] = converted
                if references:
                    pending.take(references)
            if at - 2 != end:
                # The pairs did not cover the line from brace to brace, each but the last with
                # ", " after it: something between them (a quoted value, say). Undone.
                pending.truncate(pending_before)
                return 0
            if id_value is None or not id_match(id_value) or id_value in ids:
                raise _NotFast
            if len(ids) >= max_entities:
                raise _Fallback  # more entities than the limit: as the event reader does
            location = Location(filename, number + 1, column + 1)
            ids[id_value] = (kind, location)
            entities.append(section_cls(id=id_value, location=location, **kwargs))
            return events

        return flat

    def flat_list(self, raw: str, base: int, where: int) -> _Seq | None:
        """A list of plain values ``[a, b]`` (``raw``, at ``where``) as its node; None when
        it has another shape."""
        inner = raw[1:-1]
        values = inner.split(", ") if inner else []
        if inner.count(",") >= len(values) and values:
            return None  # a comma inside a value, or a comma without a space after it
        intern, plain_first = self.strings.setdefault, _PLAIN_FIRST
        items = []
        at = where + 1
        for value in values:
            if not value or value[0] in plain_first or value[-1] == " ":
                return None
            items.append((intern(value, value) if len(value) <= 24 else value, base | at, True))
            at += len(value) + 2
        return _Seq(items, base | where)

    def flat_map(self, line: str, start: int, end: int, number: int) -> _Map | None:
        """The mapping from ``line[start]`` (its brace) to ``line[end]`` (its closing one),
        of plain values and lists of them apart by ``, ``, as its node; None when it has
        another shape."""
        pairs = _FLAT_PAIR_RE.findall(line, start + 1, end)
        if sum(map(len, chain.from_iterable(pairs))) + 4 * len(pairs) - 2 != end - start - 1:
            return None if pairs or end != start + 1 else _Map([], number << _COLUMN_BITS | start)
        intern = self.strings.setdefault
        base = number << _COLUMN_BITS
        items: list[Any] = []
        at = start + 1
        for key, raw in pairs:
            items.append((intern(key, key), base | at, True))
            where = at + len(key) + 2
            at = where + len(raw) + 2
            if raw[0] == "[":
                node = self.flat_list(raw, base, where)
                if node is None:
                    return None
                items.append(node)
            else:  # plain (the pattern keeps mappings out of it): the pattern checked its ends
                items.append((intern(raw, raw) if len(raw) <= 24 else raw, base | where, True))
        return _Map(items, base | start)

    def flow_node(self, line: str, start: int, number: int) -> tuple[_Node, int]:
        """The flow list or mapping starting at ``line[start]``, and where it ends; it must end
        on this line."""
        strings = self.strings
        base = number << _COLUMN_BITS
        # Each open list or mapping: [node, is a mapping, state]; states: 0 just opened,
        # 1 after a comma, 2 after a key, 3 after a key's colon, 4 after an item or value.
        stack: list[list[Any]] = []
        for match in _FLOW_TOKEN_RE.finditer(line, start):
            group = match.lastindex
            if group == 1:
                char = match.group(1)
                if char == "{" or char == "[":
                    node: Any = (_Map if char == "{" else _Seq)([], base | match.start(1))
                    if stack:
                        top = stack[-1]
                        if top[2] != 3 if top[1] else top[2] > 1:
                            raise _NotFast  # a list or mapping as a key, or after a value
                        top[0].items.append(node)
                        top[2] = 4
                        if len(stack) >= _LINES_MAX_NESTING:
                            raise _NotFast
                    elif match.start(1) != start:
                        raise _NotFast  # pragma: no cover - the caller saw the bracket there
                    stack.append([node, char == "{", 0])
                elif char == ",":
                    if not stack or stack[-1][2] != 4:
                        raise _NotFast
                    stack[-1][2] = 1
                else:
                    if not stack or stack[-1][1] != (char == "}") or stack[-1][2] not in (0, 4):
                        raise _NotFast  # a trailing comma, a key without value, a mismatch
                    node = stack.pop()[0]
                    if not stack:
                        return node, match.end()
            elif group == 2:
                if not stack or not stack[-1][1] or stack[-1][2] != 2:
                    raise _NotFast
                stack[-1][2] = 3
            elif group == 6 or not stack:
                raise _NotFast
            else:
                value = match.group(group)
                if group == 5:
                    mark, plain = match.start(5), True
                else:
                    mark, plain = match.start(group) - 1, False
                    if group == 3:
                        value = value.replace("''", "'")
                if len(value) <= 24:
                    value = strings.setdefault(value, value)
                top = stack[-1]
                state = top[2]
                if top[1]:
                    if state in (0, 1):
                        top[2] = 2
                    elif state == 3:
                        top[2] = 4
                    else:
                        raise _NotFast
                elif state in (0, 1):
                    top[2] = 4
                else:
                    raise _NotFast
                top[0].items.append((value, base | mark, plain))
        raise _NotFast  # not closed on its line

    def line_value(self, line: str, index: int, number: int) -> _Node | None:
        """The value starting at ``line[index]`` in block style, on this line; None when there
        is only a comment there."""
        char = line[index]
        if char == "[" or char == "{":
            node, end = self.flow_node(line, index, number)
            if not _rest_is_blank(line, end):
                raise _NotFast
            return node
        if char == "'" or char == '"':
            match = _QUOTED_RE[char].match(line, index)
            if match is None or not _rest_is_blank(line, match.end()):
                raise _NotFast
            value = match.group(1)
            if char == "'":
                value = value.replace("''", "'")
            plain = False
        elif char == "#":
            return None
        else:
            cut = line.find(" #", index)
            value = line[index : cut if cut >= 0 else len(line)].rstrip(" ")
            if value[0] in _PLAIN_FIRST or ": " in value or value[-1] == ":":
                raise _NotFast
            plain = True
        if len(value) <= 24:
            value = self.strings.setdefault(value, value)
        return (value, number << _COLUMN_BITS | index, plain)

    def block_item(
        self, lines: list[str], index: int, column: int, first: int
    ) -> tuple[list[tuple[str, _Node]], int]:
        """The keys and values of an item in block style, its first key at ``column`` of
        ``lines[index]``; and the index of the line after it."""
        pairs: list[tuple[str, _Node]] = []
        count = len(lines)
        while True:
            line = lines[index]
            match = _BLOCK_KEY_RE.match(line, column)
            if match is None:
                raise _NotFast
            number = first + index
            node = None
            if match.end() < len(line):
                node = self.line_value(line, match.end(), number)
            index += 1
            if node is None:  # the value is on the lines below
                node, index = self.nested_block(lines, index, column, first)
            pairs.append((match.group(1), node))
            while index < count:  # the next line with something on it
                stripped = lines[index].lstrip(" ")
                if stripped and stripped[0] != "#":
                    break
                index += 1
            else:
                return pairs, index
            line = lines[index]
            if len(line) - len(stripped) != column or stripped[0] == "-":
                return pairs, index  # the next item, or what the caller refuses
            if len(line) > self.limits.max_string:
                raise _NotFast

    def nested_block(
        self, lines: list[str], index: int, column: int, first: int, depth: int = 0
    ) -> tuple[_Node, int]:
        """The value of a key at ``column`` written on the lines from ``index``: a list of
        one-line values, or a mapping whose values are on their keys' lines or below."""
        if depth >= _LINES_MAX_NESTING:
            raise _NotFast
        count = len(lines)
        while index < count:
            stripped = lines[index].lstrip(" ")
            if stripped and stripped[0] != "#":
                break
            index += 1
        else:
            raise _NotFast  # no value: a null
        line = lines[index]
        indent = len(line) - len(stripped)
        is_list = stripped[:2] == "- "
        if indent < column or (indent == column and not is_list):
            raise _NotFast  # no value: a null
        node: Any = (_Seq if is_list else _Map)([], (first + index) << _COLUMN_BITS | indent)
        append = node.items.append
        while index < count:
            line = lines[index]
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                index += 1
                continue
            here = len(line) - len(stripped)
            if here < indent or (here == indent and is_list != (stripped[:2] == "- ")):
                break
            if here != indent or len(line) > self.limits.max_string:
                raise _NotFast
            number = first + index
            index += 1
            if is_list:
                at = len(line) - len(stripped[2:].lstrip(" "))
                value = self.line_value(line, at, number) if at < len(line) else None
                if value is None:
                    raise _NotFast  # an item on the lines below
            else:
                match = _BLOCK_KEY_RE.match(line, indent)
                if match is None:
                    raise _NotFast
                key = match.group(1)
                append((self.strings.setdefault(key, key), number << _COLUMN_BITS | indent, True))
                value = None
                if match.end() < len(line):
                    value = self.line_value(line, match.end(), number)
                if value is None:
                    value, index = self.nested_block(lines, index, indent, first, depth + 1)
            append(value)
        if len(node.items) > self.limits.max_items:
            raise _NotFast
        return node, index


def _finish_streamed(
    builder: _Builder,
    reader: _Reader,
    root: _Node,
    streamed: Mapping[str, list[Any]],
    section_problems: Mapping[str, list[Problem]],
    starts: Mapping[str, int],
    pending: _Pending,
    *,
    in_order: bool,
) -> Org:
    """The org of a file read in one pass, or its problems in the two-pass loader's order:
    the parser's, the top level's (keys, version, ``org:``), each section's in `SECTIONS`
    order, ``lint:``'s, then the references', the first 50 of them."""
    found: list[Problem] = []
    marks: list[int] = []

    def emit(location: Location, message: str) -> None:
        found.append(Problem(location, message))

    builder.problem = emit
    builder.on_sections = lambda: marks.append(len(found))
    org = builder.org(root, streamed, resolve=False)
    split = marks[0] if marks else len(found)
    problems = [*reader.problems, *found[:split]]
    for name in SECTIONS:
        problems += section_problems.get(name, ())
    problems += found[split:]
    if len(problems) < MAX_PROBLEMS and (builder.references or pending):
        room = MAX_PROBLEMS - len(problems)
        problems += _resolve_streamed(builder, pending, starts, room, in_order=in_order)
    if problems:
        reader.problems = problems[:MAX_PROBLEMS]
        raise reader.error()
    assert org is not None  # no problem, so the builder made it
    return org


def _resolve_streamed(
    builder: _Builder, pending: _Pending, starts: Mapping[str, int], room: int, *, in_order: bool
) -> list[Problem]:
    """The first ``room`` problems with the references the one-pass loader could not settle
    as it read them, as the two-pass loader would report them.

    That loader meets references section by section in `SECTIONS` order (the ``org:``
    mapping's first), each section's in file order; its did-you-mean pools hold the ids in
    the same order. The one-pass loader read the sections in file order, so both orders are
    rebuilt here, from where each section's references start in ``pending`` (``starts``);
    the builder's own list holds those of the ``org:`` mapping. ``in_order``: the sections
    came in `SECTIONS` order, so the ids are in that order already.
    """
    # Sections in file order, in which their references were read; each one's end is where
    # the next one starts. No section may have been read at all (none written, or only
    # unknown, null or misplaced ones) while the ``org:`` mapping still holds references.
    bounds = [*starts.values(), len(pending)]
    spans = {name: (bounds[index], bounds[index + 1]) for index, name in enumerate(starts)}
    ordered: list[Iterable[tuple[str, tuple[str, ...], _Node, str]]] = [builder.references]
    ordered += [pending.between(*spans[name]) for name in SECTIONS if name in spans]

    def ids_in_order() -> Mapping[str, tuple[str, Location]]:
        if in_order:  # read in that order already
            return builder.ids
        rank = {cls.entity_kind: index for index, cls in enumerate(SECTIONS.values())}
        return dict(sorted(builder.ids.items(), key=lambda item: rank[item[1][0]]))

    found: list[Problem] = []

    def emit(location: Location, message: str) -> None:
        found.append(Problem(location, message))
        if len(found) >= room:
            raise _TooManyProblems

    builder.problem = emit
    with contextlib.suppress(_TooManyProblems):
        builder.resolve((ref for part in ordered for ref in part), ids_in_order)
    return found


# -- public entry points -----------------------------------------------------------------------


def _build(reader: _Reader, root: _Node | None, empty_message: str) -> Org:
    try:
        if root is None:
            if not reader.problems:
                reader.problem(reader.at(None), empty_message)
            raise reader.error()
        # The builder has checked every value the model validators would (with located
        # messages), so they are skipped here: 100,000 people load 12% faster.
        with attrs.validators.disabled():
            org = _Builder(reader).org(root)
    except _TooManyProblems:
        raise reader.error() from None
    if org is None:
        raise reader.error()
    return org


def _bytes(size: float) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size:.0f} bytes"


def _too_big(size: int, limits: Limits) -> str:
    return f"the file is {_bytes(size)}; the limit is {_bytes(limits.max_bytes)}"


def loads(text: str | bytes, *, filename: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Org:
    """Load an org from YAML text (or UTF-8 bytes).

    Raises `orgdesign.errors.LoadError` listing every problem (up to 50) with its
    ``file:line:col``. ``limits`` bounds the input (see `Limits`).
    """
    return _loads(text, filename, limits, one_pass=True)


def _loads(
    text: str | bytes, filename: str, limits: Limits, *, one_pass: bool, lines: bool = True
) -> Org:
    """`loads`; ``one_pass=False`` skips the one-pass loader, ``lines=False`` its line reader
    (the tests compare the three)."""
    reader = _Reader(filename, limits=limits)
    size = len(text)
    if size > limits.max_bytes:
        raise reader.fail(Location(filename), _too_big(size, limits))
    # One pause for the whole load: re-enabling the collector between the tree and the model
    # would make it walk every young node of the tree.
    with paused_gc():
        try:
            if isinstance(text, bytes | bytearray):
                text = _decode(bytes(text), reader)
            else:
                text = text.removeprefix("\ufeff")
            if "\r" in text:  # old Mac line ends (a lone CR) count as lines, as libyaml's do
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            _scan_characters(text, reader)
            if reader.problems:
                raise reader.error()
            if one_pass:
                try:
                    with attrs.validators.disabled():
                        return _stream_org(text, filename, limits, lines=lines)
                except _Fallback:
                    pass  # a problem: the two-pass loader finds and words them all
            root = _parse_tree(text, reader)
        except _TooManyProblems:
            raise reader.error() from None
        return _build(reader, root, "the file is empty: an org file starts with 'version: 1'")


def load(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Org:
    """Load an org file. The filename in locations is the path as given.

    Only regular files are read (a FIFO or a device would block or never end), and the size
    limit applies to the bytes read, not to what the file system says. ``"-"`` reads
    standard input, bounded the same way, with ``<stdin>`` in locations.
    """
    filename, data = read_input(path, limits)
    return loads(data, filename=filename, limits=limits)


def read_input(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> tuple[str, bytes]:
    """The name to show and the bytes of an input: a regular file, or ``-`` for standard
    input (named ``<stdin>``). Anything else is refused before it is opened, and at most
    ``limits.max_bytes`` are read (`LoadError` past that)."""
    filename = os.fspath(path)
    if filename == "-":
        import sys

        return "<stdin>", read_bounded(sys.stdin.buffer, "<stdin>", limits)
    try:
        info = os.stat(filename)
        if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:  # unread
            raise LoadError([Problem(Location(filename), _too_big(info.st_size, limits))])
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(
                [
                    Problem(
                        Location(filename),
                        "not a regular file; to read a stream, pass - and pipe it to standard "
                        "input",
                    )
                ]
            )
        with open(filename, "rb") as handle:
            return filename, read_bounded(handle, filename, limits)
    except OSError as exc:
        raise LoadError(
            [Problem(Location(filename), f"cannot read the file: {exc.strerror}")]
        ) from None


def read_bounded(handle: Any, filename: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """At most ``limits.max_bytes`` of a stream (binary, or text read as UTF-8); a
    `LoadError` past that, said without reading the rest."""
    data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise LoadError([Problem(Location(filename), _too_big_stream(limits))])
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)  # text files too


def _too_big_stream(limits: Limits) -> str:
    return f"the input is over the limit of {_bytes(limits.max_bytes)}"


def from_dict(
    data: Mapping[str, Any], *, filename: str = "<dict>", limits: Limits = DEFAULT_LIMITS
) -> Org:
    """Build an org from plain data shaped like the YAML file (same checks as `loads`)."""
    reader = _Reader(filename, positions=False, limits=limits)
    try:
        root = _tree_from_data(data, reader)
    except _TooManyProblems:
        raise reader.error() from None
    return _build(reader, root, "the data is empty")


# -- importers -> model (orgdesign.importers builds the same tree from its sources) -----------


class SourceMark(NamedTuple):
    """Where an imported value was read: the source file, 0-based line and column.

    It plays the part of libyaml's mark, so the loader's messages point at the source's own
    row and column. A named tuple: an import of 100,000 rows makes about 800,000.
    """

    file: str
    line: int
    column: int


def tree_map(pairs: list[tuple[Any, Any]], mark: SourceMark | None) -> _Map:
    """A mapping node from (key node, value node) pairs."""
    return _Map([item for pair in pairs for item in pair], mark)


def tree_seq(items: list[Any], mark: SourceMark | None) -> _Seq:
    return _Seq(items, mark)


def tree_text(value: str, mark: SourceMark | None) -> _Scalar:
    """A scalar that stays text whatever it looks like (as a quoted YAML scalar would)."""
    return (value, mark, False)


def tree_plain(value: str, mark: SourceMark | None) -> _Scalar:
    """A scalar read as its key expects, number or boolean included (a plain YAML scalar)."""
    return (value, mark, True)


def build_tree(root: _Map, *, filename: str, limits: Limits = DEFAULT_LIMITS) -> Org:
    """The org from a tree made of `tree_map`, `tree_seq` and `tree_text` nodes, through the
    loader's own validation, limits and messages (raises `LoadError`)."""
    return _build(_Reader(filename, limits=limits), root, "nothing to import")


# -- model -> YAML -----------------------------------------------------------------------------

_PLAIN_RE = re.compile(r"[A-Za-z_][A-Za-z0-9 _.@/()+&'-]*[A-Za-z0-9_.)]|[A-Za-z_]")
_YAML11_WORDS = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
)


def yaml_scalar(text: str) -> str:
    """Text as `dump` writes it: plain when YAML reads it back as the same text, else quoted.

    Examples:
        >>> yaml_scalar("Acme Cloud"), yaml_scalar("Acme: Cloud"), yaml_scalar("yes")
        ('Acme Cloud', '"Acme: Cloud"', '"yes"')
    """
    return _quote(text)


def _quote(text: str) -> str:
    if _PLAIN_RE.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # YAML folds these line separators inside double quotes; keep them as escapes.
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _dump_value(spec: FieldSpec, value: Any) -> str | list[str] | None:
    """A field's YAML: inline text for scalars and flow lists, or lines for block content."""
    kind = spec.type
    if kind in ("text", "ref", "enum"):
        return _quote(value)
    if kind in ("number", "integer"):
        return _number(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("refs", "texts", "enums"):
        return "[" + ", ".join(_quote(v) for v in value) + "]"
    if kind == "allocation":
        return "{" + ", ".join(f"{_quote(k)}: {_number(v)}" for k, v in value.items()) + "}"
    if kind == "owners":
        lines = []
        for name, (attribute, owner_spec, _code) in _TABLES[Owners].items():
            owners = getattr(value, attribute)
            if len(owners) == 1 and owner_spec.one_or_many:
                lines.append(f"{name}: {_quote(owners[0])}")
            elif owners:
                lines.append(f"{name}: {_dump_value(owner_spec, owners)}")
        return lines
    if kind == "suppressions":
        lines = []
        for suppression in value:
            entry = f"- {{rule: {_quote(suppression.rule)}"
            if suppression.reason is not None:
                entry += f", reason: {_quote(suppression.reason)}"
            lines.append(entry + "}")
        return lines
    raise AssertionError(f"unknown field type {kind}")  # pragma: no cover


def _written(
    obj: Any, table: dict[str, tuple[str, FieldSpec, int]]
) -> Iterator[tuple[str, FieldSpec, Any]]:
    """(key, spec, value) of each field a file would write: the id, and values off default."""
    for key, attribute, spec, default in _defaults(type(obj), table):
        value = getattr(obj, attribute)
        if value is None or (spec.type != "id" and value == default):
            continue
        yield key, spec, value


_DEFAULTS: dict[type, list[tuple[str, str, FieldSpec, Any]]] = {}


def _defaults(
    cls: type, table: dict[str, tuple[str, FieldSpec, int]]
) -> list[tuple[str, str, FieldSpec, Any]]:
    """(key, attribute, spec, default) of each field in ``table`` (a class's one table: the
    org's or its section's), worked out once per class: `dump` asks for every entity."""
    found = _DEFAULTS.get(cls)
    if found is None:
        fields = attrs.fields_dict(cls)
        found = []
        for key, (attribute, spec, _code) in table.items():
            default = fields[attribute].default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            found.append((key, attribute, spec, default))
        _DEFAULTS[cls] = found
    return found


def fields_as_written(obj: Any) -> dict[str, str]:
    """The fields of one entity, or of an org's ``org:`` section, as `dump` writes them.

    Keys are the file's keys, values inline YAML; owners come apart by role
    (``owners.decision``, always a list) and suppressions as one flow list. Fields left at
    their default are missing, so two dicts compare the way two files read.

    Examples:
        >>> org = loads("version: 1\\npeople:\\n  - {id: cmo, title: CMO, dotted_to: [ceo]}"
        ...             "\\n  - {id: ceo}\\n")
        >>> fields_as_written(org.people[0])
        {'id': 'cmo', 'title': 'CMO', 'dotted_to': '[ceo]'}
    """
    table = _ORG_TABLE if isinstance(obj, Org) else _TABLES[type(obj)]
    result = {}
    for key, spec, value in _written(obj, table):
        if spec.type == "owners":
            for role, (attribute, role_spec, _code) in _TABLES[Owners].items():
                owners = getattr(value, attribute)
                if owners:
                    result[f"{key}.{role}"] = _dump_value(role_spec, owners)
            continue
        if spec.type == "id":
            result[key] = _quote(value)
            continue
        dumped = _dump_value(spec, value)
        if isinstance(dumped, list):  # suppressions: block lines "- {...}"
            dumped = "[" + ", ".join(line[2:] for line in dumped) + "]"
        result[key] = dumped
    return result


def _dump_fields(
    obj: Any, table: dict[str, tuple[str, FieldSpec, int]], indent: str, lines: list[str]
) -> None:
    # `_written`, inline: this runs for every field of every entity.
    for key, attribute, spec, default in _defaults(type(obj), table):
        value = getattr(obj, attribute)
        if value is None:
            continue
        kind = spec.type
        if kind == "id":
            lines.append(f"{indent}{key}: {_quote(value)}")
            continue
        if value == default:
            continue
        if kind in ("text", "ref", "enum"):
            lines.append(f"{indent}{key}: {_quote(value)}")
            continue
        dumped = _dump_value(spec, value)
        if isinstance(dumped, list):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  {line}" for line in dumped)
        else:
            lines.append(f"{indent}{key}: {dumped}")


def dump(org: Org) -> str:
    """The org as YAML text in format v1; ``loads(dump(org)) == org``."""
    lines = ["version: 1"]
    org_lines: list[str] = []
    _dump_fields(org, _ORG_TABLE, "  ", org_lines)
    if org_lines:
        lines.append("org:")
        lines.extend(org_lines)
    for section, cls in SECTIONS.items():
        entities = getattr(org, section)
        if not entities:
            if org.has_section(section):  # stated empty: a statement, kept (not "absent")
                lines.append(f"{section}: []")
            continue
        lines.append(f"{section}:")
        for entity in entities:
            entity_lines: list[str] = []
            _dump_fields(entity, _TABLES[cls], "    ", entity_lines)
            entity_lines[0] = "  - " + entity_lines[0][4:]
            lines.extend(entity_lines)
    lint = org.lint
    if lint != LintConfig():
        lines.append("lint:")
        if lint.select is not None:
            lines.append(f"  select: [{', '.join(_quote(s) for s in lint.select)}]")
        if lint.ignore:
            lines.append(f"  ignore: [{', '.join(_quote(s) for s in lint.ignore)}]")
        if lint.scope is not None:
            lines.append(f"  scope: {lint.scope}")
        if lint.severity:
            lines.append("  severity:")
            lines.extend(f"    {_quote(k)}: {v}" for k, v in lint.severity.items())
        if lint.options:
            lines.append("  options:")
            for rule, values in lint.options.items():
                lines.append(f"    {_quote(rule)}:")
                for key, value in values.items():
                    if isinstance(value, tuple):
                        text = "[" + ", ".join(_quote(v) for v in value) + "]"
                    else:
                        text = _quote(value) if not _FLOAT_RE.fullmatch(value) else value
                    lines.append(f"      {_quote(key)}: {text}")
    return "\n".join(lines) + "\n"
