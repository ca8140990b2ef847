"""Queueing e-mail: a row in the caller's transaction, sent later by the sender loop."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from identity.mail import templates
from identity.mail.models import MailMessage


async def queue_mail(
    db: AsyncSession, *, to: str, subject: str, body: str, kind: str, language: str
) -> MailMessage:
    """Queue a message; it is sent only if the caller's transaction commits."""
    message = MailMessage(
        to_address=to,
        subject=subject[:300],
        body_text=body,
        kind=kind[:32],
        language=templates.language_of(language),
    )
    db.add(message)
    await db.flush()
    return message


async def queue_template(
    db: AsyncSession, *, to: str, kind: str, language: str, **fields: Any
) -> MailMessage:
    """Queue message `kind` from identity.mail.templates, in `language`."""
    subject, body = templates.render(kind, language, **fields)
    return await queue_mail(db, to=to, subject=subject, body=body, kind=kind, language=language)
