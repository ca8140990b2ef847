"""One row's cells as the fields of an item, with a reason for every cell that is wrong.

The cells become the same `ItemCreate` the API takes, so the file and the API accept the same
items; what only a spreadsheet writes (lists in one cell, `1.1:1-3`, a decimal comma) is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from catalog.imports.csv_format import LANGUAGE_FIELDS, Row, language_column
from catalog.imports.schemas import RowError
from catalog.items.schemas import DIGCOMP_22, ItemCreate

BILINGUAL = ("en", "lt")
MAX_VALUE_SHOWN = 200
MAX_PREREQUISITES = 50
_LIST_SEPARATOR = re.compile(r"[;,]")
_COMPETENCE = re.compile(r"^(?P<code>\d+\.\d+)(?::(?P<low>\d+)(?:-(?P<high>\d+))?)?$")
_WHOLE_NUMBER = re.compile(r"^\d+$")
# Columns whose cell is the value as it is (empty cells are left out, so defaults apply).
_PLAIN = ("external_id", "slug", "url", "provider", "licence")
# Columns naming one of a few values: `Micro-lesson` and `micro lesson` mean `micro_lesson`.
_CHOICES = ("kind", "format", "visibility", "owner")
# Where a schema field's errors are shown when the column cannot be told from the error itself.
_COLUMN_OF_FIELD = {"competence_levels": "competences"}


@dataclass
class ParsedRow:
    """A row read into item fields; `errors` empty means `fields` validate as an `ItemCreate`."""

    row: Row
    fields: dict[str, Any] = field(default_factory=dict)
    prerequisites: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def external_id(self) -> str:
        """The row's key (empty when the cell is)."""
        return self.row.cells.get("external_id", "")

    def fail(self, column: str | None, reason: str, code: str, value: str | None = None) -> None:
        """Record one thing wrong with the row."""
        if value is None and column is not None:
            value = self.row.cells.get(column)
        shown = value if value is None or len(value) <= MAX_VALUE_SHOWN else value[:MAX_VALUE_SHOWN] + "…"
        self.errors.append(
            RowError(row=self.row.number, column=column, value=shown, reason=reason, code=code)
        )


def choice(cell: str) -> str:
    """`Screen reader friendly` → `screen_reader_friendly`."""
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def split_list(cell: str) -> list[str]:
    """`en; lt` → ["en", "lt"]: separated by semicolons or commas, blanks and repeats dropped."""
    return list(dict.fromkeys(part.strip() for part in _LIST_SEPARATOR.split(cell) if part.strip()))


def parse_row(row: Row) -> ParsedRow:
    """Read every cell of a row; `ItemCreate` then judges the values (prerequisites still as ids)."""
    parsed = ParsedRow(row)
    cells = row.cells
    if row.overflow:
        parsed.fail(
            None, "The row has more cells than the header has columns.", "extra_cells", row.overflow[0]
        )
    for name in _PLAIN:
        if cells.get(name):
            parsed.fields[name] = cells[name]
    if not cells.get("external_id"):
        parsed.fail("external_id", "Every row needs an external_id, your own id for the item.", "required")
    for name in _CHOICES:
        if cells.get(name):
            parsed.fields[name] = choice(cells[name])
    _texts(parsed)
    _duration(parsed)
    _cost(parsed)
    if "languages" in cells:
        parsed.fields["languages"] = split_list(cells["languages"])
    if "accessibility" in cells:
        parsed.fields["accessibility"] = [choice(value) for value in split_list(cells["accessibility"])]
    _competences(parsed)
    parsed.prerequisites = split_list(cells.get("prerequisites", ""))
    if len(parsed.prerequisites) > MAX_PREREQUISITES:
        reason = f"An item may have at most {MAX_PREREQUISITES} prerequisites."
        parsed.fail("prerequisites", reason, "too_many_prerequisites")
        parsed.prerequisites = []
    return parsed


def _texts(parsed: ParsedRow) -> None:
    for column, value in parsed.row.cells.items():
        split = language_column(column)
        if split and value:
            parsed.fields.setdefault(split[0], {})[split[1]] = value
    for name in ("title", "summary"):
        for language in BILINGUAL:
            if not parsed.fields.get(name, {}).get(language):
                parsed.fail(
                    f"{name}_{language}",
                    f"The {name} in '{language}' is required: the catalog is bilingual.",
                    "required",
                )


def _duration(parsed: ParsedRow) -> None:
    cell = parsed.row.cells.get("duration_minutes", "")
    if not cell:
        parsed.fail("duration_minutes", "The duration in minutes is required.", "required")
    elif not _WHOLE_NUMBER.match(cell):
        parsed.fail(
            "duration_minutes", "The duration must be a whole number of minutes, e.g. 45.", "not_integer"
        )
    elif int(cell) <= 0:
        parsed.fail("duration_minutes", "The duration must be at least 1 minute.", "not_positive")
    else:
        parsed.fields["duration_minutes"] = int(cell)


def _cost(parsed: ParsedRow) -> None:
    cell = parsed.row.cells.get("cost_eur", "").replace("€", "").replace(" ", "")
    if not cell:
        return
    try:
        parsed.fields["cost_eur"] = Decimal(cell.replace(",", "."))
    except InvalidOperation:
        parsed.fail("cost_eur", "The cost must be a number of euros, e.g. 12.50 (or 12,50).", "not_a_number")


def _competences(parsed: ParsedRow) -> None:
    tags: list[dict[str, Any]] = []
    for part in split_list(parsed.row.cells.get("competences", "")):
        match = _COMPETENCE.match(part.replace(" ", ""))
        if match is None:
            parsed.fail(
                "competences",
                "Write each competence as code:levels, e.g. 1.1:1-3 or 2.4:2.",
                "bad_competence",
                part,
            )
            continue
        code, low, high = match["code"], match["low"], match["high"]
        if code not in DIGCOMP_22:
            parsed.fail(
                "competences",
                f"{code} is not a DigComp 2.2 competence (1.1-1.3, 2.1-2.6, 3.1-3.4, 4.1-4.4, 5.1-5.4).",
                "unknown_competence",
                part,
            )
            continue
        level_min = int(low) if low else 1
        level_max = int(high) if high else (level_min if low else 8)
        if not 1 <= level_min <= level_max <= 8:
            parsed.fail(
                "competences", f"The levels of {code} must run upwards within 1-8.", "bad_levels", part
            )
            continue
        if any(tag["code"] == code for tag in tags):
            parsed.fail("competences", f"{code} is given twice.", "duplicate_competence", part)
            continue
        tags.append({"code": code, "level_min": level_min, "level_max": level_max})
    parsed.fields["competence_levels"] = tags


def validate(parsed: ParsedRow, **extra: Any) -> ItemCreate | None:
    """The row as an `ItemCreate` (with `extra` fields such as the slug), or None with its errors
    recorded. Fields the row already reported are not reported twice."""
    try:
        return ItemCreate.model_validate({**parsed.fields, **extra})
    except ValidationError as exc:
        reported = {error.column for error in parsed.errors}
        for error in exc.errors():
            column = _column(error["loc"])
            if column is not None and column in reported:
                continue
            parsed.fail(column, _reason(error), str(error["type"]))
        return None


def _column(loc: tuple[int | str, ...]) -> str | None:
    if not loc:
        return None
    name = str(loc[0])
    if name in LANGUAGE_FIELDS:
        return f"{name}_{loc[1]}" if len(loc) > 1 and isinstance(loc[1], str) else f"{name}_en"
    return _COLUMN_OF_FIELD.get(name, name)


def _reason(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ") or "Not valid"
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")
