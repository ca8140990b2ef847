"""Finishing a session: score it, store its result and publish `assessment.completed`, once."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment import engine
from assessment.engine.model import BankItem
from assessment.frameworks.models import Area, Competence
from assessment.results.events import publish_completed
from assessment.results.models import Result
from assessment.results.service import result_of_session, store_result
from assessment.sessions.bank import Served, answers_of, prior_mean, served_items, session_config
from assessment.sessions.exceptions import NothingAnswered
from assessment.sessions.models import TestSession
from assessment.sessions.schemas import SessionStatus
from assessment.sessions.service import locked, now
from kit.auth import Principal


def _rounded(entry: engine.AreaResult | engine.CompetenceResult) -> dict[str, Any]:
    """An area or competence result as stored: θ and SE to 4 places are more than measured."""
    values = dataclasses.asdict(entry)
    values["theta"], values["se"] = round(values["theta"], 4), round(values["se"], 4)
    return values


async def _report_bank(
    session: AsyncSession, test_session: TestSession, served: Sequence[Served]
) -> dict[str, BankItem]:
    """The served items, plus one never-answered stand-in per competence of the framework.

    The engine reports the competences its bank names; a stand-in is never answered, so it adds
    no information, but every competence of the framework is in the result (a competence with no
    answers reports its area's estimate with a wider range).
    """
    bank = {entry.bank_item.id: entry.bank_item for entry in served}
    rows = await session.execute(
        select(Area.code, Competence.code)
        .join(Competence, Competence.area_id == Area.id)
        .where(Area.framework_id == test_session.framework_id)
    )
    for area, code in rows:
        stand_in = BankItem(id=f"competence:{code}", area=area, competence=code, a=1.0, b=0.0)
        bank[stand_in.id] = stand_in
    return bank


async def finish(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> Result:
    """The session's result: scored and stored now, or the one stored when it was finished before.

    The result, the status and the event are written in one transaction, so the event is
    published exactly once, and only with its result.
    """
    test_session = await locked(session, principal, session_id)
    if test_session.status == SessionStatus.finished.value:
        return await result_of_session(session, test_session.id)
    served = await served_items(session, test_session.id)
    answered = [entry for entry in served if entry.row.answered_at is not None]
    if not answered:
        raise NothingAnswered("Answer at least one item before finishing.")
    bank = await _report_bank(session, test_session, served)
    config = session_config(test_session)
    report = engine.report(bank, answers_of(served), config, prior_mean(test_session))
    finished_at = await now(session)
    result, _ = await store_result(
        session,
        test_session,
        finished_at=finished_at,
        areas=[_rounded(area) for area in report.areas],
        competences=[_rounded(competence) for competence in report.competences],
        items_answered=sum(1 for e in answered if e.row.scored and not e.row.skipped),
        # Precision reached, not merely stopped: a test cut off at its maximum length is not complete.
        complete=all(area.se <= config.se_target for area in report.areas),
    )
    test_session.status = SessionStatus.finished.value
    test_session.finished_at = test_session.updated_at = finished_at
    test_session.paused_at = None
    await session.flush()
    await publish_completed(session, result)
    return result
