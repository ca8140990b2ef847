"""Every table of the identity service, imported so migrations see them all."""

from identity.accounts.models import (
    BrowserSession,
    FederatedIdentity,
    LoginThrottle,
    OneTimeToken,
    PasswordCredential,
    TotpCredential,
)
from identity.audit.models import AuditEvent
from identity.database import metadata
from identity.mail.models import MailMessage
from identity.oauth.models import AuthorizationCode, OAuthClient, RefreshToken, SigningKey
from identity.organisations.models import Organisation
from identity.people.models import Invitation, Person, RoleGrant
from identity.profiles.models import Profile
from identity.scim.models import GroupExternalId

__all__ = [
    "AuditEvent",
    "AuthorizationCode",
    "BrowserSession",
    "FederatedIdentity",
    "GroupExternalId",
    "Invitation",
    "LoginThrottle",
    "MailMessage",
    "OAuthClient",
    "OneTimeToken",
    "Organisation",
    "PasswordCredential",
    "Person",
    "Profile",
    "RefreshToken",
    "RoleGrant",
    "SigningKey",
    "TotpCredential",
    "metadata",
]
