"""Reading seats and the waitlist: counts per session, positions in line, registrations as shown."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.workshops.models import Registration as RegistrationRow
from catalog.workshops.schemas import Registration, RegistrationStatus

CONFIRMED = RegistrationStatus.confirmed.value
WAITLISTED = RegistrationStatus.waitlisted.value
PENDING = RegistrationStatus.pending_approval.value
CANCELLED = RegistrationStatus.cancelled.value


@dataclass(frozen=True)
class Seats:
    """How full a session is."""

    confirmed: int = 0
    waitlisted: int = 0

    def left(self, capacity: int) -> int:
        """Free seats (never negative, even if capacity was lowered below the confirmed count)."""
        return max(capacity - self.confirmed, 0)


async def seats(db: AsyncSession, session_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Seats]:
    """Confirmed and waitlisted counts of each session."""
    if not session_ids:
        return {}
    rows = await db.execute(
        select(
            RegistrationRow.session_id,
            func.count().filter(RegistrationRow.status == CONFIRMED),
            func.count().filter(RegistrationRow.status == WAITLISTED),
        )
        .where(
            RegistrationRow.session_id.in_(session_ids), RegistrationRow.status.in_([CONFIRMED, WAITLISTED])
        )
        .group_by(RegistrationRow.session_id)
    )
    found = {session_id: Seats(confirmed, waitlisted) for session_id, confirmed, waitlisted in rows}
    return {session_id: found.get(session_id, Seats()) for session_id in session_ids}


async def positions(db: AsyncSession, registrations: Sequence[RegistrationRow]) -> dict[uuid.UUID, int]:
    """The waitlist position (1 = next) of each waitlisted registration given."""
    waiting = [r for r in registrations if r.status == WAITLISTED]
    if not waiting:
        return {}
    ranked = (
        select(
            RegistrationRow.id,
            func.row_number()
            .over(partition_by=RegistrationRow.session_id, order_by=RegistrationRow.arrival)
            .label("position"),
        )
        .where(
            RegistrationRow.session_id.in_({r.session_id for r in waiting}),
            RegistrationRow.status == WAITLISTED,
        )
        .subquery()
    )
    rows = await db.execute(
        select(ranked.c.id, ranked.c.position).where(ranked.c.id.in_([r.id for r in waiting]))
    )
    return {registration_id: int(position) for registration_id, position in rows}


def registration_out(row: RegistrationRow, item_id: uuid.UUID, position: int | None) -> Registration:
    """The API shape of a registration."""
    return Registration(
        id=row.id,
        session_id=row.session_id,
        item_id=item_id,
        person_id=row.person_id,
        status=RegistrationStatus(row.status),
        waitlist_position=position if row.status == WAITLISTED else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        cancelled_at=row.cancelled_at,
        promoted_at=row.promoted_at,
        attended=row.attended,
    )


async def active_registration(
    db: AsyncSession, session_id: uuid.UUID, person_id: uuid.UUID, *, lock: bool = False
) -> RegistrationRow | None:
    """The person's live (not cancelled) registration for the session."""
    query = select(RegistrationRow).where(
        RegistrationRow.session_id == session_id,
        RegistrationRow.person_id == person_id,
        RegistrationRow.status != CANCELLED,
    )
    if lock:
        query = query.with_for_update()
    return await db.scalar(query)


async def my_registrations(
    db: AsyncSession, session_ids: Sequence[uuid.UUID], person_id: uuid.UUID
) -> dict[uuid.UUID, RegistrationRow]:
    """The person's live registration of each session they hold one for."""
    if not session_ids:
        return {}
    rows = await db.scalars(
        select(RegistrationRow).where(
            RegistrationRow.session_id.in_(session_ids),
            RegistrationRow.person_id == person_id,
            RegistrationRow.status != CANCELLED,
        )
    )
    return {row.session_id: row for row in rows}
