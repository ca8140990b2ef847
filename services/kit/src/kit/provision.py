"""Database provisioning: one schema and one role per service, and nothing shared."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from urllib.parse import quote

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

SERVICES = ("identity", "assessment", "pathways", "catalog")


# PostgreSQL extensions a service's schema holds (installed by the superuser: the service roles may
# not). An extension lives in one schema per database, so each belongs to exactly one service.
EXTENSIONS: Mapping[str, tuple[str, ...]] = {"catalog": ("pg_trgm",)}


def role_name(service: str, prefix: str = "dla_") -> str:
    """The PostgreSQL role that a service connects as."""
    return f"{prefix}{service}"


def plain_url(url: str) -> str:
    """A libpq URL without SQLAlchemy's `+driver` part."""
    return url.replace("postgresql+psycopg://", "postgresql://").replace(
        "postgresql+asyncpg://", "postgresql://"
    )


def service_url(
    admin_url: str, service: str, password: str | None, *, database: str | None = None, prefix: str = "dla_"
) -> str:
    """The SQLAlchemy URL a service uses: same server, its own role (and password)."""
    params = {key: str(value) for key, value in conninfo_to_dict(plain_url(admin_url)).items()}
    host = params.pop("host", None) or "127.0.0.1"
    port = params.pop("port", None) or "5432"
    dbname = database or params.pop("dbname", None) or "dla"
    params.pop("dbname", None)
    params.pop("user", None)
    params.pop("password", None)
    auth = quote(role_name(service, prefix), safe="")
    if password:
        auth += ":" + quote(password, safe="")
    query = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())
    if host.startswith("/"):
        # A Unix socket directory (the embedded server) travels as a query parameter.
        query = "&".join(filter(None, [f"host={quote(host, safe='/')}", query]))
        location = f"/{dbname}?{query}" + (f"&port={port}" if port != "5432" else "")
        return f"postgresql+psycopg://{auth}@{location}"
    return f"postgresql+psycopg://{auth}@{host}:{port}/{dbname}" + (f"?{query}" if query else "")


def admin_params(admin_url: str) -> dict[str, str]:
    """Connection parameters of a superuser URL, as strings."""
    return {key: str(value) for key, value in conninfo_to_dict(plain_url(admin_url)).items()}


def provision(
    admin_url: str,
    database: str,
    passwords: Mapping[str, str | None],
    *,
    prefix: str = "dla_",
    services: tuple[str, ...] = SERVICES,
) -> None:
    """Create the database, the roles and the schemas; safe to run again."""
    admin = admin_params(admin_url)
    with psycopg.connect(
        make_conninfo("", **{**admin, "dbname": admin.get("dbname") or "postgres"}), autocommit=True
    ) as conn:
        # Roles are cluster-wide: two runs provisioning at once must take turns.
        conn.execute("SELECT pg_advisory_lock(hashtext('dla-provision'))")
        _create_roles(conn, database, passwords, prefix, services)
        _create_schemas(admin, database, prefix, services)


def _create_roles(
    conn: psycopg.Connection[tuple[object, ...]],
    database: str,
    passwords: Mapping[str, str | None],
    prefix: str,
    services: tuple[str, ...],
) -> None:
    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    for service in services:
        role = sql.Identifier(role_name(service, prefix))
        found = conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (role_name(service, prefix),)
        ).fetchone()
        if not found:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(role))
        password = passwords.get(service)
        if password:
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))


def _create_schemas(admin: dict[str, str], database: str, prefix: str, services: tuple[str, ...]) -> None:
    with psycopg.connect(make_conninfo("", **{**admin, "dbname": database}), autocommit=True) as conn:
        db = sql.Identifier(database)
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        for service in services:
            role = sql.Identifier(role_name(service, prefix))
            schema = sql.Identifier(service)
            conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, role))
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(schema, role))
            conn.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(schema, role))
            conn.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(schema))
            for extension in EXTENSIONS.get(service, ()):
                conn.execute(
                    sql.SQL("CREATE EXTENSION IF NOT EXISTS {} SCHEMA {}").format(
                        sql.Identifier(extension), schema
                    )
                )
            conn.execute(
                sql.SQL("ALTER ROLE {} IN DATABASE {} SET search_path = {}").format(role, db, schema)
            )


def main(argv: list[str] | None = None) -> int:
    """`python -m kit.provision ADMIN_URL DATABASE [--passwords JSON]`."""
    parser = argparse.ArgumentParser(description="Create DLA's database, roles and schemas.")
    parser.add_argument("admin_url")
    parser.add_argument("database")
    parser.add_argument("--passwords", default="{}", help="JSON object: service -> password")
    parser.add_argument("--prefix", default="dla_")
    args = parser.parse_args(argv)
    provision(args.admin_url, args.database, json.loads(args.passwords), prefix=args.prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
