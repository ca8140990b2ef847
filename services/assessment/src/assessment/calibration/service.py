"""Calibration runs: read the answered responses per area, calibrate, store the report, apply.

The unit calibrated is an item's content: versions of one item with the same content and answer
key (a recalibration changes only the parameters) pool their responses, and the unit's parameters
are those of its active version (else its newest). Anchors are the active, operational versions
whose parameters came from an applied calibration; an area without any (the first run) is put on
the documented scale, θ ~ N(0, 1) in the tested population.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from assessment.calibration.analysis import AreaData, UnitItem, analyse_area
from assessment.calibration.models import CalibrationRun
from assessment.calibration.schemas import (
    AreaCalibration,
    CalibrationItemReport,
    CalibrationOutcome,
    CalibrationReport,
)
from assessment.frameworks.models import Framework
from assessment.items import service as items
from assessment.items.content import Params, document_of
from assessment.items.models import Item, ItemVersion, VersionStatus
from assessment.sessions.models import SessionItem, TestSession
from kit.problems import NotFound

MIN_RESPONSES = 200

# (session id, session language, item version id, correct)
Response = tuple[uuid.UUID, str, uuid.UUID, bool]


async def _responses(session: AsyncSession) -> Sequence[Response]:
    """Every answered response (skipped ones carry no information), pretest items included."""
    rows = await session.execute(
        select(SessionItem.session_id, TestSession.language, SessionItem.item_version_id, SessionItem.correct)
        .join(TestSession, TestSession.id == SessionItem.session_id)
        .where(SessionItem.correct.is_not(None), SessionItem.skipped.is_(False))
    )
    return [
        (session_id, language, version_id, bool(correct))
        for session_id, language, version_id, correct in rows
    ]


async def _versions(session: AsyncSession, ids: Iterable[uuid.UUID]) -> list[tuple[ItemVersion, Item, str]]:
    """The answered versions and every active one, with their item and framework key."""
    rows = await session.execute(
        select(ItemVersion, Item, Framework.key)
        .join(Item, Item.id == ItemVersion.item_id)
        .join(Framework, Framework.id == Item.framework_id)
        .where(or_(ItemVersion.id.in_(list(ids)), ItemVersion.status == VersionStatus.active.value))
    )
    return [(version, item, key) for version, item, key in rows]


async def _calibrated(session: AsyncSession) -> set[uuid.UUID]:
    """Versions written by earlier applied runs: their parameters are estimates, fit to anchor."""
    reports = await session.scalars(select(CalibrationRun.report).where(CalibrationRun.new_versions > 0))
    return {
        uuid.UUID(entry["new_version_id"])
        for report in reports
        for entry in report["items"]
        if entry.get("new_version_id")
    }


def _content_key(version: ItemVersion) -> tuple[Any, ...]:
    return (
        version.item_id,
        version.type,
        version.interaction,
        json.dumps(version.content, sort_keys=True),
        json.dumps(version.answer, sort_keys=True),
    )


def _representative(versions: list[ItemVersion]) -> ItemVersion:
    active = [v for v in versions if v.status == VersionStatus.active.value]
    return active[0] if active else max(versions, key=lambda v: v.version)


def _units(
    versions: list[tuple[ItemVersion, Item, str]], calibrated: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[tuple[str, str], UnitItem]]:
    """Each version id → its area (framework, area code) and the unit it belongs to."""
    groups: dict[tuple[Any, ...], list[ItemVersion]] = defaultdict(list)
    items_by_id = {item.id: (item, key) for _, item, key in versions}
    for version, _, _ in versions:
        groups[_content_key(version)].append(version)
    out: dict[uuid.UUID, tuple[tuple[str, str], UnitItem]] = {}
    for members in groups.values():
        rep = _representative(members)
        item, framework = items_by_id[rep.item_id]
        operational = rep.status == VersionStatus.active.value and not rep.pretest
        unit = UnitItem(
            item_id=item.id,
            version_id=rep.id,
            version=rep.version,
            key=item.key,
            competence=item.competence_code,
            a=rep.a,
            b=rep.b,
            c=rep.c,
            pretest=rep.pretest,
            anchored=operational and rep.id in calibrated,
        )
        out.update({member.id: ((framework, item.area_code), unit) for member in members})
    return out


def _areas(
    rows: Sequence[Response], units: dict[uuid.UUID, tuple[tuple[str, str], UnitItem]]
) -> list[AreaData]:
    """One sessions x units matrix per area, holding only units someone answered."""
    cells: dict[tuple[str, str], dict[tuple[uuid.UUID, uuid.UUID], float]] = defaultdict(dict)
    languages: dict[uuid.UUID, str] = {}
    for session_id, language, version_id, correct in rows:
        place, unit = units[version_id]
        cells[place][(session_id, unit.version_id)] = 1.0 if correct else 0.0
        languages[session_id] = language
    areas = []
    for (framework, area), answered in sorted(cells.items()):
        by_id = {unit.version_id: unit for where, unit in units.values() if where == (framework, area)}
        columns = sorted({version_id for _, version_id in answered}, key=lambda v: by_id[v].key)
        sessions = sorted({session_id for session_id, _ in answered})
        row_of = {s: i for i, s in enumerate(sessions)}
        col_of = {v: j for j, v in enumerate(columns)}
        matrix = np.full((len(sessions), len(columns)), np.nan)
        for (session_id, version_id), value in answered.items():
            matrix[row_of[session_id], col_of[version_id]] = value
        spoken = np.array([languages[s] for s in sessions], dtype=np.str_)
        areas.append(AreaData(framework, area, [by_id[v] for v in columns], matrix, spoken))
    return areas


async def _apply(
    session: AsyncSession, report: CalibrationItemReport, run_id: uuid.UUID
) -> CalibrationItemReport:
    """The estimates as a new version of the item, in review (an editor publishes it: four eyes)."""
    assert report.estimate is not None, "only estimated items are ready"
    item = await items.locked_item(session, report.item_id)
    version = await items.version_of(session, item.id, report.version)
    # An editor's pending change, or a version no longer served: its parameters are not ours to set.
    if item.head_version != version.version or version.status != VersionStatus.active.value:
        return report.model_copy(update={"outcome": CalibrationOutcome.not_applied})
    estimate = report.estimate
    params = Params(a=estimate.a, b=estimate.b, c=estimate.c)
    document = document_of(item, version).model_copy(update={"params": params})
    note = (
        f"Calibration run {run_id}: a {estimate.a:.2f}, b {estimate.b:.2f}, c {estimate.c:.2f} "
        f"from {report.responses} responses (was a {version.a:.2f}, b {version.b:.2f}, c {version.c:.2f})."
    )
    written = await items.write_version(
        session, item, document, status=VersionStatus.in_review, author=None, note=note
    )
    update = {
        "outcome": CalibrationOutcome.applied,
        "new_version": written.version,
        "new_version_id": written.id,
    }
    return report.model_copy(update=update)


async def _analyse(
    areas: list[AreaData], min_responses: int
) -> tuple[list[AreaCalibration], list[CalibrationItemReport]]:
    summaries, reports = [], []
    for area in areas:
        # CPU-bound numerics off the event loop, so a run inside the app does not stall requests.
        summary, rows = await asyncio.to_thread(analyse_area, area, min_responses)
        summaries.append(summary)
        reports.extend(rows)
    return summaries, reports


async def run_calibration(
    session: AsyncSession, *, apply: bool = False, min_responses: int = MIN_RESPONSES
) -> CalibrationRun:
    """Calibrate every area from all answered responses, store the run; `apply` writes new versions."""
    started = datetime.now(UTC)
    run_id = uuid.uuid4()
    rows = await _responses(session)
    versions = await _versions(session, {version_id for _, _, version_id, _ in rows})
    units = _units(versions, await _calibrated(session))
    summaries, reports = await _analyse(_areas(rows, units), min_responses)
    if apply:
        reports = [
            await _apply(session, r, run_id) if r.outcome == CalibrationOutcome.ready else r for r in reports
        ]
    run = CalibrationRun(
        id=run_id,
        started_at=started,
        # Set here: the column's now() would be the transaction's start, before the work.
        finished_at=datetime.now(UTC),
        responses=len(rows),
        min_responses=min_responses,
        applied=apply,
        items=len(reports),
        flagged=sum(r.outcome == CalibrationOutcome.flagged for r in reports),
        new_versions=sum(r.outcome == CalibrationOutcome.applied for r in reports),
        report=CalibrationReport(areas=summaries, items=reports).model_dump(mode="json"),
    )
    session.add(run)
    await session.flush()
    return run


async def list_runs(session: AsyncSession, *, limit: int, offset: int) -> tuple[list[CalibrationRun], int]:
    """Runs newest first, one page, and how many there are."""
    total = await session.scalar(select(func.count()).select_from(CalibrationRun))
    runs = await session.scalars(
        select(CalibrationRun)
        # A list shows the counts; whole reports are for one run at a time.
        .options(defer(CalibrationRun.report, raiseload=True))
        .order_by(CalibrationRun.started_at.desc(), CalibrationRun.id)
        .limit(limit)
        .offset(offset)
    )
    return list(runs), total or 0


async def get_run(session: AsyncSession, run_id: uuid.UUID) -> CalibrationRun:
    """One run with its report, or NotFound."""
    run = await session.get(CalibrationRun, run_id)
    if run is None:
        raise NotFound("No calibration run has this id.")
    return run
