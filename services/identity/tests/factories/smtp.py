"""A minimal SMTP server on asyncio streams: the network peer the mail sender talks to in tests.

It speaks just enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a real
client (aiosmtplib) to deliver, and can refuse recipients to exercise retries.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.message import EmailMessage


def address(command: str) -> str:
    """The address in `MAIL FROM:<a@b> SIZE=1` or `RCPT TO:<a@b>`."""
    return command.split("<", 1)[1].split(">", 1)[0]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpReceiver:
    """Collects delivered messages; `refuse_with` makes RCPT fail with that reply."""

    port: int = 0
    refuse_with: str | None = None
    messages: list[Received] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sender, recipients = "", list[str]()

        async def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await reply("220 test-smtp ESMTP ready")
        try:
            while line := (await reader.readline()).decode().rstrip("\r\n"):
                verb = line[:4].upper()
                if verb == "EHLO":
                    await reply("250-test-smtp")
                    await reply("250 SIZE 10485760")
                elif verb == "HELO":
                    await reply("250 test-smtp")
                elif verb == "MAIL":
                    sender, recipients = address(line), []
                    await reply("250 OK")
                elif verb == "RCPT":
                    if self.refuse_with:
                        await reply(self.refuse_with)
                        continue
                    recipients.append(address(line))
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    data = (await reader.readuntil(b"\r\n.\r\n"))[:-5].replace(b"\r\n..", b"\r\n.")
                    parsed = email.message_from_bytes(data, policy=email.policy.default)
                    assert isinstance(parsed, EmailMessage)
                    self.messages.append(Received(sender, recipients, parsed))
                    self.arrived.set()
                    await reply("250 OK: queued")
                elif verb == "QUIT":
                    await reply("221 Bye")
                    break
                else:  # RSET, NOOP and anything else
                    await reply("250 OK")
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()


@contextlib.asynccontextmanager
async def smtp_receiver(refuse_with: str | None = None) -> AsyncIterator[SmtpReceiver]:
    receiver = SmtpReceiver(refuse_with=refuse_with)
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    receiver.port = server.sockets[0].getsockname()[1]
    async with server:
        yield receiver
