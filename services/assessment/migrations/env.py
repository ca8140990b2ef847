"""Assessment migrations: only the `assessment` schema, version table inside it."""

from assessment.models import metadata
from kit.migrations import run_migrations

run_migrations(metadata)
