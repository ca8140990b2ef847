"""Pathways migrations: only the `pathways` schema, version table inside it."""

from kit.migrations import run_migrations
from pathways.models import metadata

run_migrations(metadata)
