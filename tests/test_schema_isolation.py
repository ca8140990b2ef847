"""Each service's role reaches its own schema and nothing else."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from kit.migrations import upgrade
from kit.provision import SERVICES, plain_url
from kit.testing.plugin import role_url

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def migrated(dla_admin_url: str, dla_database: str) -> dict[str, str]:
    urls = {}
    for service in SERVICES:
        urls[service] = role_url(dla_admin_url, dla_database, service)
        upgrade(ROOT / "services" / service, urls[service])
    return urls


def own_tables(url: str, schema: str) -> list[str]:
    with psycopg.connect(plain_url(url)) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,)
        ).fetchall()
    return [row[0] for row in rows]


def test_every_service_owns_tables_in_its_schema_only(migrated: dict[str, str]) -> None:
    for service, url in migrated.items():
        tables = own_tables(url, service)
        assert {"alembic_version", "event_outbox"} <= set(tables), (service, tables)
        with psycopg.connect(plain_url(url)) as conn:
            owners = conn.execute(
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = %s", (service,)
            ).fetchall()
        assert owners == [(f"dla_{service}",)]


@pytest.mark.parametrize(("reader", "owner"), list(itertools.permutations(SERVICES, 2)))
def test_a_role_cannot_read_or_write_another_services_schema(
    migrated: dict[str, str], reader: str, owner: str
) -> None:
    table = own_tables(migrated[owner], owner)[0]
    with psycopg.connect(plain_url(migrated[reader]), autocommit=True) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(f'SELECT * FROM "{owner}"."{table}"')
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(f'CREATE TABLE "{owner}".intruder (id int)')
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(f'SET ROLE "dla_{owner}"')


@pytest.mark.parametrize("service", SERVICES)
def test_a_role_cannot_use_the_public_schema(migrated: dict[str, str], service: str) -> None:
    with psycopg.connect(plain_url(migrated[service]), autocommit=True) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE public.shared_by_accident (id int)")
        assert conn.execute("SHOW search_path").fetchone() == (service,)


def test_migrated_schemas_report_current_for_init_containers(migrated: dict[str, str]) -> None:
    from kit.migrations import is_current

    for service, url in migrated.items():
        assert is_current(ROOT / "services" / service, url), service
