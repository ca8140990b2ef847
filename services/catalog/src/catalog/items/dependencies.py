"""What the routes that write or list learning items need: an editor who is a person, a competence filter."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Query

from catalog.items.access import EDITOR_ROLE
from kit.auth import Principal, require_roles
from kit.problems import Forbidden


def person_editor(refusal: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that needs a content editor (or platform admin) who is a person; a machine
    client gets 403 with `refusal`."""

    async def editor(principal: Annotated[Principal, Depends(require_roles(EDITOR_ROLE))]) -> Principal:
        if principal.is_machine:
            raise Forbidden(refusal)
        return principal

    return editor


# Writing the catalog is for content editors (and platform admins), each on the items they own;
# every version names the person who made it, never a machine client.
Editor = Annotated[Principal, Depends(person_editor("Items are written and reviewed by people."))]
# The shape of a DigComp code only: a code that is no competence finds nothing.
CompetenceFilter = Annotated[
    str | None, Query(pattern=r"^[1-9]\.[1-9]$", description="DigComp competence code, e.g. `1.1`.")
]
