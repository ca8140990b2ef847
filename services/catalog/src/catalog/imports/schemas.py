"""API shapes of CSV imports: the options and the validation report."""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import BaseModel, Field

from kit.problems import Problem


class ImportMode(StrEnum):
    """What to do with a file that has bad rows."""

    all_or_nothing = "all_or_nothing"
    only_valid_rows = "only_valid_rows"


class Outcome(StrEnum):
    """What an import did to one item."""

    created = "created"
    updated = "updated"
    unchanged = "unchanged"


class RowError(BaseModel):
    """One thing wrong with one row of the file."""

    row: int = Field(description="The row as a spreadsheet numbers it: the header is row 1.")
    column: str | None = Field(description="The column at fault; null when it is the whole row.")
    value: str | None = Field(description="The cell as written (shortened when long).")
    reason: str = Field(description="What is wrong and how to fix it, in English.")
    code: str = Field(
        description="A stable code to translate the reason by, e.g. `unknown_competence`, `required`."
    )


class ImportedRow(BaseModel):
    """One row that was (or in a dry run would be) imported."""

    row: int
    external_id: str
    outcome: Outcome
    item_id: uuid.UUID | None = Field(description="Null for an item a dry run would create.")


class ImportReport(BaseModel):
    """What an import found and did; with bad rows it is also the `report` of the 422 problem."""

    mode: ImportMode
    dry_run: bool
    imported: bool = Field(description="Whether the valid rows were written (false for a dry run).")
    rows: int = Field(description="Item rows in the file (blank rows are not counted).")
    valid: int
    invalid: int
    created: int
    updated: int
    unchanged: int
    errors: list[RowError]
    items: list[ImportedRow]


class ImportProblem(Problem):
    """The 422 problem of an import that wrote nothing because of bad rows (`report` says which)."""

    report: ImportReport | None = None
