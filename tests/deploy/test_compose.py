"""deploy/compose: every process present, health-checked, and started in the right order.

`docker compose config` needs the compose plugin, which these machines lack, so the file is
checked here as YAML (anchors and merge keys resolved by PyYAML as Compose resolves them).
"""

from __future__ import annotations

import json
import re
from graphlib import TopologicalSorter
from typing import Any

import pytest
from pydantic import TypeAdapter
from sqlalchemy.engine import make_url

from kit.provision import role_name
from kit.settings import SubscriberConfig
from tests.deploy.support import (
    APPS,
    COMPOSE,
    PORT,
    ROOT,
    SERVICES,
    app_path,
    config_data,
    load_yaml,
    migrate_command,
)

VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)(:?[-?][^}]*)?\}")
LONG_RUNNING = (*SERVICES, "gateway")


def compose() -> dict[str, Any]:
    """compose.yaml, as Compose sees it before interpolation."""
    [doc] = load_yaml(COMPOSE / "compose.yaml")
    return doc


def services() -> dict[str, Any]:
    """The compose services by name."""
    found: dict[str, Any] = compose()["services"]
    return found


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` substitution."""

    def one(match: re.Match[str]) -> str:
        name, modifier = match.group(1), match.group(2) or ""
        if name in env:
            return env[name]
        assert not modifier.startswith((":?", "?")), f"{name} is required"
        return modifier.lstrip(":-")

    return VARIABLE.sub(one, value)


def example_env() -> dict[str, str]:
    """The variables .env.example documents (commented-out optional ones included)."""
    env = {}
    for line in (COMPOSE / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            env[match.group(1)] = match.group(2)
    return env


def test_compose_runs_postgres_provisioning_migrations_services_and_the_gateway() -> None:
    expected = {"postgres", "provision", *(f"migrate-{s}" for s in SERVICES), *LONG_RUNNING}
    assert set(services()) == expected


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_each_long_running_process_is_health_checked_on_readiness(name: str) -> None:
    service = services()[name]
    check = service["healthcheck"]
    assert check["test"][:3] == ["CMD", "python", "-c"]
    assert f"http://127.0.0.1:{PORT}/health/ready" in check["test"][3]
    assert service["restart"] == "unless-stopped"
    assert service["read_only"] is True
    assert service["cap_drop"] == ["ALL"]


def test_postgres_is_health_checked_and_keeps_its_data_in_a_volume() -> None:
    postgres = services()["postgres"]
    assert postgres["image"].startswith("postgres:16")
    assert postgres["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    [volume] = postgres["volumes"]
    assert volume.split(":") == ["pgdata", "/var/lib/postgresql/data"]
    assert "pgdata" in compose()["volumes"]


def test_start_up_order_is_provision_then_migrations_then_services_then_gateway() -> None:
    want = {
        "provision": {"postgres": "service_healthy"},
        **{f"migrate-{s}": {"provision": "service_completed_successfully"} for s in SERVICES},
        **{
            s: {"postgres": "service_healthy", f"migrate-{s}": "service_completed_successfully"}
            for s in SERVICES
        },
        "gateway": dict.fromkeys(SERVICES, "service_healthy"),
    }
    got = {
        name: {dep: cond["condition"] for dep, cond in service.get("depends_on", {}).items()}
        for name, service in services().items()
        if service.get("depends_on")
    }
    assert got == want
    order = list(TopologicalSorter({n: set(deps) for n, deps in got.items()}).static_order())
    assert order[0] == "postgres"
    assert order[-1] == "gateway"


def test_one_shot_steps_do_not_restart_and_run_kit() -> None:
    provision = services()["provision"]
    assert provision["restart"] == "no"
    assert provision["command"][:3] == ["python", "-m", "kit.provision"]
    env = {name: "secret" + name.lower() for name in example_env()}
    passwords = json.loads(interpolate(provision["command"][6], env))
    assert passwords == {s: f"secret{s}_db_password" for s in SERVICES}
    for service in SERVICES:
        step = services()[f"migrate-{service}"]
        assert step["restart"] == "no"
        assert step["command"] == migrate_command(service)


@pytest.mark.parametrize("app", APPS)
def test_images_are_built_from_each_apps_dockerfile(app: str) -> None:
    users = [s for s in services().values() if s.get("image", "").startswith(f"dla/{app}:")]
    assert services()[app] in users
    for service in users:
        assert service["build"]["context"] == "../.."
        assert (ROOT / service["build"]["dockerfile"]) == ROOT / app_path(app) / "Dockerfile"
        assert (ROOT / service["build"]["dockerfile"]).is_file()


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_and_its_migration_connect_as_the_service_role(service: str) -> None:
    env = dict.fromkeys(example_env(), "pw")
    for name in (service, f"migrate-{service}"):
        settings = services()[name]["environment"]
        url = make_url(interpolate(settings[f"DLA_{service.upper()}_DATABASE_URL"], env))
        assert (url.drivername, url.username, url.host, url.port, url.database) == (
            "postgresql+psycopg",
            role_name(service),
            "postgres",
            5432,
            "dla",
        )
        assert settings["DLA_WEBHOOK_SECRET"].startswith("${DLA_WEBHOOK_SECRET:?")
        assert settings["DLA_ENVIRONMENT"] == "${DLA_ENVIRONMENT:-production}"


def test_gateway_publishes_port_8000_and_wires_the_same_upstreams_as_kubernetes() -> None:
    gateway = services()["gateway"]
    assert gateway["ports"] == ["${DLA_HTTP_PORT:-8000}:8000"]
    assert "DLA_WEBHOOK_SECRET" not in gateway["environment"]
    assert json.loads(gateway["environment"]["DLA_GATEWAY_UPSTREAMS"]) == json.loads(
        config_data()["DLA_GATEWAY_UPSTREAMS"]
    )
    published = [name for name, s in services().items() if s.get("ports")]
    assert published == ["gateway"]


@pytest.mark.parametrize("producer", ["catalog", "identity"])
def test_event_subscribers_match_kubernetes(producer: str) -> None:
    adapter = TypeAdapter(list[SubscriberConfig])
    variable = f"DLA_{producer.upper()}_EVENT_SUBSCRIBERS"
    here = services()[producer]["environment"][variable]
    assert adapter.validate_json(here) == adapter.validate_json(config_data()[variable])


def test_every_variable_is_documented_and_no_secret_is_filled_in() -> None:
    text = (COMPOSE / "compose.yaml").read_text()
    used = {match.group(1) for match in VARIABLE.finditer(text)}
    documented = example_env()
    assert used <= set(documented), f"undocumented in .env.example: {used - set(documented)}"
    required = {m.group(1) for m in VARIABLE.finditer(text) if (m.group(2) or "").startswith(":?")}
    assert required, "secrets must be required"
    assert all(documented[name] == "" for name in required)
    assert ".env" in (COMPOSE / ".gitignore").read_text().split()
