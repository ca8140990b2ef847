"""Identity migrations: only the `identity` schema, version table inside it."""

from identity.models import metadata
from kit.migrations import run_migrations

run_migrations(metadata)
