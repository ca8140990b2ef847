"""SCIM 2.0 over HTTP at `/scim/v2` (RFC 7644): discovery, Users, Groups and searches.

Every answer is `application/scim+json` and every failure a SCIM Error. Discovery needs no token
(a client reads how to authenticate there); everything else needs a client-credentials token with
the scope `scim` and reaches only the client's organisation subtree (anything else is 404).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from scim2_models import (
    Context,
    ListResponse,
    Meta,
    NotFoundException,
    PatchOp,
    Resource,
    ResourceType,
    Schema,
)
from starlette.routing import Match

from identity.scim import groups, users
from identity.scim.context import SCIM_PREFIX, Client, base_url
from identity.scim.errors import (
    SCIM_MEDIA_TYPE,
    ScimResponse,
    ScimRoute,
    error_response,
    json_body,
    scim_error,
    scim_ok,
    scim_responses,
)
from identity.scim.protocol import (
    check_if_match,
    not_modified,
    resource_response,
    response_parameters,
    search_request,
    validate,
)
from identity.scim.resources import (
    POLICY,
    PROVIDER,
    FullGroup,
    FullUser,
    service_provider_config,
)
from identity.scim.search import search_all, search_groups, search_users
from kit.db import DbSession

router = APIRouter(
    prefix=SCIM_PREFIX, tags=["scim"], route_class=ScimRoute, default_response_class=ScimResponse
)

BODY = {
    "requestBody": {
        "required": True,
        "content": {
            SCIM_MEDIA_TYPE: {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}
Filter = Annotated[str | None, Query(alias="filter", description="A SCIM filter (RFC 7644 §3.4.2.2).")]
StartIndex = Annotated[
    str | None, Query(alias="startIndex", description="1-based index of the first result.")
]
Count = Annotated[str | None, Query(alias="count", description="Results per page (at most 200).")]
SortBy = Annotated[str | None, Query(alias="sortBy")]
SortOrder = Annotated[str | None, Query(alias="sortOrder", description="ascending or descending")]
Attributes = Annotated[
    str | None, Query(alias="attributes", description="Attributes to return (comma-separated).")
]
Excluded = Annotated[str | None, Query(alias="excludedAttributes", description="Attributes to leave out.")]

# --- discovery ---------------------------------------------------------------------------------


def _resource_type(request: Request, resource_type: ResourceType) -> dict[str, Any]:
    described = resource_type.model_copy(
        update={
            "meta": Meta(
                resource_type="ResourceType",
                location=f"{base_url(request)}/ResourceTypes/{resource_type.id}",
            )
        }
    )
    return described.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _schema(request: Request, schema: Schema) -> dict[str, Any]:
    described = schema.model_copy(
        update={"meta": Meta(resource_type="Schema", location=f"{base_url(request)}/Schemas/{schema.id}")}
    )
    return described.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _listed(items: list[dict[str, Any]]) -> ScimResponse:
    return ScimResponse(
        {
            "schemas": [ListResponse.__schema__],
            "totalResults": len(items),
            "startIndex": 1,
            "itemsPerPage": len(items),
            "Resources": items,
        }
    )


@router.get(
    "/ServiceProviderConfig",
    summary="What this SCIM service supports",
    responses={**scim_ok("The configuration"), **scim_responses(500)},
)
async def get_service_provider_config(request: Request) -> Response:
    config = service_provider_config(base_url(request))
    return ScimResponse(config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))


@router.get(
    "/ResourceTypes",
    summary="The resource types: User and Group",
    responses={**scim_ok("The resource types"), **scim_responses(500)},
)
async def list_resource_types(request: Request) -> Response:
    return _listed([_resource_type(request, kind) for kind in PROVIDER.resource_types])


@router.get(
    "/ResourceTypes/{resource_type_id}",
    summary="One resource type",
    responses={**scim_ok("The resource type"), **scim_responses(404)},
)
async def get_resource_type(request: Request, resource_type_id: str) -> Response:
    for kind in PROVIDER.resource_types:
        if kind.id == resource_type_id:
            return ScimResponse(_resource_type(request, kind))
    raise NotFoundException(detail="No resource type has this id.")


@router.get(
    "/Schemas",
    summary="The schemas of Users, Groups and their extensions",
    responses={**scim_ok("The schemas"), **scim_responses(500)},
)
async def list_schemas(request: Request) -> Response:
    return _listed([_schema(request, schema) for schema in PROVIDER.schemas])


@router.get(
    "/Schemas/{schema_id}", summary="One schema", responses={**scim_ok("The schema"), **scim_responses(404)}
)
async def get_schema(request: Request, schema_id: str) -> Response:
    for schema in PROVIDER.schemas:
        if schema.id == schema_id:
            return ScimResponse(_schema(request, schema))
    raise NotFoundException(detail="No schema has this id.")


# --- Users -------------------------------------------------------------------------------------

READ = scim_responses(400, 401, 403, 404)
WRITE = scim_responses(400, 401, 403, 404, 409, 412)


def _query(
    filter_: str | None,
    start_index: str | None,
    count: str | None,
    sort_by: str | None,
    sort_order: str | None,
    attributes: str | None,
    excluded: str | None,
) -> dict[str, str]:
    given = {
        "filter": filter_,
        "startIndex": start_index,
        "count": count,
        "sortBy": sort_by,
        "sortOrder": sort_order,
        "attributes": attributes,
        "excludedAttributes": excluded,
    }
    return {key: value for key, value in given.items() if value is not None}


@router.get("/Users", summary="Find Users", responses={**scim_ok("A ListResponse"), **READ})
async def list_users(
    client: Client,
    db: DbSession,
    filter_: Filter = None,
    start_index: StartIndex = None,
    count: Count = None,
    sort_by: SortBy = None,
    sort_order: SortOrder = None,
    attributes: Attributes = None,
    excluded: Excluded = None,
) -> Response:
    query = _query(filter_, start_index, count, sort_by, sort_order, attributes, excluded)
    return await search_users(db, client, search_request(FullUser, query))


@router.post(
    "/Users/.search",
    summary="Find Users (POST)",
    responses={**scim_ok("A ListResponse"), **READ},
    openapi_extra=BODY,
)
async def search_users_post(request: Request, client: Client, db: DbSession) -> Response:
    return await search_users(db, client, search_request(FullUser, await json_body(request)))


@router.post(
    "/Users",
    status_code=201,
    summary="Provision a person",
    responses={**scim_ok("The User", 201), **WRITE},
    openapi_extra=BODY,
)
async def create_user(request: Request, client: Client, db: DbSession) -> Response:
    user = users.read_user(await json_body(request), client, Context.RESOURCE_CREATION_REQUEST)
    person = await users.create_user(db, client, user)
    created = await users.user_of(db, client, person)
    parameters = response_parameters(FullUser, request)
    return resource_response(created, Context.RESOURCE_CREATION_RESPONSE, parameters, status=201)


@router.get(
    "/Users/{user_id}",
    summary="One User",
    responses={**scim_ok("The User"), **scim_responses(304, 400, 401, 403, 404)},
)
async def get_user(request: Request, user_id: str, client: Client, db: DbSession) -> Response:
    parameters = response_parameters(FullUser, request)
    user = await users.user_of(db, client, await users.visible_person(db, client, user_id))
    return _read(request, user, parameters)


def _read(request: Request, resource: Resource[Any], parameters: Any) -> Response:
    assert resource.meta is not None
    assert resource.meta.version is not None
    if not_modified(request, resource.meta.version):
        return Response(status_code=304, headers={"ETag": resource.meta.version})
    return resource_response(resource, Context.RESOURCE_QUERY_RESPONSE, parameters)


@router.put(
    "/Users/{user_id}",
    summary="Replace a User",
    responses={**scim_ok("The User"), **WRITE},
    openapi_extra=BODY,
)
async def replace_user(request: Request, user_id: str, client: Client, db: DbSession) -> Response:
    person = await users.visible_person(db, client, user_id, lock=True)
    before = await users.user_of(db, client, person)
    _if_match(request, before)
    after = users.read_user(await json_body(request), client, Context.RESOURCE_REPLACEMENT_REQUEST, before)
    after.replace(before)
    await users.update_user(db, client, person, before, after)
    changed = await users.user_of(db, client, person)
    return resource_response(
        changed, Context.RESOURCE_REPLACEMENT_RESPONSE, response_parameters(FullUser, request)
    )


@router.patch(
    "/Users/{user_id}",
    summary="Change a User (PATCH operations)",
    responses={**scim_ok("The User"), **WRITE},
    openapi_extra=BODY,
)
async def patch_user(request: Request, user_id: str, client: Client, db: DbSession) -> Response:
    person = await users.visible_person(db, client, user_id, lock=True)
    before = await users.user_of(db, client, person)
    _if_match(request, before)
    after = _patched(before, FullUser, await json_body(request))
    await users.update_user(db, client, person, before, after)
    changed = await users.user_of(db, client, person)
    return resource_response(changed, Context.RESOURCE_PATCH_RESPONSE, response_parameters(FullUser, request))


@router.delete(
    "/Users/{user_id}",
    status_code=204,
    summary="Erase a person",
    responses={204: {"description": "Erased"}, **WRITE},
)
async def delete_user(request: Request, user_id: str, client: Client, db: DbSession) -> Response:
    person = await users.visible_person(db, client, user_id, lock=True)
    _if_match(request, await users.user_of(db, client, person))
    await users.delete_user(db, client, person)
    return Response(status_code=204)


def _if_match(request: Request, resource: Resource[Any]) -> None:
    assert resource.meta is not None
    assert resource.meta.version is not None
    check_if_match(request, resource.meta.version)


def _patched(before: Resource[Any], model: type[Resource[Any]], body: dict[str, Any]) -> Resource[Any]:
    """`before` with the request's PATCH operations applied (all or none, RFC 7644 §3.5.2)."""
    patch = validate(PatchOp[model], body, Context.RESOURCE_PATCH_REQUEST)  # type: ignore[valid-type]
    after = before.model_copy(deep=True)
    patch.patch(after, scim_policy=POLICY)
    return after


