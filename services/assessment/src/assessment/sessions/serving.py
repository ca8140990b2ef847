"""Serving items and recording answers.

The item at a position is chosen once and stored, so every device and every retry sees the same
one; the session row is locked while choosing, so two devices asking at once get one position.
Answers are scored on the server and never echoed back as right or wrong before the result.
"""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from assessment import engine
from assessment.items import content, rendering
from assessment.items.schemas import LearnerItem
from assessment.sessions.bank import (
    Served,
    answers_of,
    candidates,
    prior_mean,
    progress_of,
    rng_for,
    served_items,
    session_config,
)
from assessment.sessions.exceptions import AlreadyAnswered, ItemNotServed, SessionFinished, SessionPaused
from assessment.sessions.models import SessionItem, TestSession
from assessment.sessions.schemas import CurrentItem, ResponseIn, ResponseRecorded, SessionStatus
from assessment.sessions.service import locked, now
from kit.auth import Principal


def require_in_progress(test_session: TestSession) -> None:
    """SessionPaused or SessionFinished unless the session is being taken."""
    if test_session.status == SessionStatus.paused.value:
        raise SessionPaused("Resume the test first.")
    if test_session.status == SessionStatus.finished.value:
        raise SessionFinished("This test is finished.")


def _render(test_session: TestSession, entry: Served) -> LearnerItem:
    """The item as the learner sees it; its option order is fixed for the session and position."""
    return rendering.for_learner(entry.version, test_session.language, test_session.seed + entry.row.position)


async def _serve_next(
    session: AsyncSession, test_session: TestSession, served: list[Served]
) -> Served | None:
    """Choose the next item and store it at the next position; None when the test is complete."""
    position = len(served) + 1
    pool = await candidates(session, test_session, served)
    # In a worker thread: the first choice from a bank fits its exposure parameters (about 1 s for
    # the shipped bank, once per bank and process), which must not hold up the other requests.
    chosen = await asyncio.to_thread(
        engine.select_next,
        [entry.bank_item for entry in served] + [item for _, item in pool.values()],
        answers_of(served),
        session_config(test_session),
        rng_for(test_session, position),
        prior_mean(test_session),
    )
    if chosen is None:
        return None
    version, item = pool[chosen.id]
    # The one chosen is shown, so its document is read now (the others never are).
    await session.refresh(version, attribute_names=["content", "answer"])
    served_at = test_session.updated_at = await now(session)
    # Every column given, so nothing is left to load from the server after the insert.
    row = SessionItem(
        session_id=test_session.id,
        position=position,
        item_version_id=version.id,
        served_at=served_at,
        skipped=False,
        scored=not item.pretest,
    )
    session.add(row)
    await session.flush()
    return Served(row, version, item)


async def current(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> CurrentItem:
    """The item at the current position, chosen and stored when there is none yet."""
    test_session = await locked(session, principal, session_id)
    require_in_progress(test_session)
    served = await served_items(session, test_session.id)
    entry = served[-1] if served and served[-1].row.answered_at is None else None
    if entry is None:
        entry = await _serve_next(session, test_session, served)
        if entry is not None:
            served.append(entry)
    progress = progress_of(test_session, served)
    if entry is None:
        return CurrentItem(position=None, item=None, complete=True, progress=progress)
    return CurrentItem(
        position=entry.row.position, item=_render(test_session, entry), complete=False, progress=progress
    )


def _recorded(test_session: TestSession, served: list[Served], position: int) -> ResponseRecorded:
    """The answer's receipt; progress as of that position, so a retry later gets the same body."""
    upto = [entry for entry in served if entry.row.position <= position]
    return ResponseRecorded(position=position, progress=progress_of(test_session, upto))


async def answer(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID, position: int, body: ResponseIn
) -> ResponseRecorded:
    """Record the answer (or skip) to the item served at `position`; the same answer again is a no-op."""
    test_session = await locked(session, principal, session_id)
    served = await served_items(session, test_session.id)
    entry = next((e for e in served if e.row.position == position), None)
    if entry is None or entry.row.item_version_id != body.item_id:
        raise ItemNotServed(f"Item {body.item_id} is not the one served at position {position}.")
    normal = None if body.skipped else content.validate_response(entry.version, body.answer)
    row = entry.row
    if row.answered_at is not None:
        if (row.skipped, row.response) != (bool(body.skipped), normal):
            raise AlreadyAnswered(f"Position {position} already has another answer.")
        return _recorded(test_session, served, position)
    require_in_progress(test_session)
    row.skipped = bool(body.skipped)
    row.response = normal
    row.correct = None if body.skipped else content.score(entry.version, normal)
    row.time_ms = body.time_ms
    row.answered_at = test_session.updated_at = await now(session)
    await session.flush()
    return _recorded(test_session, served, position)
