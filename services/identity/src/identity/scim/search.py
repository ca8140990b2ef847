"""Searching Users and Groups (RFC 7644 §3.4.2, §3.4.3): filter, sort and page in SQL."""

from __future__ import annotations

from typing import Any

from scim2_models import Resource, SearchRequest, TooManyException
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from identity.organisations.models import Organisation
from identity.people.models import Person
from identity.scim.context import ScimClient
from identity.scim.errors import ScimResponse
from identity.scim.filters import AttributeMap, bind, sort_key, where
from identity.scim.groups import group_map, group_query, groups_of
from identity.scim.protocol import Window, count_and_page, list_response
from identity.scim.resources import FullGroup, FullUser
from identity.scim.users import user_map, user_query, users_of

# A root search sorted across both types merges their first rows in memory; this bounds it.
MAX_MERGED = 10_000


def _order(
    search: SearchRequest[Any],
    model: type[Resource[Any]],
    mapping: AttributeMap,
    default: list[Any],
    tiebreak: Any,
) -> list[ColumnElement[Any]]:
    key = sort_key(search.sort_binding(model), mapping) if search.sort_by is not None else None
    if key is None:
        return [*default, tiebreak]
    if search.sort_order == SearchRequest.SortOrder.descending:
        return [key.desc().nulls_first(), tiebreak.desc()]
    return [key.asc().nulls_last(), tiebreak]


def _filter(search: SearchRequest[Any], model: type[Resource[Any]]) -> Any:
    # A root search's filter is bound to both types; each type reads it on its own.
    return bind(str(search.filter), model) if search.filter is not None else None


async def _users(
    db: AsyncSession, client: ScimClient, search: SearchRequest[Any], window: Window
) -> tuple[int, list[Resource[Any]]]:
    mapping = user_map(client)
    query = user_query(client).where(where(_filter(search, FullUser), mapping))
    order = _order(search, FullUser, mapping, [Person.created_at], Person.id)
    total, rows = await count_and_page(db, query, order, window)
    return total, await users_of(db, client, [(row[0], row[1]) for row in rows])


async def _groups(
    db: AsyncSession, client: ScimClient, search: SearchRequest[Any], window: Window
) -> tuple[int, list[Resource[Any]]]:
    mapping = group_map(client)
    query = group_query(client).where(where(_filter(search, FullGroup), mapping))
    order = _order(search, FullGroup, mapping, [Organisation.created_at], Organisation.id)
    total, rows = await count_and_page(db, query, order, window)
    return total, await groups_of(db, client, [row[0] for row in rows])


async def search_users(db: AsyncSession, client: ScimClient, search: SearchRequest[Any]) -> ScimResponse:
    window = Window.of(search)
    total, resources = await _users(db, client, search, window)
    return list_response(FullUser, total, window, resources, search)


async def search_groups(db: AsyncSession, client: ScimClient, search: SearchRequest[Any]) -> ScimResponse:
    window = Window.of(search)
    total, resources = await _groups(db, client, search, window)
    return list_response(FullGroup, total, window, resources, search)


async def search_all(db: AsyncSession, client: ScimClient, search: SearchRequest[Any]) -> ScimResponse:
    """The root `/.search`: Users, then Groups; with `sortBy`, both merged in the asked order."""
    window = Window.of(search)
    if search.sort_by is not None:
        head = Window(offset=0, limit=window.offset + window.limit)
        if head.limit > MAX_MERGED:
            raise TooManyException(
                detail=f"A sorted search of every type reaches {MAX_MERGED} results at most."
            )
        user_total, users = await _users(db, client, search, head)
        group_total, groups = await _groups(db, client, search, head)
        merged = search.sort([*users, *groups])[window.offset : window.offset + window.limit]
        return list_response(FullUser | FullGroup, user_total + group_total, window, merged, search)
    user_total, users = await _users(db, client, search, window)
    group_offset = max(0, window.offset - user_total)
    group_window = Window(offset=group_offset, limit=window.limit - len(users))
    group_total, groups = await _groups(db, client, search, group_window)
    return list_response(FullUser | FullGroup, user_total + group_total, window, [*users, *groups], search)
