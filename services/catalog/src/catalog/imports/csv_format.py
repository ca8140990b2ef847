"""The CSV file of learning items: bytes to a table of cells and back, with the file-level errors.

Only the file is judged here (encoding, delimiter, header, size); what each cell means is
`cells.py`'s business. Pure functions, no I/O.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kit.problems import DlaError

MAX_BYTES = 5 * 1024 * 1024
# Each row is written through the items service (about seven statements): a thousand rows stay
# well within the gateway's upstream timeout. Larger loads are split into several files.
MAX_ROWS = 1000
DELIMITERS = {"comma": ",", "semicolon": ";"}
# Tab too: "Unicode text" from Excel and pasted tables.
_READ_DELIMITERS = (",", ";", "\t")
KEY_COLUMN = "external_id"
LANGUAGE_FIELDS = ("title", "summary", "body")
REQUIRED_COLUMNS = (
    "external_id",
    "kind",
    "title_en",
    "title_lt",
    "summary_en",
    "summary_lt",
    "duration_minutes",
    "languages",
)
OTHER_COLUMNS = (
    "slug",
    "url",
    "format",
    "provider",
    "licence",
    "cost_eur",
    "accessibility",
    "competences",
    "prerequisites",
    "visibility",
    "owner",
)
_LANGUAGE_COLUMN = re.compile(r"^(title|summary|body)_([a-z]{2,3})(?:-([a-z]{2}))?$")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection); exports put a
# quote mark before it and imports take that one mark away again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SEP_LINE = re.compile(r"^sep=([,;\t|])\r?\n", re.IGNORECASE)


class FileEncodingError(DlaError):
    status, slug, title = 415, "csv-encoding", "The file is not UTF-8 text"


class EmptyFile(DlaError):
    status, slug, title = 422, "csv-empty", "The file has no items"


class HeaderError(DlaError):
    status, slug, title = 422, "csv-header", "The header row is not valid"


class MalformedFile(DlaError):
    status, slug, title = 422, "csv-malformed", "The file is not well-formed CSV"


class FileTooLarge(DlaError):
    status, slug, title = 413, "csv-too-large", "The file is too large"


@dataclass(frozen=True)
class Row:
    """One item row: its number as a spreadsheet shows it (the header is row 1) and its cells."""

    number: int
    cells: Mapping[str, str]
    # Non-empty cells to the right of the last named column.
    overflow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A parsed file: the normalised column names and the non-blank rows."""

    columns: tuple[str, ...]
    rows: list[Row]
    delimiter: str


def language_column(name: str) -> tuple[str, str] | None:
    """`title_lt` → ("title", "lt"), `body_pt-br` → ("body", "pt-BR"); None for other columns."""
    match = _LANGUAGE_COLUMN.match(name)
    if match is None:
        return None
    field, language, region = match.groups()
    return field, f"{language}-{region.upper()}" if region else language


def decode(data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's text: UTF-8 with or without a byte order mark, or a 4xx saying what it is instead."""
    if len(data) > max_bytes:
        raise FileTooLarge(f"The file is larger than {max_bytes} bytes; split it into smaller files.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileEncodingError(_SAVE_AS_UTF8.format(what="The file is UTF-16 text (Excel's 'Unicode text')"))
    if b"\x00" in data:
        raise FileEncodingError("The file is binary, not CSV text. Upload a .csv file saved as UTF-8.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        what = (
            f"Byte 0x{data[exc.start]:02X} on line {line} is not UTF-8 (Windows-1257 or another code page?)"
        )
        raise FileEncodingError(_SAVE_AS_UTF8.format(what=what)) from exc


_SAVE_AS_UTF8 = "{what}. Save the file as 'CSV UTF-8 (comma delimited)' and upload it again."


def read_table(text: str, *, max_rows: int = MAX_ROWS) -> Table:
    """The header and non-blank rows of a CSV text, delimited by commas, semicolons or tabs."""
    # Excel writes (and hides) a first line `sep=;` to say which delimiter the file uses.
    declared = _SEP_LINE.match(text)
    if declared:
        text = text[declared.end() :]
    if not text.strip():
        raise EmptyFile("The file is empty: it needs a header row and at least one item row.")
    delimiter = declared[1] if declared else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader)
    columns = _header(next(records)[1])
    rows: list[Row] = []
    for number, record in records:
        cells = [unescape(cell.strip()) for cell in record]
        if not any(cells):
            continue
        if len(rows) == max_rows:
            raise FileTooLarge(f"The file has more than {max_rows} item rows; split it into smaller files.")
        named = dict(zip(columns, cells, strict=False))
        rows.append(Row(number, named, tuple(cell for cell in cells[len(columns) :] if cell)))
    if not rows:
        raise EmptyFile("The file has a header row but no item rows.")
    return Table(columns, rows, delimiter)


def _records(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[str]]]:
    number = 0
    iterator = iter(reader)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except csv.Error as exc:
            raise MalformedFile(f"Row {number + 1} cannot be read: {exc}. Check its quote marks.") from exc
        number += 1
        yield number, record


def _delimiter(text: str) -> str:
    """The delimiter that makes `external_id` a header cell; otherwise the one giving most cells."""
    first_line = text.lstrip("\r\n").splitlines()[0]
    best, most = ",", 0
    for candidate in _READ_DELIMITERS:
        try:
            cells = next(csv.reader([first_line], delimiter=candidate))
        except (csv.Error, StopIteration):
            continue
        if KEY_COLUMN in (_column_name(cell) for cell in cells):
            return candidate
        if len(cells) > most:
            best, most = candidate, len(cells)
    return best


def _column_name(cell: str) -> str:
    """`External ID ` → `external_id`; `Title_LT` → `title_lt`."""
    return re.sub(r"\s+", "_", cell.strip().lower())


def _header(cells: list[str]) -> tuple[str, ...]:
    names = [_column_name(cell) for cell in cells]
    while names and not names[-1]:
        names.pop()  # spreadsheets often keep empty columns on the right
    if "" in names:
        raise HeaderError(f"Column {names.index('') + 1} of the header row has no name.")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise HeaderError(f"The header row names a column twice: {', '.join(repeated)}.")
    unknown = [
        name for name in names if name not in OTHER_COLUMNS + REQUIRED_COLUMNS and not language_column(name)
    ]
    if unknown:
        known = ", ".join(REQUIRED_COLUMNS + OTHER_COLUMNS)
        raise HeaderError(
            f"Unknown column(s): {', '.join(unknown)}. Known columns: {known}, and title_, summary_ or "
            "body_ followed by a language code."
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise HeaderError(f"The header row lacks the required column(s): {', '.join(missing)}.")
    return tuple(names)


def unescape(cell: str) -> str:
    """A cell as written, without the quote mark an export put before a formula-like value."""
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")):
        return cell[1:]
    return cell


def escape(cell: str) -> str:
    """A cell that no spreadsheet runs as a formula; `unescape` gives the value back."""
    if cell.startswith(_FORMULA_START) or (cell.startswith("'") and unescape(cell) != cell):
        return "'" + cell
    return cell


def write_table(columns: Iterable[str], rows: Iterable[Mapping[str, str]], *, delimiter: str = ",") -> bytes:
    """A CSV file (UTF-8 with a byte order mark, so Excel reads the letters right; CRLF lines)."""
    out = io.StringIO(newline="")
    names = list(columns)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([escape(row.get(name, "")) for name in names])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
