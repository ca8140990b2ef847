"""HTTP routes of privacy requests: download my data, erase me. Both are audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response, status

from identity.accounts.sessions import clear_cookie
from identity.people import service as people
from identity.people.access import PersonCaller, me, org_path
from identity.privacy import service
from identity.privacy.schemas import ErasureRequest
from identity.settings import IdentitySettings
from kit.db import DbSession
from kit.problems import problem_responses

router = APIRouter(prefix="/me", tags=["privacy"])


@router.get(
    "/export",
    summary="Download all my data as JSON (audited)",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}}, "description": "All my data"},
        **problem_responses(401, 403),
    },
)
async def export_my_data(caller: PersonCaller, db: DbSession) -> Response:
    person = me(caller)
    await people.audit(db, caller.actor, "person.exported", person, await org_path(db, person.unit_id))
    document = await service.export(db, person)
    filename = f"dla-my-data-{datetime.now(UTC).date().isoformat()}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@router.post(
    "/erasure",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase my personal data (cannot be undone; ends every session; audited)",
    responses=problem_responses(401, 403, 422),
)
async def erase_me(body: ErasureRequest, caller: PersonCaller, request: Request, db: DbSession) -> Response:
    await people.erase(db, me(caller), actor=caller.actor)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    settings: IdentitySettings = request.app.state.settings
    clear_cookie(response, settings)
    return response
