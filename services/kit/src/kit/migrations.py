"""Alembic helpers: each service migrates only its own schema, as its own role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, pool


def sync_url(url: str) -> str:
    """The same database URL for a synchronous connection (migrations run synchronously)."""
    return url.replace("+asyncpg", "+psycopg")


def run_migrations(metadata: MetaData) -> None:
    """Body of a service's `migrations/env.py` (online mode only: we always have a database)."""
    config = context.config
    schema = metadata.schema
    assert schema, "a service's MetaData must name its schema"
    url = config.get_main_option("sqlalchemy.url")
    assert url, "run migrations through kit.migrations.upgrade or set sqlalchemy.url"

    def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
        if type_ == "schema":
            return name == schema
        return True

    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # The role's search_path is its own schema, which Alembic would then call the default
        # (None) and autogenerate would miss every table; compare from `public` instead.
        connection.exec_driver_sql("SET search_path TO public")
        connection.dialect.default_schema_name = "public"
        connection.commit()
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_name=include_name,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def alembic_config(service_dir: Path, url: str) -> Config:
    """An Alembic config for the service whose project folder is `service_dir`."""
    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def is_current(service_dir: Path, url: str) -> bool:
    """Whether the database is at the newest revision of the service's migrations."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(alembic_config(service_dir, url)).get_heads())
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            schema = service_dir.name
            context = MigrationContext.configure(connection, opts={"version_table_schema": schema})
            return set(context.get_current_heads()) == heads
    finally:
        engine.dispose()


def upgrade(service_dir: Path, url: str, revision: str = "head") -> None:
    """Run a service's migrations up to `revision`."""
    command.upgrade(alembic_config(service_dir, url), revision)
