"""The dev mailbox: every message identity sent or will send, for `make run` and browser tests."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from identity.mail.models import MailMessage
from identity.mail.schemas import Mailbox, MailboxMessage
from identity.settings import IdentitySettings
from kit.db import DbSession
from kit.problems import NotFound, problem_responses

router = APIRouter(tags=["dev"])
LINK = re.compile(r"https?://\S+")


@router.get(
    "/dev/mailbox",
    summary="The development mailbox, newest first (only when DLA_ENVIRONMENT=development)",
    responses=problem_responses(404, 422),
)
async def dev_mailbox(
    request: Request,
    db: DbSession,
    to: Annotated[str | None, Query(max_length=254, pattern=r"^[^\x00]*$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Mailbox:
    settings: IdentitySettings = request.app.state.settings
    if settings.environment != "development":
        raise NotFound("There is no mailbox here.")
    query = select(MailMessage).order_by(MailMessage.created_at.desc(), MailMessage.id).limit(limit)
    if to:
        query = query.where(MailMessage.to_address == to.strip().lower())
    rows = (await db.scalars(query)).all()
    return Mailbox(
        items=[
            MailboxMessage(
                id=row.id,
                to=row.to_address,
                subject=row.subject,
                body=row.body_text,
                kind=row.kind,
                language=row.language,
                links=LINK.findall(row.body_text),
                created_at=row.created_at,
                sent_at=row.sent_at,
                attempts=row.attempts,
                last_error=row.last_error,
            )
            for row in rows
        ]
    )
