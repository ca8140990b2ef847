"""Reference data of the pathways service, loaded by the launcher after migrations."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pathways.role_profiles.reference import reference_profiles
from pathways.role_profiles.schemas import RoleProfileIn
from pathways.role_profiles.service import create_missing


async def load_reference(session: AsyncSession) -> None:
    """Create the reference role profiles that do not exist yet (idempotent)."""
    # Existing profiles are left alone: an administrator may have tuned their targets with
    # `PUT /role-profiles/{key}`, and a restart must not undo that.
    for key, body in reference_profiles().items():
        await create_missing(session, key, RoleProfileIn.model_validate(body))
