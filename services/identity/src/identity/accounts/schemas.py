"""Sign-in API shapes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field

from identity.people.schemas import DisplayName

# Bounded here so nobody makes the service hash a megabyte; the policy's own limit is lower.
Password = Field(min_length=1, max_length=1024)
AltchaPayload = Field(min_length=1, max_length=4096)
Token = Field(min_length=1, max_length=200)


class Login(BaseModel):
    email: EmailStr = Field(max_length=254)
    password: str = Password
    altcha: str | None = Field(None, max_length=4096)


class SignedIn(BaseModel):
    """Signed in: the session cookie is set."""

    status: Literal["signed_in"] = "signed_in"


class SecondFactorRequired(BaseModel):
    """The password was right; send a code from the authenticator app with this challenge."""

    status: Literal["second_factor_required"] = "second_factor_required"
    challenge: str


LoginResult = SignedIn | SecondFactorRequired


class SecondFactor(BaseModel):
    challenge: str = Token
    code: str = Field(min_length=6, max_length=10)


class SessionPerson(BaseModel):
    id: str
    email: str
    display_name: str


class SessionState(BaseModel):
    signed_in: bool
    person: SessionPerson | None


class Registration(BaseModel):
    email: EmailStr = Field(max_length=254)
    password: str = Password
    display_name: DisplayName
    language: Literal["en", "lt"] = "lt"
    altcha: str = AltchaPayload


class TokenBody(BaseModel):
    token: str = Token


class ResetRequest(BaseModel):
    email: EmailStr = Field(max_length=254)
    altcha: str = AltchaPayload


class ResetConfirm(BaseModel):
    token: str = Token
    password: str = Password


class PasswordChange(BaseModel):
    current_password: str = Password
    new_password: str = Password


class TotpSetup(BaseModel):
    """The secret to type in, and the otpauth URI to show as a QR code."""

    secret: str
    otpauth_uri: str


class TotpCode(BaseModel):
    code: str = Field(min_length=6, max_length=10)


class TotpState(BaseModel):
    enabled: bool


class InvitedOrganisation(BaseModel):
    id: uuid.UUID
    name: dict[str, str]


class InvitationDetails(BaseModel):
    email: str
    display_name: str
    organisation: InvitedOrganisation | None
    expires_at: datetime


class InvitationAccept(BaseModel):
    token: str = Token
    password: str = Password
    language: Literal["en", "lt"] = "lt"


class Federation(BaseModel):
    enabled: bool
    name: str | None


class AltchaChallenge(BaseModel):
    """An ALTCHA PoW v2 challenge (what the `altcha` widget v3 fetches)."""

    parameters: dict[str, Any]
    signature: str
