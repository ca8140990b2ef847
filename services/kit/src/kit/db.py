"""Async SQLAlchemy engine and the one commit-or-rollback boundary per request."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import MetaData, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from kit.problems import Conflict

M = TypeVar("M", bound=DeclarativeBase)

# Stable constraint names, so migrations name the same thing the same way every time.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    """A MetaData for one service's schema with the shared naming convention."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def make_engine(url: str, *, pool_size: int = 5) -> AsyncEngine:
    """An async engine with pre-ping, so a restarted database does not fail the next request."""
    return create_async_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, pool_timeout=10
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the handler succeeds, roll back when it fails."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


# scope="function": commit before the response is sent, so a failed commit is the client's error
# response, never a 2xx for data that was not written.
DbSession = Annotated[AsyncSession, Depends(get_db_session, scope="function")]


async def insert_once(
    session: AsyncSession,
    model: type[M],
    key: str,
    values: Mapping[str, Any],
    *,
    defaults: Mapping[str, Any],
    conflict: str,
) -> tuple[M, bool]:
    """Create a row by natural key: (row, True), or the same values again give (existing, False).

    Other values under an existing key raise Conflict(conflict). `defaults` (id, status) are
    written on insert but not compared. ON CONFLICT makes two concurrent identical requests safe:
    one inserts and the other then finds the row, never a unique-violation error.
    """
    column = getattr(model, key)
    inserted = await session.scalar(
        insert(model)
        .values(**defaults, **values)
        .on_conflict_do_nothing(index_elements=[column])
        .returning(model)
    )
    if inserted is not None:
        return inserted, True
    existing = await session.scalar(select(model).where(column == values[key]))
    assert existing is not None, "ON CONFLICT skipped the row, so it exists"
    if any(getattr(existing, name) != value for name, value in values.items()):
        raise Conflict(conflict)
    return existing, False
