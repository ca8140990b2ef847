"""Limit/offset pagination shared by every list endpoint."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

T = TypeVar("T")


class PageParams(BaseModel):
    """Which slice of a list the client asked for."""

    limit: int
    offset: int


def _page_params(
    limit: Annotated[int, Query(ge=1, le=100, description="Items per page (1-100).")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


Pagination = Annotated[PageParams, Depends(_page_params)]


class Page(BaseModel, Generic[T]):
    """One page of a list, with the total count for page navigation."""

    items: list[T]
    total: int
    limit: int
    offset: int
