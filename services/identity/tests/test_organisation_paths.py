"""The database keeps `path` right and the tree acyclic, whoever writes to it."""

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from identity.database import events
from identity.organisations.models import Organisation
from identity.organisations.schemas import OrganisationCreate
from identity.organisations.service import create_organisation

from .factories.organisations import organisation_payload, small_tree


@pytest.fixture
def client(admin_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """Tree tests call as a platform admin (who may do what: test_organisations_access)."""
    return admin_client


async def paths(session: AsyncSession) -> dict[uuid.UUID, list[uuid.UUID]]:
    rows = await session.execute(select(Organisation.id, Organisation.path))
    return {org_id: list(path) for org_id, path in rows}


async def move(session: AsyncSession, org_id: str, parent_id: str | None) -> None:
    await session.execute(
        update(Organisation)
        .where(Organisation.id == uuid.UUID(org_id))
        .values(parent_id=uuid.UUID(parent_id) if parent_id else None)
    )


@pytest.mark.parametrize("new_parent", ["vrm", "vrm-hr", "vrm-hr-training"])
async def test_moving_under_itself_or_a_descendant_is_refused(
    client: httpx.AsyncClient, db_session: AsyncSession, new_parent: str
) -> None:
    tree = await small_tree(client)
    before = await paths(db_session)
    with pytest.raises(IntegrityError, match="under itself or its descendant") as refused:
        await move(db_session, tree["vrm"]["id"], tree[new_parent]["id"])
    assert refused.value.orig.diag.constraint_name == "ck_organisation_no_cycle"  # type: ignore[union-attr]
    await db_session.rollback()
    assert await paths(db_session) == before


async def test_a_move_rewrites_the_paths_of_the_whole_subtree(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    tree = await small_tree(client)
    await move(db_session, tree["vrm-hr"]["id"], tree["eimin"]["id"])
    after = await paths(db_session)
    ids = {code: uuid.UUID(org["id"]) for code, org in tree.items()}
    assert after[ids["vrm-hr"]] == [ids["lt"], ids["eimin"], ids["vrm-hr"]]
    assert after[ids["vrm-hr-training"]] == [ids["lt"], ids["eimin"], ids["vrm-hr"], ids["vrm-hr-training"]]
    assert after[ids["vrm"]] == [ids["lt"], ids["vrm"]]
    await move(db_session, tree["vrm"]["id"], None)
    assert (await paths(db_session))[ids["vrm"]] == [ids["vrm"]]


async def test_a_path_written_by_hand_is_recomputed(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await small_tree(client)
    before = await paths(db_session)
    await db_session.execute(
        update(Organisation).where(Organisation.code == "vrm-hr").values(path=[uuid.uuid4()])
    )
    assert await paths(db_session) == before


async def test_concurrent_identical_creates_make_one_row_and_one_event(dla_engine: AsyncEngine) -> None:
    # Two real transactions: the second waits on the unique code, then finds the first one's row.
    sessions = async_sessionmaker(dla_engine, expire_on_commit=False)
    data = OrganisationCreate.model_validate(organisation_payload("concurrency-probe"))
    try:
        async with sessions() as first, sessions() as second:
            created, was_created = await create_organisation(first, data)
            racing = asyncio.create_task(create_organisation(second, data))
            await asyncio.sleep(0.2)
            assert not racing.done()
            await first.commit()
            existing, second_created = await racing
            await second.commit()
        assert (was_created, second_created) == (True, False)
        assert existing.id == created.id
        async with sessions() as check:
            outbox = await check.scalars(
                select(events.outbox.c.id).where(events.outbox.c.payload["code"].astext == data.code)
            )
            assert len(outbox.all()) == 1
    finally:
        async with sessions() as cleanup, cleanup.begin():
            await cleanup.execute(
                delete(events.outbox).where(events.outbox.c.payload["code"].astext == data.code)
            )
            await cleanup.execute(delete(Organisation).where(Organisation.code == data.code))
