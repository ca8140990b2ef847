"""Who may give which roles: org admins of a subtree and platform admins, never more than they hold."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from identity.people.access import Caller, org_path
from kit.problems import Forbidden, NotFound


async def check_grantable(
    db: AsyncSession,
    caller: Caller,
    target_path: Sequence[uuid.UUID],
    *,
    roles_changed: Collection[str],
    grants_changed: Collection[tuple[str, uuid.UUID]],
) -> None:
    """Refuse unless the caller may add or remove each of these roles and grants for a person at
    `target_path`. Only changes are checked, so an org admin can edit the roles of a platform admin
    in their ministry as long as `platform_admin` itself stays as it is."""
    if not roles_changed and not grants_changed:
        return
    if not caller.administers(target_path):
        raise Forbidden("Only an organisation admin of this person's unit, or a platform admin, sets roles.")
    held = caller.principal.roles
    for role in sorted(roles_changed):
        if not caller.is_platform_admin and role not in held:
            raise Forbidden(f"You cannot give or take the role {role}: you do not hold it.")
    visible = caller.organisation_roots()
    for role, org in sorted(grants_changed):
        path = await org_path(db, org)
        if not path or (visible is not None and not set(visible) & set(path)):
            raise NotFound("grants: no organisation with this id is in your reach.")
        # org_admin over an organisation covers every role over it, hr_manager included.
        if not caller.administers(path):
            raise Forbidden(f"You cannot grant {role} over an organisation you do not administer.")
