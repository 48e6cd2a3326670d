"""Reading exported tables: bytes to text in the encodings real exports use, then rows.

Every cell keeps where it was read (line and column), so a problem found later by the
importer or the loader points at the source's own row and column.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
from itertools import count, repeat
from typing import Any, NamedTuple

import attrs

from orgdesign.errors import LoadError, Location, Problem
from orgdesign.loader import UNSAFE_CHARACTERS, SourceMark, _char_message

__all__ = [
    "Cell",
    "Table",
    "decode",
    "is_workbook",
    "normal_header",
    "read_sheet",
    "read_table",
    "table_from_text",
    "write_sheet",
]

# csv refuses a field over 128 KiB by default; the loader's own value limit applies later.
csv.field_size_limit(16 * 1024 * 1024)


class Cell(NamedTuple):
    """One cell's text and where it is: 1-based line, and column (the field's position).

    A named tuple: a table of 100,000 rows has a million of them (an attrs class took 0.3 s
    more to make them)."""

    text: str
    line: int
    column: int
    file: str = ""

    @property
    def mark(self) -> SourceMark:
        # tuple.__new__ straight: a mark a cell, a million of them in a large export.
        return _make_tuple(SourceMark, (self.file, self.line - 1, self.column - 1))


_make_tuple = tuple.__new__


@attrs.frozen
class Table:
    """A header row and the data rows under it, with the notes on how the bytes were read."""

    file: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    encoding: str
    delimiter: str
    notes: tuple[str, ...] = ()


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Text, the encoding used and notes on any guess.

    UTF-8 with or without a byte-order mark; UTF-16 with a mark (Excel's "Unicode text") or
    without one when every other byte is zero; else the encoding charset-normalizer detects
    when it is not a Western one (Shift-JIS, GBK, Windows-1251...), else Windows-1252 (the
    detector cannot tell the Western code pages apart on a few names). Either is said in a
    note, since it is a guess made because a byte is not UTF-8, with the ``--encoding`` that
    settles it. ``encoding`` names the encoding instead (any Python codec name).
    """
    if encoding is not None:
        return _decode_as(data, file, encoding), encoding, []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "strict"), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            raise _fail(file, "the file starts like UTF-16 but is not valid UTF-16") from None
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        try:
            return data.decode("utf-16-le"), "utf-16-le", []
        except UnicodeDecodeError:
            pass
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        try:
            return data.decode("utf-16-be"), "utf-16-be", []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
    detected = _detected(data)
    if detected is not None:
        text, used = detected
        name = _NAMES.get(used, used)
        note = (
            f"{file}: read as {name}, detected from its bytes since byte 0x{byte:02x} on line "
            f"{line} is not UTF-8; if names look wrong, pass --encoding with the right one "
            "(or export as UTF-8)"
        )
        return text, used, [note]
    try:
        text = data.decode("cp1252")
        used = "windows-1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        text = data.decode("latin-1")
        used = "latin-1"
    note = (
        f"{file}: read as {_NAMES[used]}, since byte "
        f"0x{byte:02x} on line {line} is not UTF-8; if names look wrong, pass --encoding "
        "with the right one (or export as UTF-8)"
    )
    return text, used, [note]


def _decode_as(data: bytes, file: str, encoding: str) -> str:
    """The bytes in the encoding the user named, or a located problem saying why not."""
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise _fail(
            file, f"--encoding {encoding}: no such encoding (utf-8, cp1252, shift_jis, gbk...)"
        ) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(
            file,
            f"--encoding {encoding}: byte 0x{data[exc.start]:02x} on line {line} is not "
            f"{encoding}; is the file in another encoding?",
            line,
            1,
        ) from None


_NAMES = {
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "cp932": "Shift-JIS (cp932)",
    "shift_jis": "Shift-JIS",
    "euc_jp": "EUC-JP",
    "gb18030": "GB18030 (GBK)",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "big5": "Big5",
    "cp949": "Korean (cp949)",
    "euc_kr": "EUC-KR",
    "cp1251": "Windows-1251",
    "koi8_r": "KOI8-R",
    "cp1253": "Windows-1253",
    "cp1255": "Windows-1255",
    "cp1256": "Windows-1256",
}
#: Single-byte Western code pages: on a few accented names the detector cannot tell them
#: apart (it reads Windows-1252 "Núñez" as Windows-1250 "Núńez"), so they are read as
#: Windows-1252, which is what Western exports use.
_WESTERN = frozenset(
    {
        "ascii",
        "utf_8",
        "latin_1",
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",
        "cp437",
        "cp850",
        "cp858",
        "mac_roman",
        "mac_latin2",
        "mac_iceland",
        "mac_turkish",
        *(f"iso8859_{n}" for n in (2, 3, 4, 9, 10, 13, 14, 15, 16)),
    }
)
#: How much of a file the detector reads: enough for any export's names, bounded in time.
_DETECT_BYTES = 256 * 1024


