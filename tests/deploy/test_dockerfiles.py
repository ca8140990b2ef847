"""The images' Dockerfiles (no Docker engine here, so they are read, not built)."""

from __future__ import annotations

import pytest

from tests.deploy.support import (
    APPS,
    PORT,
    ROOT,
    SERVICES,
    UID,
    Instruction,
    app_name_swap,
    app_path,
    dockerfile,
    dockerignore_excludes,
)

# Inside a container the server must listen on every interface to be reachable.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104
HEALTHCHECK = [
    "python",
    "-c",
    f"import urllib.request; urllib.request.urlopen('http://127.0.0.1:{PORT}/health/ready', timeout=4)",
]


def final_stage(app: str) -> list[Instruction]:
    """The instructions of the image that ships."""
    return dockerfile(ROOT / app_path(app) / "Dockerfile")[-1]


def only(stage: list[Instruction], keyword: str) -> Instruction:
    """The one instruction of a kind in a stage."""
    [found] = [i for i in stage if i.keyword == keyword]
    return found


def global_args(app: str) -> dict[str, str]:
    """The ARGs before the first FROM, with their defaults."""
    stage = dockerfile(ROOT / app_path(app) / "Dockerfile")[0]
    return dict(i.arguments.split("=", 1) for i in stage if i.keyword == "ARG")


@pytest.mark.parametrize("app", APPS)
def test_the_image_runs_as_a_numeric_non_root_user(app: str) -> None:
    user = only(final_stage(app), "USER").arguments
    assert user == f"{UID}:{UID}"
    setup = " ".join(i.arguments for i in final_stage(app) if i.keyword == "RUN")
    assert f"--uid {UID}" in setup
    assert f"--gid {UID}" in setup


@pytest.mark.parametrize("app", APPS)
def test_the_image_checks_readiness_and_starts_uvicorn_on_8000(app: str) -> None:
    stage = final_stage(app)
    check = only(stage, "HEALTHCHECK")
    assert check.arguments.split(" [")[0].endswith(" CMD")
    assert check.exec_form() == HEALTHCHECK
    assert only(stage, "CMD").exec_form() == [
        "uvicorn",
        "--factory",
        f"{app}.app:create_app",
        "--host",
        ALL_INTERFACES,
        "--port",
        str(PORT),
    ]
    assert only(stage, "EXPOSE").arguments == str(PORT)
    env = " ".join(i.arguments for i in stage if i.keyword == "ENV")
    assert "PYTHONDONTWRITEBYTECODE=1" in env.split()


@pytest.mark.parametrize("app", APPS)
def test_dependencies_are_pinned_by_the_committed_constraints(app: str) -> None:
    stages = dockerfile(ROOT / app_path(app) / "Dockerfile")
    [install] = [i.arguments for stage in stages for i in stage if "uv pip install" in i.arguments]
    # uv cannot take dev.txt's editable lines as constraints: they are cut, the pins kept.
    assert "sed '/^-e /d' requirements/dev.txt > /tmp/constraints.txt" in install
    assert "-c /tmp/constraints.txt" in install
    assert f"./services/kit ./{app_path(app)}" in install
    assert "-e " not in install.split("uv pip install")[1], "images install non-editable packages"


@pytest.mark.parametrize("app", APPS)
def test_the_shipped_stage_has_no_build_tools(app: str) -> None:
    stages = dockerfile(ROOT / app_path(app) / "Dockerfile")
    assert only(stages[-1], "FROM").arguments == "${PYTHON_IMAGE} AS runtime"
    assert global_args(app)["PYTHON_IMAGE"] == "python:3.11-slim"
    runs = " ".join(i.arguments for i in stages[-1] if i.keyword == "RUN")
    for tool in ("pip install", "uv ", "apt-get", "npm"):
        assert tool not in runs
    copies = [i.arguments for i in stages[-1] if i.keyword == "COPY" and "--from=" in i.arguments]
    assert "--from=build /opt/venv /opt/venv" in copies


@pytest.mark.parametrize("service", SERVICES)
def test_service_images_carry_their_migrations_where_kit_migrate_looks(service: str) -> None:
    copies = [
        i.arguments for i in final_stage(service) if i.keyword == "COPY" and "--from=" not in i.arguments
    ]
    target = f"/app/services/{service}"
    assert f"services/{service}/alembic.ini {target}/alembic.ini" in copies
    assert f"services/{service}/migrations {target}/migrations" in copies


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "catalog"])
def test_service_dockerfiles_differ_from_the_catalog_only_by_name(service: str) -> None:
    template = (ROOT / "services/catalog/Dockerfile").read_text()
    assert (ROOT / f"services/{service}/Dockerfile").read_text() == app_name_swap(
        template, "catalog", service
    )


def test_the_gateway_image_builds_the_spa_from_the_contracts_and_serves_it() -> None:
    stages = dockerfile(ROOT / "gateway/Dockerfile")
    [spa] = [s for s in stages if s and s[0].keyword == "FROM" and s[0].arguments.endswith("AS spa")]
    steps = [i.arguments for i in spa]
    assert global_args("gateway")["NODE_IMAGE"].startswith("node:20")
    assert "contracts /src/contracts" in steps
    assert steps.index("--mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund") < steps.index(
        "npm run build"
    )
    final = final_stage("gateway")
    assert "--from=spa /src/frontend/dist /app/frontend/dist" in [i.arguments for i in final]
    env = " ".join(i.arguments for i in final if i.keyword == "ENV").split()
    assert "DLA_GATEWAY_SPA_DIR=/app/frontend/dist" in env


@pytest.mark.parametrize("app", APPS)
def test_every_copied_source_exists_and_reaches_the_build_context(app: str) -> None:
    rules = (ROOT / ".dockerignore").read_text()
    for stage in dockerfile(ROOT / app_path(app) / "Dockerfile"):
        for step in stage:
            if step.keyword != "COPY" or "--from=" in step.arguments:
                continue
            for source in step.arguments.split()[:-1]:
                assert (ROOT / source).exists(), f"{source} is missing"
                assert not dockerignore_excludes(rules, source), f".dockerignore drops {source}"


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("requirements/dev.txt", False),
        ("services/kit/src/kit/app.py", False),
        ("frontend/package-lock.json", False),
        ("contracts/gateway.openapi.json", False),
        ("services/catalog/tests/test_items.py", True),
        ("gateway/tests/conftest.py", True),
        ("frontend/node_modules/react/index.js", True),
        ("services/kit/src/kit/__pycache__/app.pyc", True),
        (".venv/bin/python", True),
        (".dla/pgdata/PG_VERSION", True),
        ("deploy/compose/.env", True),
    ],
)
def test_the_build_context_keeps_sources_and_drops_tests_caches_and_local_state(
    path: str, excluded: bool
) -> None:
    assert dockerignore_excludes((ROOT / ".dockerignore").read_text(), path) is excluded
