"""Every table of pathways, imported so migrations see them all."""

from pathways.catalog_items.models import CatalogItem
from pathways.database import metadata
from pathways.role_profiles.models import RoleProfile

__all__ = ["CatalogItem", "RoleProfile", "metadata"]
