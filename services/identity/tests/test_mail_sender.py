"""The mail outbox: queued in the caller's transaction, sent over SMTP or into the dev mailbox."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity.mail import templates
from identity.mail.models import MailMessage
from identity.mail.sender import MailSender, SmtpServer
from identity.mail.service import queue_mail, queue_template
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec, problem
from kit.testing.servers import free_port

from .factories.accounts import accounts_app, fast_settings
from .factories.smtp import smtp_receiver


@pytest.fixture
def app(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    application: FastAPI = accounts_app(dla_service, dla_settings, db_sessionmaker)
    return application


def sender_for(
    sessions: async_sessionmaker[AsyncSession], base: ServiceSettings, **overrides: str
) -> MailSender:
    return MailSender(sessions, fast_settings(base, **overrides), interval=0.01, max_attempts=3)


async def queued(db: AsyncSession, to: str = "ona@vrm.lt", language: str = "lt") -> MailMessage:
    message = await queue_template(
        db, to=to, kind="password_reset", language=language, name="Ona", link="http://x.test/r?token=t"
    )
    await db.commit()
    return message


async def test_without_smtp_messages_land_in_the_dev_mailbox_folder(
    db_sessionmaker: async_sessionmaker[AsyncSession],
    db_session: AsyncSession,
    dla_settings: ServiceSettings,
    tmp_path: Path,
) -> None:
    message = await queued(db_session)
    sender = sender_for(db_sessionmaker, dla_settings, dev_mailbox_dir=str(tmp_path / "mailbox"))
    assert await sender.send_once() == 1
    [written] = list((tmp_path / "mailbox").glob("*.eml"))
    assert str(message.id) in written.name
    parsed = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "ona@vrm.lt"
    assert parsed["Subject"] == "Naujo slaptažodžio nustatymas"
    assert parsed["Content-Language"] == "lt"
    assert "http://x.test/r?token=t" in parsed.get_body().get_content()  # type: ignore[union-attr]
    await db_session.refresh(message)
    assert message.sent_at is not None
    assert message.attempts == 1
    assert await sender.send_once() == 0  # sent once, never again


async def test_smtp_delivers_to_a_real_server(
    db_sessionmaker: async_sessionmaker[AsyncSession], db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    message = await queued(db_session, language="en")
    async with smtp_receiver() as receiver:
        sender = sender_for(
            db_sessionmaker, dla_settings, smtp_url=receiver.url, mail_from="DLA <no-reply@dla.lt>"
        )
        assert await sender.send_once() == 1
    [received] = receiver.messages
    assert received.sender == "no-reply@dla.lt"
    assert received.recipients == ["ona@vrm.lt"]
    assert received.message["Subject"] == "Set a new password"
    assert received.message["From"] == "DLA <no-reply@dla.lt>"
    body = received.message.get_body()
    assert body is not None
    assert "Digital Lithuania Academy" in body.get_content()
    await db_session.refresh(message)
    assert message.sent_at is not None


async def test_a_refused_delivery_is_retried_later_with_backoff(
    db_sessionmaker: async_sessionmaker[AsyncSession], db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    message = await queued(db_session)
    async with smtp_receiver(refuse_with="451 4.3.0 try again later") as receiver:
        sender = sender_for(db_sessionmaker, dla_settings, smtp_url=receiver.url)
        assert await sender.send_once() == 1
        await db_session.refresh(message)
        assert message.sent_at is None
        assert message.attempts == 1
        assert message.last_error is not None
        assert "try again later" in message.last_error
        assert message.next_attempt_at > datetime.now(UTC) + timedelta(seconds=1)
        assert await sender.send_once() == 0  # not due yet
        receiver.refuse_with = None
        await db_session.execute(
            update(MailMessage).values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await db_session.commit()
        assert await sender.send_once() == 1
    await db_session.refresh(message)
    assert message.sent_at is not None
    assert message.attempts == 2
    assert message.last_error is None
    assert len(receiver.messages) == 1


async def test_an_unreachable_server_counts_an_attempt_and_gives_up_after_the_last(
    db_sessionmaker: async_sessionmaker[AsyncSession], db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    message = await queued(db_session)
    sender = sender_for(db_sessionmaker, dla_settings, smtp_url=f"smtp://127.0.0.1:{free_port()}")
    for attempt in range(1, 4):
        assert await sender.send_once() == 1
        await db_session.refresh(message)
        assert message.attempts == attempt
        await db_session.execute(
            update(MailMessage).values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await db_session.commit()
    assert await sender.send_once() == 0  # max_attempts reached
    assert message.sent_at is None


async def test_a_message_queued_in_a_rolled_back_transaction_is_never_sent(
    db_sessionmaker: async_sessionmaker[AsyncSession], dla_settings: ServiceSettings, tmp_path: Path
) -> None:
    async with db_sessionmaker() as db:
        await queue_mail(db, to="ona@vrm.lt", subject="s", body="b", kind="test", language="en")
        await db.rollback()
    sender = sender_for(db_sessionmaker, dla_settings, dev_mailbox_dir=str(tmp_path))
    assert await sender.send_once() == 0


def test_smtp_urls_name_host_port_credentials_and_tls() -> None:
    plain = SmtpServer.from_url("smtp://mail.internal")
    assert (plain.host, plain.port, plain.use_tls, plain.start_tls, plain.username) == (
        "mail.internal",
        25,
        False,
        None,
        None,
    )
    tls = SmtpServer.from_url("smtps://user%40x:p%3Ass@mail.example.lt")
    assert (tls.port, tls.use_tls, tls.username, tls.password) == (465, True, "user@x", "p:ss")
    starttls = SmtpServer.from_url("smtp+starttls://mail.example.lt:2525")
    assert (starttls.port, starttls.start_tls) == (2525, True)
    with pytest.raises(ValueError, match="SMTP_URL"):
        SmtpServer.from_url("http://mail.example.lt")


def test_every_message_exists_in_every_language() -> None:
    for kind, texts in templates.MESSAGES.items():
        assert set(texts) == set(templates.LANGUAGES), kind
    subject, body = templates.render("verify_email", "de", name="Ona", link="L")
    assert subject == templates.MESSAGES["verify_email"]["lt"][0]  # unknown languages fall back
    assert "Sveiki, Ona" in body


async def test_the_dev_mailbox_lists_messages_newest_first_with_their_links(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    older = await queue_mail(db_session, to="ona@vrm.lt", subject="first", body="x", kind="t", language="en")
    await db_session.execute(
        update(MailMessage)
        .where(MailMessage.id == older.id)
        .values(created_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    await queue_template(
        db_session,
        to="ona@vrm.lt",
        kind="verify_email",
        language="en",
        name="Ona",
        link="http://h/verify-email?token=abc",
    )
    await queue_mail(db_session, to="petras@vrm.lt", subject="other", body="x", kind="t", language="en")
    response = await client.get("/dev/mailbox", params={"to": "Ona@vrm.lt"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["subject"] for item in items] == ["Confirm your e-mail address", "first"]
    assert items[0]["links"] == ["http://h/verify-email?token=abc"]
    assert items[0]["sent_at"] is None
    assert len((await client.get("/dev/mailbox")).json()["items"]) == 3
    problem(await client.get("/dev/mailbox", params={"to": "a\x00b"}), 422, "validation")


async def test_the_dev_mailbox_does_not_exist_outside_development(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, db_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    for environment in ("test", "production"):
        extra = {"webhook_secret": "whsec_" + "b" * 40} if environment == "production" else {}
        other = accounts_app(dla_service, dla_settings, db_sessionmaker, environment=environment, **extra)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=other), base_url="http://t") as http:
            problem(await http.get("/dev/mailbox"), 404, "not-found")
