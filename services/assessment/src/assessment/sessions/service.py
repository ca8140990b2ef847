"""Session lifecycle: start (idempotent, with the retake cool-down), read, pause, resume.

Every read or change goes through `owned` or `locked`: a session is visible only to the person
who took it, and anyone else (an admin, a supervisor, another organisation) gets NotFound.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessment import engine
from assessment.engine.model import EngineConfig
from assessment.frameworks.models import Area, Framework
from assessment.results.models import Result
from assessment.sessions.bank import Served, config_snapshot, progress_of, served_items
from assessment.sessions.exceptions import RetakeCooldown, SessionFinished
from assessment.sessions.models import OPEN_STATUSES, TestSession
from assessment.sessions.schemas import SessionStart, SessionStatus, SessionView
from kit.auth import Principal
from kit.problems import Forbidden, Invalid, NotFound


def learner(principal: Principal) -> uuid.UUID:
    """The person taking tests; machine clients have no sessions."""
    if principal.person_id is None:
        raise Forbidden("Tests are taken by people, with a person's token.")
    return principal.person_id


async def owned(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> TestSession:
    """The caller's own session, or NotFound."""
    found = await session.scalar(
        select(TestSession).where(TestSession.id == session_id, TestSession.person_id == learner(principal))
    )
    if found is None:
        raise NotFound("You have no test session with this id.")
    return found


