"""The dev mailbox as the API shows it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class MailboxMessage(BaseModel):
    """One queued or sent message (development only)."""

    id: uuid.UUID
    to: str
    subject: str
    body: str
    kind: str
    language: str
    links: list[str]
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None


class Mailbox(BaseModel):
    items: list[MailboxMessage]
