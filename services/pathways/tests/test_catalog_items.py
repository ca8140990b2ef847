import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from kit.testing.plugin import problem
from pathways.catalog_items.schemas import CatalogItemEvent, CatalogItemStatus
from pathways.catalog_items.service import apply_item

from .factories.catalog_events import item_data


async def remember(session: AsyncSession, slug: str, status: CatalogItemStatus, **overrides: object) -> None:
    event = CatalogItemEvent.model_validate(item_data(uuid.uuid4(), slug=slug, **overrides))
    await apply_item(session, event, status)
    await session.commit()


async def test_filters_by_competence_and_status(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    await remember(db_session, "passwords", CatalogItemStatus.published, competences=["4.2"])
    await remember(db_session, "old-passwords", CatalogItemStatus.retired, competences=["4.2"])
    await remember(db_session, "spreadsheets", CatalogItemStatus.published, competences=["1.3", "3.1"])

    async def slugs(**params: str) -> list[str]:
        return [i["slug"] for i in (await client.get("/catalog-items", params=params)).json()["items"]]

    assert await slugs() == ["old-passwords", "passwords", "spreadsheets"]
    assert await slugs(competence="4.2") == ["old-passwords", "passwords"]
    assert await slugs(competence="4.2", status="published") == ["passwords"]
    assert await slugs(status="retired") == ["old-passwords"]
    assert await slugs(competence="5.1") == []


async def test_pagination_and_bad_filters(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    for n in range(3):
        await remember(db_session, f"item-{n}", CatalogItemStatus.published)
    pages = [(await client.get("/catalog-items", params={"limit": 2, "offset": o})).json() for o in (0, 2)]
    assert [[i["slug"] for i in p["items"]] for p in pages] == [["item-0", "item-1"], ["item-2"]]
    assert {p["total"] for p in pages} == {3}
    problem(await client.get("/catalog-items", params={"competence": "security"}), 422, "validation")
    problem(await client.get("/catalog-items", params={"status": "draft"}), 422, "validation")