async def locked(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> TestSession:
    """The caller's own session, its row locked until the transaction ends (one change at a time)."""
    found = await session.scalar(
        select(TestSession)
        .where(TestSession.id == session_id, TestSession.person_id == learner(principal))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if found is None:
        raise NotFound("You have no test session with this id.")
    return found


async def _framework(session: AsyncSession, request: SessionStart) -> tuple[Framework, list[str]]:
    """The active framework version asked for and its area codes, or Invalid."""
    framework = await session.scalar(
        select(Framework).where(Framework.key == request.framework, Framework.status == "active")
    )
    if framework is None:
        raise Invalid(f"No active framework has the key '{request.framework}'.")
    # Every text of a framework exists in every language it declares, so its title names them.
    if request.language not in framework.title:
        raise Invalid(f"Framework '{framework.key}' is not available in '{request.language}'.")
    areas = await session.scalars(
        select(Area.code).where(Area.framework_id == framework.id).order_by(Area.position)
    )
    return framework, list(areas)


def _prior(request: SessionStart, config: EngineConfig) -> dict[str, object] | None:
    """The self-assessment as given and the prior means it implies, or None."""
    if not request.self_assessment:
        return None
    unknown = sorted(set(request.self_assessment) - set(config.areas))
    if unknown:
        raise Invalid(f"The framework has no area {', '.join(unknown)}.")
    mean = engine.self_assessment_prior(request.self_assessment, config)
    return {"ratings": request.self_assessment, "mean": [float(value) for value in mean]}


async def _check_cooldown(session: AsyncSession, person_id: uuid.UUID, framework: str, days: int) -> None:
    """RetakeCooldown when the person finished this framework's test less than `days` ago."""
    last = await session.scalar(
        select(func.max(Result.finished_at)).where(
            Result.person_id == person_id, Result.framework == framework
        )
    )
    if last is not None and await now(session) < last + timedelta(days=days):
        raise RetakeCooldown(last + timedelta(days=days))


async def open_session(session: AsyncSession, person_id: uuid.UUID) -> TestSession | None:
    """The person's session in progress or paused, if any."""
    return await session.scalar(
        select(TestSession).where(TestSession.person_id == person_id, TestSession.status.in_(OPEN_STATUSES))
    )


async def start(
    session: AsyncSession,
    principal: Principal,
    request: SessionStart,
    *,
    cooldown_days: int,
    engine_config: Callable[[tuple[str, ...]], EngineConfig],
) -> tuple[TestSession, bool]:
    """A new session (…, True), or the one already open (…, False); idempotent across devices."""
    person_id = learner(principal)
    existing = await open_session(session, person_id)
    if existing is not None:
        return existing, False
    framework, areas = await _framework(session, request)
    await _check_cooldown(session, person_id, framework.key, cooldown_days)
    config = engine_config(tuple(areas))
    started_at = await now(session)
    created = await session.scalar(
        pg_insert(TestSession)
        .values(
            id=uuid.uuid4(),
            person_id=person_id,
            framework_id=framework.id,
            framework_key=framework.key,
            language=request.language,
            status=SessionStatus.in_progress.value,
            seed=secrets.randbelow(2**31),
            prior=_prior(request, config),
            engine_config=config_snapshot(config),
            org_path=list(principal.org_path),
            started_at=started_at,
            updated_at=started_at,
        )
        # A start racing another start of the same person (two devices) finds the winner's row.
        .on_conflict_do_nothing(
            index_elements=[TestSession.person_id], index_where=text("status IN ('in_progress', 'paused')")
        )
        .returning(TestSession)
    )
    if created is not None:
        return created, True
    raced = await open_session(session, person_id)
    assert raced is not None, "the conflicting open session exists"
    return raced, False


def view(
    test_session: TestSession, served: Sequence[Served], result_id: uuid.UUID | None = None
) -> SessionView:
    """The API view of a session, with its progress from its answers."""
    answered = [entry for entry in served if entry.row.answered_at is not None]
    finished = test_session.status == SessionStatus.finished.value
    return SessionView(
        id=test_session.id,
        framework=test_session.framework_key,
        language=test_session.language,
        status=SessionStatus(test_session.status),
        answered=len(answered),
        position=None if finished else len(answered) + 1,
        progress=progress_of(test_session, served),
        started_at=test_session.started_at,
        updated_at=test_session.updated_at,
        paused_at=test_session.paused_at,
        finished_at=test_session.finished_at,
        result_id=result_id,
    )


async def view_of(session: AsyncSession, test_session: TestSession) -> SessionView:
    """The view of one session, reading its items and result."""
    result_id = await session.scalar(select(Result.id).where(Result.session_id == test_session.id))
    return view(test_session, await served_items(session, test_session.id), result_id)


async def list_sessions(
    session: AsyncSession, principal: Principal, *, limit: int, offset: int
) -> tuple[list[SessionView], int]:
    """A page of the caller's sessions, newest first."""
    person_id = learner(principal)
    rows = await session.scalars(
        select(TestSession)
        .where(TestSession.person_id == person_id)
        .order_by(TestSession.started_at.desc(), TestSession.id)
        .limit(limit)
        .offset(offset)
    )
    total = await session.scalar(select(func.count()).where(TestSession.person_id == person_id))
    return [await view_of(session, row) for row in rows.all()], total or 0


async def now(session: AsyncSession) -> datetime:
    """The database's clock now.

    `clock_timestamp()`, not the transaction's `now()`: steps taken within one transaction still
    get distinct, ordered times, so "newest first" never depends on a tie between equal stamps.
    """
    value: datetime | None = await session.scalar(select(func.clock_timestamp()))
    assert value is not None
    return value


async def pause(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> TestSession:
    """Pause an open session (pausing a paused one changes nothing)."""
    test_session = await locked(session, principal, session_id)
    if test_session.status == SessionStatus.finished.value:
        raise SessionFinished("This test is finished.")
    if test_session.status == SessionStatus.in_progress.value:
        test_session.status = SessionStatus.paused.value
        test_session.paused_at = test_session.updated_at = await now(session)
        await session.flush()
    return test_session


async def resume(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> TestSession:
    """Resume a paused session on any device; it continues at the same position."""
    test_session = await locked(session, principal, session_id)
    if test_session.status == SessionStatus.finished.value:
        raise SessionFinished("This test is finished.")
    if test_session.status == SessionStatus.paused.value:
        test_session.status = SessionStatus.in_progress.value
        test_session.paused_at = None
        test_session.updated_at = await now(session)
        await session.flush()
    return test_session
