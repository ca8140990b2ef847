"""HTTP routes of mentor profiles: read by anyone, written by content editors."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from catalog.workshops import access, mentors
from catalog.workshops.dependencies import Editor
from catalog.workshops.schemas import Mentor, MentorIn
from kit.auth import OptionalPrincipal
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/mentors", tags=["mentors"])
MentorId = Annotated[uuid.UUID, Path(description="The mentor's id.")]
_WRITE = problem_responses(400, 401, 403, 404, 409, 413, 422)


@router.get("", response_model=Page[Mentor], responses=problem_responses(422), summary="List mentors")
async def list_mentors(session: DbSession, page: Pagination, principal: OptionalPrincipal) -> Page[Mentor]:
    rows, total = await mentors.list_mentors(session, limit=page.limit, offset=page.offset)
    private = access.is_editor(principal)
    return Page[Mentor](
        items=[mentors.mentor_out(row, private=private) for row in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/{mentor_id}", response_model=Mentor, responses=problem_responses(404, 422), summary="Get a mentor"
)
async def get_mentor(mentor_id: MentorId, session: DbSession, principal: OptionalPrincipal) -> Mentor:
    row = await mentors.get_mentor(session, mentor_id)
    return mentors.mentor_out(row, private=access.is_editor(principal))


@router.post(
    "",
    response_model=Mentor,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": Mentor, "description": "The same mentor existed already"}, **_WRITE},
    summary="Create a mentor (idempotent by slug; content editors)",
)
async def create_mentor(data: MentorIn, session: DbSession, response: Response, editor: Editor) -> Mentor:
    row, created = await mentors.create_mentor(session, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return mentors.mentor_out(row, private=True)


@router.put(
    "/{mentor_id}", response_model=Mentor, responses=_WRITE, summary="Change a mentor (content editors)"
)
async def update_mentor(mentor_id: MentorId, data: MentorIn, session: DbSession, editor: Editor) -> Mentor:
    return mentors.mentor_out(await mentors.update_mentor(session, mentor_id, data), private=True)


@router.delete(
    "/{mentor_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Remove a mentor who is on no workshop (content editors)",
)
async def delete_mentor(mentor_id: MentorId, session: DbSession, editor: Editor) -> Response:
    await mentors.delete_mentor(session, mentor_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
