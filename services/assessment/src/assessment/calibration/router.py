"""HTTP routes of calibration runs: what each run estimated and flagged, for content editors."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from assessment.calibration import service
from assessment.calibration.models import CalibrationRun
from assessment.calibration.schemas import CalibrationReport, CalibrationRunDetail, CalibrationRunSummary
from kit.auth import Principal, require_roles
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/calibration", tags=["calibration"])

# Item parameters and their fit are the bank's business: content editors (and platform admins).
Editor = Annotated[Principal, Depends(require_roles("content_editor"))]


def _summary(run: CalibrationRun) -> CalibrationRunSummary:
    return CalibrationRunSummary(
        id=run.id,
        started_at=run.started_at,
        finished_at=run.finished_at,
        responses=run.responses,
        min_responses=run.min_responses,
        applied=run.applied,
        items=run.items,
        flagged=run.flagged,
        new_versions=run.new_versions,
    )


@router.get(
    "/runs",
    response_model=Page[CalibrationRunSummary],
    responses=problem_responses(401, 403, 422),
    summary="List calibration runs, newest first (content editors)",
)
async def list_runs(session: DbSession, page: Pagination, editor: Editor) -> Page[CalibrationRunSummary]:
    runs, total = await service.list_runs(session, limit=page.limit, offset=page.offset)
    return Page[CalibrationRunSummary](
        items=[_summary(run) for run in runs], total=total, limit=page.limit, offset=page.offset
    )


@router.get(
    "/runs/{run_id}",
    response_model=CalibrationRunDetail,
    responses=problem_responses(401, 403, 404, 422),
    summary="Get a calibration run with its per-item report (content editors)",
)
async def get_run(run_id: uuid.UUID, session: DbSession, editor: Editor) -> CalibrationRunDetail:
    run = await service.get_run(session, run_id)
    report = CalibrationReport.model_validate(run.report)
    return CalibrationRunDetail(**_summary(run).model_dump(), report=report)