# --- Groups ------------------------------------------------------------------------------------


@router.get(
    "/Groups", summary="Find Groups (organisation units)", responses={**scim_ok("A ListResponse"), **READ}
)
async def list_groups(
    client: Client,
    db: DbSession,
    filter_: Filter = None,
    start_index: StartIndex = None,
    count: Count = None,
    sort_by: SortBy = None,
    sort_order: SortOrder = None,
    attributes: Attributes = None,
    excluded: Excluded = None,
) -> Response:
    query = _query(filter_, start_index, count, sort_by, sort_order, attributes, excluded)
    return await search_groups(db, client, search_request(FullGroup, query))


@router.post(
    "/Groups/.search",
    summary="Find Groups (POST)",
    responses={**scim_ok("A ListResponse"), **READ},
    openapi_extra=BODY,
)
async def search_groups_post(request: Request, client: Client, db: DbSession) -> Response:
    return await search_groups(db, client, search_request(FullGroup, await json_body(request)))


@router.post(
    "/Groups",
    status_code=201,
    summary="Create a unit under the client's organisation",
    responses={**scim_ok("The Group", 201), **WRITE},
    openapi_extra=BODY,
)
async def create_group(request: Request, client: Client, db: DbSession) -> Response:
    group = groups.read_group(await json_body(request), Context.RESOURCE_CREATION_REQUEST)
    unit = await groups.create_group(db, client, group)
    created = await groups.group_of(db, client, unit)
    parameters = response_parameters(FullGroup, request)
    return resource_response(created, Context.RESOURCE_CREATION_RESPONSE, parameters, status=201)


