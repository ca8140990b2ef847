"""Results: storing one per finished session, listing a person's with growth, the review."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.directory.service import shares_with
from assessment.items import rendering
from assessment.items.models import ItemVersion
from assessment.results.models import Result
from assessment.results.schemas import Growth, ResultDetail, ResultListItem, ResultSummary, ReviewItem
from assessment.sessions.models import SessionItem, TestSession
from kit.auth import Principal, is_self
from kit.problems import NotFound


async def store_result(
    session: AsyncSession,
    test_session: TestSession,
    *,
    finished_at: datetime,
    areas: list[dict[str, Any]],
    competences: list[dict[str, Any]],
    items_answered: int,
    complete: bool,
) -> tuple[Result, bool]:
    """The session's result: (new result, True), or (the one stored before, False)."""
    inserted = await session.scalar(
        pg_insert(Result)
        .values(
            id=uuid.uuid4(),
            session_id=test_session.id,
            person_id=test_session.person_id,
            framework=test_session.framework_key,
            language=test_session.language,
            finished_at=finished_at,
            areas=areas,
            competences=competences,
            items_answered=items_answered,
            complete=complete,
            org_path=test_session.org_path,
        )
        .on_conflict_do_nothing(index_elements=[Result.session_id])
        .returning(Result)
    )
    if inserted is not None:
        return inserted, True
    return await result_of_session(session, test_session.id), False


async def result_of_session(session: AsyncSession, session_id: uuid.UUID) -> Result:
    """The result stored for a session (it exists once the session is finished)."""
    result = await session.scalar(select(Result).where(Result.session_id == session_id))
    if result is None:
        raise NotFound("This session has no result.")
    return result


def growth(
    current: Sequence[dict[str, Any]], previous: Sequence[dict[str, Any]] | None
) -> list[Growth] | None:
    """Per area, θ and level now minus at the previous result; None when there is no previous one."""
    if previous is None:
        return None
    before = {area["code"]: area for area in previous}
    return [
        Growth(
            code=area["code"],
            theta=round(area["theta"] - before[area["code"]]["theta"], 3),
            level=area["level"] - before[area["code"]]["level"],
        )
        for area in current
        if area["code"] in before
    ]


async def list_results(
    session: AsyncSession, person_id: uuid.UUID, *, limit: int, offset: int
) -> tuple[list[ResultListItem], int]:
    """A page of the person's results, newest first, each with its growth since the previous one."""
    previous = (
        func.lag(Result.areas)
        .over(partition_by=Result.framework, order_by=(Result.finished_at, Result.id))
        .label("previous_areas")
    )
    ranked = select(Result.id, previous).where(Result.person_id == person_id).subquery()
    rows = await session.execute(
        select(Result, ranked.c.previous_areas)
        .join(ranked, ranked.c.id == Result.id)
        .order_by(Result.finished_at.desc(), Result.id.desc())
        .limit(limit)
        .offset(offset)
    )
    total = await session.scalar(select(func.count()).where(Result.person_id == person_id))
    items = [
        ResultListItem.model_validate(result).model_copy(update={"growth": growth(result.areas, before)})
        for result, before in rows
    ]
    return items, total or 0


async def readable_person(session: AsyncSession, principal: Principal, person_id: uuid.UUID) -> uuid.UUID:
    """The person whose results the caller may read: themselves, or as the sharing person's supervisor.

    Anyone else, platform admins and HR included, gets NotFound: individual results are private.
    """
    if is_self(principal, person_id):
        return person_id
    if principal.person_id is not None and await shares_with(session, person_id, principal.person_id):
        return person_id
    raise NotFound("No such person's results are visible to you.")


async def get_result(session: AsyncSession, principal: Principal, result_id: uuid.UUID) -> ResultDetail:
    """One of the caller's own results with the review of every answered item, or NotFound."""
    result = await session.get(Result, result_id)
    if result is None or not is_self(principal, result.person_id):
        raise NotFound("You have no result with this id.")
    rows = await session.execute(
        select(SessionItem, ItemVersion)
        .join(ItemVersion, ItemVersion.id == SessionItem.item_version_id)
        .where(SessionItem.session_id == result.session_id, SessionItem.answered_at.is_not(None))
        .order_by(SessionItem.position)
    )
    review = [
        ReviewItem(
            position=item.position,
            skipped=item.skipped,
            correct=item.correct,
            item=rendering.review(version, result.language, item.response),
        )
        for item, version in rows
    ]
    return ResultDetail(**ResultSummary.model_validate(result).model_dump(), review=review)