def _detected(data: bytes) -> tuple[str, str] | None:
    """The text and codec charset-normalizer finds, for a non-Western encoding that decodes
    the whole file; else None."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data[:_DETECT_BYTES]):  # the likeliest first
        if match.encoding in _WESTERN:
            return None
        try:
            text = data.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _MIXED_SCRIPTS.search(text):
            return text, match.encoding
    return None


#: A word with Hangul beside Han ideographs or kana: what GBK or Shift-JIS bytes read as
#: Korean look like (a few Chinese names are too short for the detector to tell).
_MIXED_SCRIPTS = re.compile(
    "[\uac00-\ud7af][\u3040-\u30ff\u4e00-\u9fff]|[\u3040-\u30ff\u4e00-\u9fff][\uac00-\ud7af]"
)


def _fail(file: str, message: str, line: int = 0, column: int = 0) -> LoadError:
    location = Location(file, line, column) if line else Location(file)
    return LoadError([Problem(location, message)])


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(lines: list[str], file: str) -> str:
    """The delimiter of the first lines: the one a line holds most of (the header, usually;
    a report title above it holds none), ties in the order of `_DELIMITERS`."""
    if file.lower().endswith((".tsv", ".tab", ".txt")) and any("\t" in line for line in lines):
        return "\t"
    counts = {d: max(_count_outside_quotes(line, d) for line in lines) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the order above
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def read_table(data: bytes, file: str, encoding: str | None = None) -> Table:
    """The table in an exported CSV or TSV (delimiter and encoding found from the content).

    Raises `LoadError` for an empty file and for characters the format refuses (control and
    bidirectional ones), all problems at once.
    """
    return table_from_text(*decode(data, file, encoding), file)


def table_from_text(text: str, encoding: str, notes: list[str], file: str) -> Table:
    """`read_table` for text already decoded (``encoding`` and ``notes`` as `decode` gives)."""
    if not text.strip():
        raise _fail(file, "the file is empty: export the table with its header row")
    head = [line for line in text[:65536].split("\n", 21)[:20] if line.strip()] or [""]
    delimiter = _delimiter(head, file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[Cell, ...]] = []
    problems: list[Problem] = []
    previous = 0
    header: tuple[Cell, ...] | None = None
    try:
        for fields in reader:
            line = previous + 1
            previous = reader.line_num
            if not any(field.strip() for field in fields):
                continue  # blank lines, and rows of empty cells Excel leaves at the end
            # Cell(text, line, column, file) for each field, the loop in C: a million cells
            # in a table of 100,000 rows.
            cells = tuple(
                map(
                    _make_tuple,
                    repeat(Cell),
                    zip(map(str.strip, fields), repeat(line), count(1), repeat(file)),
                )
            )
            if UNSAFE_CHARACTERS.search("\n".join(fields)):  # one search a row, then each cell
                for cell in cells:
                    bad = UNSAFE_CHARACTERS.search(cell.text)
                    if bad is not None:
                        problems.append(
                            Problem(
                                Location(file, cell.line, cell.column),
                                _char_message(bad.group()),
                            )
                        )
            if header is None:
                header = cells
            else:
                rows.append(cells)
    except csv.Error as exc:
        problems.append(Problem(Location(file, reader.line_num or 1, 1), f"unreadable row: {exc}"))
    if problems:
        raise LoadError(problems[:50])
    if header is None:
        raise _fail(file, "the file is empty: export the table with its header row")
    return Table(file, header, tuple(rows), encoding, delimiter, tuple(notes))


_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)  # statuses, types and headers repeat on every row
def normal_header(text: str) -> str:
    """A header as matched: case, spaces, punctuation and accents ignored (``Employee #`` ->
    ``employee``, ``Manager E-mail`` -> ``manageremail``, ``Prénom`` -> ``prenom``); letters
    of other scripts are kept (``社員番号``), so such headers stay apart."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub("", bare.casefold())


def is_workbook(data: bytes, file: str) -> bool:
    """Whether the bytes are an Excel workbook (.xlsx or .xlsm: a zip archive)."""
    return data.startswith(b"PK\x03\x04") or file.lower().endswith((".xlsx", ".xlsm"))


def _openpyxl(what: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise LoadError(
            [
                Problem(
                    Location(what),
                    "reading and writing .xlsx needs openpyxl: pip install 'orgdesign[xlsx]' "
                    "(or save the sheet as CSV)",
                )
            ]
        ) from None
    return openpyxl


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def read_sheet(data: bytes, file: str, sheet: str | None = None, max_rows: int = 500_000) -> Table:
    """The table on one sheet of a workbook (the first, unless ``sheet`` names one); rows and
    columns are the spreadsheet's own, 1-based."""
    openpyxl = _openpyxl(file)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: openpyxl raises many kinds
        raise _fail(file, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            match = difflib.get_close_matches(sheet, book.sheetnames, n=1, cutoff=0.6)
            hint = f"; did you mean '{match[0]}'?" if match else ""
            raise _fail(
                file,
                f"no sheet '{sheet}'{hint} (sheets: {', '.join(book.sheetnames)})",
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        header: tuple[Cell, ...] | None = None
        rows: list[tuple[Cell, ...]] = []
        problems: list[Problem] = []
        for line, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            if len(rows) > max_rows:
                raise _fail(file, f"more than {max_rows} rows; the limit is {max_rows}")
            cells = tuple(
                Cell(_cell_text(value), line, column, file)
                for column, value in enumerate(values, start=1)
            )
            while cells and not cells[-1].text:
                cells = cells[:-1]
            if not cells:
                continue
            for cell in cells:
                bad = UNSAFE_CHARACTERS.search(cell.text)
                if bad is not None:
                    problems.append(
                        Problem(Location(file, cell.line, cell.column), _char_message(bad.group()))
                    )
            if header is None:
                header = cells
            else:
                rows.append(cells)
    finally:
        book.close()
    if problems:
        raise LoadError(problems[:50])
    if header is None:
        raise _fail(file, "the sheet is empty: put the table with its header row on it")
    return Table(file, header, tuple(rows), "xlsx", "", ())


def write_sheet(rows: list[list[str]], title: str) -> bytes:
    """A one-sheet workbook of text cells, the same bytes for the same rows (fixed dates)."""
    import datetime
    import zipfile

    openpyxl = _openpyxl("--format xlsx")
    book = openpyxl.Workbook()
    worksheet = book.active
    worksheet.title = title
    for row in rows:
        worksheet.append(row)
    fixed = datetime.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    # Zip entries carry the time they were written: rewrite them with one fixed time.
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return stable.getvalue()
