"""What erasure removes outside the people tables: sign-in data, tokens, sessions and mail."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import (
    BrowserSession,
    FederatedIdentity,
    LoginThrottle,
    OneTimeToken,
    PasswordCredential,
    TotpCredential,
)
from identity.accounts.throttle import account_key
from identity.mail.models import MailMessage
from identity.oauth.models import AuthorizationCode, RefreshToken
from identity.people.models import Invitation


async def forget_account_data(db: AsyncSession, person_id: uuid.UUID, email: str) -> None:
    """Delete a person's credentials, sessions, tokens, links to other providers, throttling and
    mail, and the invitations sent to their address."""
    # Deleting (not just ending) sessions and tokens: their IP addresses and agents are personal too.
    for statement in (
        delete(RefreshToken).where(RefreshToken.person_id == person_id),
        delete(AuthorizationCode).where(AuthorizationCode.person_id == person_id),
        delete(BrowserSession).where(BrowserSession.person_id == person_id),
        delete(OneTimeToken).where(OneTimeToken.person_id == person_id),
        delete(PasswordCredential).where(PasswordCredential.person_id == person_id),
        delete(TotpCredential).where(TotpCredential.person_id == person_id),
        delete(FederatedIdentity).where(FederatedIdentity.person_id == person_id),
    ):
        await db.execute(statement)
    await db.execute(delete(LoginThrottle).where(LoginThrottle.key == account_key(email)))
    await db.execute(delete(MailMessage).where(func.lower(MailMessage.to_address) == email.lower()))
    await db.execute(delete(Invitation).where(Invitation.email == email))
    await db.execute(
        update(Invitation).where(Invitation.supervisor_id == person_id).values(supervisor_id=None)
    )
