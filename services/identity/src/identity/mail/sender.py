"""Sending queued e-mail: over SMTP when `smtp_url` is set, otherwise into the dev mailbox folder."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import aiosmtplib
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.mail.models import MailMessage
from identity.settings import IdentitySettings
from kit.events.dispatcher import backoff

logger = logging.getLogger("identity.mail")

BATCH_SIZE = 20
SMTP_TIMEOUT_SECONDS = 20.0
SMTP_SCHEMES = {"smtp": (25, False, None), "smtp+starttls": (587, False, True), "smtps": (465, True, False)}


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send, from `smtp://user:pass@host:port` (also smtps:// and smtp+starttls://)."""

    host: str
    port: int
    use_tls: bool
    start_tls: bool | None
    username: str | None
    password: str | None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in SMTP_SCHEMES or not parts.hostname:
            raise ValueError("DLA_IDENTITY_SMTP_URL must look like smtp://[user:password@]host[:port]")
        port, use_tls, start_tls = SMTP_SCHEMES[parts.scheme]
        return cls(
            host=parts.hostname,
            port=parts.port or port,
            use_tls=use_tls,
            start_tls=start_tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def to_email(message: MailMessage, sender: str) -> EmailMessage:
    """The RFC 5322 message of a queued row (plain text, UTF-8)."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at or datetime.now(UTC))
    email["Message-ID"] = make_msgid(idstring=message.id.hex, domain="dla.local")
    email.set_content(message.body_text)
    email["Content-Language"] = message.language  # after set_content, which resets Content-*
    return email


class MailSender:
    """Polls due messages and sends them; several replicas may run it (SKIP LOCKED)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: IdentitySettings,
        *,
        interval: float = 1.0,
        max_attempts: int = 12,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.interval = interval
        self.max_attempts = max_attempts
        self.smtp = SmtpServer.from_url(settings.smtp_url) if settings.smtp_url else None
        self.mailbox = Path(settings.dev_mailbox_dir)

    async def run_forever(self) -> None:
        """The background loop started by the app's lifespan."""
        while True:
            try:
                tried = await self.send_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("sending mail failed; retrying")
                tried = 0
            if tried < BATCH_SIZE:
                await asyncio.sleep(self.interval)

    async def send_once(self) -> int:
        """Send one batch of due messages; returns how many were tried."""
        now = datetime.now(UTC)
        async with self.sessionmaker() as db, db.begin():
            due = (
                await db.scalars(
                    select(MailMessage)
                    .where(
                        MailMessage.sent_at.is_(None),
                        MailMessage.next_attempt_at <= now,
                        MailMessage.attempts < self.max_attempts,
                    )
                    .order_by(MailMessage.next_attempt_at)
                    .limit(BATCH_SIZE)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for message in due:
                error = await self.deliver(message)
                message.attempts += 1
                if error is None:
                    message.sent_at, message.last_error = datetime.now(UTC), None
                else:
                    logger.warning(
                        "mail %s to %s failed (attempt %d): %s",
                        message.id,
                        message.to_address,
                        message.attempts,
                        error,
                    )
                    message.last_error = error
                    message.next_attempt_at = datetime.now(UTC) + backoff(message.attempts)
        return len(due)

    async def deliver(self, message: MailMessage) -> str | None:
        """Send one message; the error text, or None when it went out."""
        email = to_email(message, self.settings.mail_from)
        if self.smtp is None:
            return await asyncio.to_thread(self._write_to_mailbox, message, email)
        try:
            await aiosmtplib.send(
                email,
                hostname=self.smtp.host,
                port=self.smtp.port,
                username=self.smtp.username,
                password=self.smtp.password,
                use_tls=self.smtp.use_tls,
                start_tls=self.smtp.start_tls,
                timeout=SMTP_TIMEOUT_SECONDS,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            return f"{type(exc).__name__}: {exc}"[:500]
        return None

    def _write_to_mailbox(self, message: MailMessage, email: EmailMessage) -> str | None:
        stamp = (message.created_at or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
        try:
            self.mailbox.mkdir(parents=True, exist_ok=True)
            (self.mailbox / f"{stamp}-{message.id}.eml").write_bytes(email.as_bytes())
        except OSError as exc:
            return f"{type(exc).__name__}: {exc}"[:500]
        return None


@contextlib.asynccontextmanager
async def mail_sender(app: FastAPI) -> AsyncIterator[None]:
    """Lifespan hook: run the sender while the app runs (with the event dispatcher's switch)."""
    settings: IdentitySettings = app.state.settings
    sender = MailSender(
        app.state.sessionmaker,
        settings,
        interval=settings.dispatch_interval_seconds,
        max_attempts=settings.delivery_max_attempts,
    )
    app.state.mail_sender = sender
    task = (
        asyncio.create_task(sender.run_forever(), name="mail-sender") if settings.dispatch_enabled else None
    )
    app.state.mail_task = task
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
