"""Who is calling SCIM and where: the provisioning client, its subtree, the public base URL."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from identity.mail.templates import DEFAULT_LANGUAGE
from identity.oauth.models import OAuthClient
from identity.people.access import Actor
from kit.auth import CurrentPrincipal, InsufficientScope
from kit.db import DbSession
from kit.problems import Forbidden
from kit.text import LANGUAGE_PATTERN

SCIM_PREFIX = "/scim/v2"
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
_PREFIX = re.compile(r"^(?:/[A-Za-z0-9._~-]+)*$")
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


def _first(value: str | None) -> str:
    """The first (client-most) entry of a forwarded header a chain of proxies may have extended."""
    return (value or "").split(",")[0].strip()


def base_url(request: Request) -> str:
    """The absolute SCIM base URL as the client sees it: behind the gateway its host and scheme come
    from X-Forwarded-Host/-Proto and the path it strips from X-Forwarded-Prefix; malformed values
    are ignored rather than echoed into URLs."""
    proto = _first(request.headers.get("x-forwarded-proto")).lower()
    if proto not in ("http", "https"):
        proto = request.url.scheme
    host = _first(request.headers.get("x-forwarded-host"))
    if not _HOST.match(host):
        host = request.headers.get("host") or request.url.netloc
    prefix = _first(request.headers.get("x-forwarded-prefix")).rstrip("/")
    if not _PREFIX.match(prefix):
        prefix = ""
    return f"{proto}://{host}{prefix}{SCIM_PREFIX}"


def language(request: Request) -> str:
    """The language names are read and written in: the first of Accept-Language, else the default."""
    for entry in (request.headers.get("accept-language") or "").split(","):
        tag = entry.split(";")[0].strip().split("-")[0].lower()
        if tag and tag != "*" and _LANGUAGE.match(tag):
            return tag
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class ScimClient:
    """A provisioning client: it sees and changes only the organisation `root_id` and below."""

    client_id: str
    root_id: uuid.UUID
    base_url: str
    language: str
    ip: str | None

    @property
    def actor(self) -> Actor:
        return Actor(self.client_id, "client", self.ip)

    def user_url(self, person_id: uuid.UUID | str) -> str:
        return f"{self.base_url}/Users/{person_id}"

    def group_url(self, organisation_id: uuid.UUID | str) -> str:
        return f"{self.base_url}/Groups/{organisation_id}"


async def scim_client(request: Request, principal: CurrentPrincipal, db: DbSession) -> ScimClient:
    """The calling client: a client-credentials token with the scope `scim`, from a client that is
    still active and still belongs to the organisation the token names."""
    if "scim" not in principal.scopes:
        raise InsufficientScope(
            "The token lacks the scope scim",
            headers={"WWW-Authenticate": 'Bearer realm="dla", error="insufficient_scope"'},
        )
    if not principal.is_machine or not principal.org_path:
        raise Forbidden("SCIM is for provisioning clients of an organisation (client credentials).")
    root = principal.org_path[-1]
    current = await db.scalar(
        select(OAuthClient.organisation_id).where(
            OAuthClient.client_id == principal.client_id, OAuthClient.status == "active"
        )
    )
    if current != root:
        raise Forbidden("This client may no longer provision this organisation.")
    return ScimClient(
        client_id=principal.client_id,
        root_id=root,
        base_url=base_url(request),
        language=language(request),
        ip=request.client.host if request.client else None,
    )


Client = Annotated[ScimClient, Depends(scim_client)]
