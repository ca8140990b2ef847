"""Who may see and who may change a learning item, in Python and as SQL filters.

An item belongs to the platform (`owner_org_id` null) or to an organisation (a ministry). Content
editors change platform-wide items and those of an organisation on their own path; platform
admins change everything. An item with visibility `organisation` is seen only by the people of
that organisation (and admins); anybody else gets 404, so nothing tells them it exists.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, false, or_, true

from catalog.items.models import LearningItem
from catalog.items.schemas import ItemStatus, Owner, Visibility
from kit.auth import Principal
from kit.problems import Forbidden, Invalid, NotFound

EDITOR_ROLE = "content_editor"
# Learners read these; drafts and items in review are for the editors who may change them.
READABLE = (ItemStatus.published.value, ItemStatus.retired.value)


def owner_org(editor: Principal, owner: Owner | str | None) -> uuid.UUID | None:
    """The organisation that owns an item the editor creates: their ministry, or None (platform).

    The ministry is the token's `tenant` (the organisation below the root of the tree, see
    docs/architecture.md), not the root: the root is shared by every ministry of the country.
    """
    if owner is None or Owner(owner) is Owner.platform:
        return None
    ministry = editor.tenant_id or (editor.org_path[0] if editor.org_path else None)
    if ministry is None:
        raise Invalid("You belong to no organisation, so you can only create platform-wide items.")
    return ministry


def is_editor(principal: Principal | None) -> bool:
    """A person holding the content editor role, or a platform admin (identity never gives a machine
    client roles, so an admin without a person is the platform itself, e.g. the seed)."""
    if principal is None:
        return False
    return principal.is_platform_admin or (not principal.is_machine and EDITOR_ROLE in principal.roles)


def may_edit(principal: Principal | None, item: LearningItem) -> bool:
    """The caller may change this item."""
    if principal is None or not is_editor(principal):
        return False
    return principal.is_platform_admin or item.owner_org_id is None or item.owner_org_id in principal.org_path


def may_see(principal: Principal | None, item: LearningItem) -> bool:
    """The caller may read this item at all (its status aside)."""
    if item.visibility == Visibility.public.value:
        return True
    if principal is None:
        return False
    return principal.is_platform_admin or item.owner_org_id in principal.org_path


def may_read(principal: Principal | None, item: LearningItem) -> bool:
    """The caller may read the item as it is now: visible to them, and offered or theirs to edit."""
    return may_see(principal, item) and (item.status in READABLE or may_edit(principal, item))


def check_read(principal: Principal | None, item: LearningItem) -> None:
    """NotFound unless the caller may read the item."""
    if not may_read(principal, item):
        raise NotFound("No learning item has this id.")


def check_edit(principal: Principal | None, item: LearningItem) -> None:
    """Forbidden (NotFound when they cannot even read it) unless the caller may change the item."""
    if may_edit(principal, item):
        return
    check_read(principal, item)
    raise Forbidden("Only content editors of the item's organisation may change it.")


def visible_filter(principal: Principal | None) -> ColumnElement[bool]:
    """SQL: items the caller may see (their status aside)."""
    if principal is not None and principal.is_platform_admin:
        return true()
    public = LearningItem.visibility == Visibility.public.value
    if principal is None or not principal.org_path:
        return public
    return or_(public, LearningItem.owner_org_id.in_(principal.org_path))


def editable_filter(principal: Principal | None) -> ColumnElement[bool]:
    """SQL: items the caller may change."""
    if principal is None or not is_editor(principal):
        return false()
    if principal.is_platform_admin:
        return true()
    platform = LearningItem.owner_org_id.is_(None)
    if not principal.org_path:
        return platform
    return or_(platform, LearningItem.owner_org_id.in_(principal.org_path))