@router.get(
    "/Groups/{group_id}",
    summary="One Group",
    responses={**scim_ok("The Group"), **scim_responses(304, 400, 401, 403, 404)},
)
async def get_group(request: Request, group_id: str, client: Client, db: DbSession) -> Response:
    parameters = response_parameters(FullGroup, request)
    group = await groups.group_of(db, client, await groups.visible_unit(db, client, group_id))
    return _read(request, group, parameters)


@router.put(
    "/Groups/{group_id}",
    summary="Replace a Group",
    responses={**scim_ok("The Group"), **WRITE},
    openapi_extra=BODY,
)
async def replace_group(request: Request, group_id: str, client: Client, db: DbSession) -> Response:
    unit = await groups.visible_unit(db, client, group_id, lock=True)
    before = await groups.group_of(db, client, unit)
    _if_match(request, before)
    after = groups.read_group(await json_body(request), Context.RESOURCE_REPLACEMENT_REQUEST)
    after.replace(before)
    await groups.update_group(db, client, unit, before, after)
    changed = await groups.group_of(db, client, unit)
    return resource_response(
        changed, Context.RESOURCE_REPLACEMENT_RESPONSE, response_parameters(FullGroup, request)
    )


@router.patch(
    "/Groups/{group_id}",
    summary="Change a Group (PATCH operations)",
    responses={**scim_ok("The Group"), **WRITE},
    openapi_extra=BODY,
)
async def patch_group(request: Request, group_id: str, client: Client, db: DbSession) -> Response:
    unit = await groups.visible_unit(db, client, group_id, lock=True)
    before = await groups.group_of(db, client, unit)
    _if_match(request, before)
    after = _patched(before, FullGroup, await json_body(request))
    await groups.update_group(db, client, unit, before, after)
    changed = await groups.group_of(db, client, unit)
    return resource_response(
        changed, Context.RESOURCE_PATCH_RESPONSE, response_parameters(FullGroup, request)
    )


@router.delete(
    "/Groups/{group_id}",
    status_code=204,
    summary="Delete an empty unit",
    responses={204: {"description": "Deleted"}, **WRITE},
)
async def delete_group(request: Request, group_id: str, client: Client, db: DbSession) -> Response:
    unit = await groups.visible_unit(db, client, group_id, lock=True)
    _if_match(request, await groups.group_of(db, client, unit))
    await groups.delete_group(db, client, unit)
    return Response(status_code=204)


# --- everything else ---------------------------------------------------------------------------


@router.post(
    "/.search",
    summary="Find Users and Groups together",
    responses={**scim_ok("A ListResponse"), **READ},
    openapi_extra=BODY,
)
async def search_everything(request: Request, client: Client, db: DbSession) -> Response:
    return await search_all(db, client, search_request(FullUser | FullGroup, await json_body(request)))


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def unknown(request: Request, rest: str) -> Response:
    """404 for an unknown endpoint, 405 for a known one and another method, both as SCIM errors."""
    allowed: set[str] = set()
    for route in router.routes:
        if isinstance(route, ScimRoute) and route.endpoint is not unknown:
            match, _ = route.matches({**request.scope, "method": "__none__"})
            if match is Match.PARTIAL:
                allowed.update(route.methods or ())
    if allowed:
        return error_response(
            scim_error(405, f"{request.method} is not allowed here."), {"Allow": ", ".join(sorted(allowed))}
        )
    return error_response(scim_error(404, "There is no such SCIM endpoint."))
