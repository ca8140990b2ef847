"""HTTP routes of the catalog items pathways knows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses
from pathways.catalog_items import service
from pathways.catalog_items.schemas import CatalogItem, CatalogItemStatus
from pathways.competences import CompetenceCode

router = APIRouter(prefix="/catalog-items", tags=["catalog-items"])


@router.get(
    "",
    response_model=Page[CatalogItem],
    responses=problem_responses(422),
    summary="List the catalog items pathways has heard of",
)
async def list_catalog_items(
    session: DbSession,
    page: Pagination,
    competence: Annotated[
        CompetenceCode | None, Query(description="Only items developing this competence.")
    ] = None,
    item_status: Annotated[
        CatalogItemStatus | None, Query(alias="status", description="Only items in this state.")
    ] = None,
) -> Page[CatalogItem]:
    items, total = await service.list_items(
        session, limit=page.limit, offset=page.offset, competence=competence, status=item_status
    )
    return Page[CatalogItem](
        items=[CatalogItem.model_validate(i) for i in items],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )
