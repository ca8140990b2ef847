"""Demo data of the identity service, loaded by the launcher after migrations."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth.clients import create_confidential
from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.organisations.schemas import OrganisationCreate
from identity.organisations.service import create_organisation
from identity.people.demo import DEMO_HR_CLIENT, load_demo_people
from identity.settings import IdentitySettings

# Fixed ids (derived from the code) keep demo links and bookmarks stable across fresh databases.
DEMO_NAMESPACE = uuid.UUID("6f1d2c4e-8a53-4c1b-9a57-0d1e7b3f2a10")


def _org(code: str, kind: str, en: str, lt: str, *children: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"code": code, "kind": kind, "name": {"en": en, "lt": lt}, "children": children, **extra}


def _unit(code: str, en: str, lt: str) -> dict[str, Any]:
    return _org(code, "unit", en, lt)


DEMO_TREE = _org(
    "lt",
    "country",
    "Lithuania",
    "Lietuva",
    _org(
        "lt-vrm",
        "ministry",
        "Ministry of the Interior",
        "Vidaus reikalų ministerija",
        _org(
            "lt-vrm-public-governance",
            "department",
            "Public Governance Policy Department",
            "Viešojo valdymo politikos departamentas",
            _unit("lt-vrm-civil-service", "Civil Service Unit", "Valstybės tarnybos skyrius"),
            _unit(
                "lt-vrm-administration-quality",
                "Public Administration Quality Unit",
                "Viešojo administravimo kokybės skyrius",
            ),
        ),
        _org(
            "lt-vrm-human-resources",
            "department",
            "Human Resources Department",
            "Personalo departamentas",
            _unit("lt-vrm-recruitment", "Recruitment Unit", "Atrankos skyrius"),
            _unit("lt-vrm-training", "Training and Development Unit", "Mokymų ir tobulinimo skyrius"),
        ),
        email_domains=["vrm.lt", "demo.dla.lt"],
    ),
    _org(
        "lt-eimin",
        "ministry",
        "Ministry of the Economy and Innovation",
        "Ekonomikos ir inovacijų ministerija",
        _org(
            "lt-eimin-digital-policy",
            "department",
            "Digital Policy Department",
            "Skaitmeninės politikos departamentas",
            _unit("lt-eimin-digital-skills", "Digital Skills Unit", "Skaitmeninių įgūdžių skyrius"),
            _unit("lt-eimin-e-services", "E-Government Services Unit", "Elektroninių paslaugų skyrius"),
        ),
        _org(
            "lt-eimin-innovation",
            "department",
            "Innovation Department",
            "Inovacijų departamentas",
            _unit("lt-eimin-startups", "Startup Ecosystem Unit", "Startuolių ekosistemos skyrius"),
            _unit(
                "lt-eimin-research",
                "Research and Technology Unit",
                "Mokslinių tyrimų ir technologijų skyrius",
            ),
        ),
        email_domains=["eimin.lt"],
    ),
)


def demo_id(code: str) -> uuid.UUID:
    """The fixed id a demo organisation gets."""
    return uuid.uuid5(DEMO_NAMESPACE, code)


async def load_demo(session: AsyncSession) -> None:
    """Create the demo organisations, people and HR client where they are missing (idempotent)."""
    await _ensure(session, DEMO_TREE, parent_id=None)
    settings = IdentitySettings()
    await load_demo_people(session, settings, demo_id)
    if await session.scalar(select(OAuthClient.id).where(OAuthClient.client_id == DEMO_HR_CLIENT)) is None:
        await create_confidential(
            session,
            settings,
            client_id=DEMO_HR_CLIENT,
            name="Ministry of the Interior HR system (demo)",
            organisation_id=demo_id("lt-vrm"),
            scopes=["hr.read", "scim"],
            created_by="system",
            secret=settings.demo_hr_client_secret or None,
        )


async def _ensure(session: AsyncSession, node: dict[str, Any], parent_id: uuid.UUID | None) -> None:
    # An existing row is left as it is: someone may have edited it, and a restart must not fail.
    org_id = await session.scalar(select(Organisation.id).where(Organisation.code == node["code"]))
    if org_id is None:
        fields = {key: value for key, value in node.items() if key != "children"}
        data = OrganisationCreate.model_validate({**fields, "parent_id": parent_id})
        created, _ = await create_organisation(session, data, org_id=demo_id(node["code"]))
        org_id = created.id
    for child in node["children"]:
        await _ensure(session, child, org_id)
