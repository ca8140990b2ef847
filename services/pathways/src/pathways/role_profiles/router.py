"""HTTP routes of role profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses
from pathways.role_profiles import service
from pathways.role_profiles.schemas import RoleKey, RoleProfile, RoleProfileIn

router = APIRouter(prefix="/role-profiles", tags=["role-profiles"])

KeyPath = Annotated[RoleKey, Path(description="The profile's key, e.g. `policy_analyst`.")]


@router.get(
    "", response_model=Page[RoleProfile], responses=problem_responses(422), summary="List role profiles"
)
async def list_role_profiles(session: DbSession, page: Pagination) -> Page[RoleProfile]:
    profiles, total = await service.list_profiles(session, limit=page.limit, offset=page.offset)
    return Page[RoleProfile](
        items=[RoleProfile.model_validate(p) for p in profiles],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/{key}",
    response_model=RoleProfile,
    responses=problem_responses(404, 422),
    summary="Get one role profile",
)
async def get_role_profile(key: KeyPath, session: DbSession) -> RoleProfile:
    return RoleProfile.model_validate(await service.get_profile(session, key))


@router.put(
    "/{key}",
    response_model=RoleProfile,
    responses={
        201: {"model": RoleProfile, "description": "The profile was created"},
        **problem_responses(400, 413, 422),
    },
    summary="Create or replace a role profile (idempotent)",
)
async def put_role_profile(
    key: KeyPath, data: RoleProfileIn, session: DbSession, response: Response
) -> RoleProfile:
    profile, created = await service.put_profile(session, key, data)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return RoleProfile.model_validate(profile)
