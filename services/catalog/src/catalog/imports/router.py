"""HTTP routes of CSV import and export of learning items (content editors)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from catalog.imports import csv_format, export, service
from catalog.imports.schemas import ImportMode, ImportProblem, ImportReport
from catalog.items.dependencies import person_editor
from catalog.items.schemas import ItemKind, ItemStatus
from kit.auth import Principal
from kit.db import DbSession
from kit.problems import PROBLEM_MEDIA_TYPE, DlaError, problem_body, problem_responses

router = APIRouter(tags=["imports"])


# As for every change of an item: each version names the person who made it.
Editor = Annotated[Principal, Depends(person_editor("Items are imported and exported by people."))]
CSV_MEDIA_TYPE = "text/csv"
# What browsers and spreadsheets label a .csv file with; the bytes are checked, not the label.
_CSV_TYPES = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"}


class UnsupportedMediaType(DlaError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


_REPORT_PROBLEM = {
    "model": ImportProblem,
    "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ImportProblem"}}},
    "description": "Bad rows (the report lists each) and nothing was written, or the file cannot be read",
}
_CSV_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The CSV file as it is (UTF-8; see docs/catalog-csv.md for the columns).",
        "content": {CSV_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _check_media_type(request: Request) -> None:
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    if media_type.strip().lower() not in _CSV_TYPES:
        raise UnsupportedMediaType("Send the file as the request body with Content-Type: text/csv.")
    charset = next(
        (
            value.strip().strip('"').lower()
            for name, _, value in (p.partition("=") for p in parameters.split(";"))
            if name.strip().lower() == "charset"
        ),
        "utf-8",
    )
    if charset.replace("_", "-") not in {"utf-8", "utf8"}:
        raise csv_format.FileEncodingError(
            f"The file is declared as {charset}; save it as 'CSV UTF-8 (comma delimited)' "
            "and upload it again."
        )


@router.post(
    "/imports/items",
    response_model=ImportReport,
    responses={**problem_responses(400, 401, 403, 413, 415), 422: _REPORT_PROBLEM},
    openapi_extra=_CSV_BODY,
    summary="Import learning items from a CSV file, with a report of every bad row (content editors)",
)
async def import_items(
    request: Request,
    session: DbSession,
    editor: Editor,
    mode: Annotated[
        ImportMode, Query(description="With bad rows: import nothing (default) or only the valid rows.")
    ] = ImportMode.all_or_nothing,
    dry_run: Annotated[bool, Query(description="Check and report, write nothing.")] = False,
    publish: Annotated[
        bool, Query(description="Publish the imported items (otherwise they are drafts).")
    ] = False,
) -> ImportReport | JSONResponse:
    _check_media_type(request)
    max_bytes = min(csv_format.MAX_BYTES, request.app.state.settings.max_body_bytes)
    options = service.ImportOptions(mode=mode, dry_run=dry_run, publish=publish)
    report = await service.import_items(session, editor, await request.body(), options, max_bytes=max_bytes)
    # Refused (422) when bad rows leave nothing to import; a dry run answers as the import would.
    if report.errors and (mode is ImportMode.all_or_nothing or not report.items):
        would = "would be" if dry_run else "was"
        body = problem_body(
            422,
            "csv-invalid-rows",
            "Some rows are not valid",
            f"{report.invalid} of {report.rows} rows have errors; nothing {would} imported.",
            instance=request.url.path,
        )
        return JSONResponse(
            {**body, "report": report.model_dump(mode="json")}, 422, media_type=PROBLEM_MEDIA_TYPE
        )
    return report


@router.get(
    "/exports/items.csv",
    response_class=Response,
    responses={
        200: {"content": {CSV_MEDIA_TYPE: {"schema": {"type": "string"}}}, "description": "The items as CSV"},
        **problem_responses(401, 403, 422),
    },
    summary="Export the items the editor may edit as CSV, in the import's format (content editors)",
)
async def export_items(
    session: DbSession,
    editor: Editor,
    item_status: Annotated[ItemStatus | None, Query(alias="status")] = None,
    kind: ItemKind | None = None,
    delimiter: Annotated[
        Literal["comma", "semicolon"], Query(description="Semicolons for a spreadsheet set to Lithuanian.")
    ] = "comma",
) -> Response:
    content = await export.export_items(
        session, editor, status=item_status, kind=kind, delimiter=csv_format.DELIMITERS[delimiter]
    )
    return Response(
        content,
        media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="dla-items.csv"'},
    )
