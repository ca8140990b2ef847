"""Catalog migrations: only the `catalog` schema, version table inside it."""

from catalog.models import metadata
from kit.migrations import run_migrations

run_migrations(metadata)
