"""The Kubernetes base: valid against the API schemas, complete, wired and locked down."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from pydantic import TypeAdapter
from sqlalchemy.engine import make_url

from kit.provision import role_name
from kit.settings import SubscriberConfig
from tests.deploy.support import (
    APPS,
    KUBERNETES,
    PORT,
    SERVICES,
    UID,
    Document,
    app_name_swap,
    config_data,
    load_yaml,
    manifest_files,
    manifests,
    migrate_command,
    objects,
)

# A recent release that kubernetes-validate ships schemas for (offline).
KUBERNETES_VERSION = "1.33.0"
REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def kustomization() -> Document:
    """The base's kustomization.yaml."""
    [doc] = load_yaml(KUBERNETES / "kustomization.yaml")
    return doc


def pod_spec(doc: Document) -> Document:
    """The pod template's spec of a Deployment or Job."""
    spec: Document = doc["spec"]["template"]["spec"]
    return spec


def workloads() -> dict[str, Document]:
    """Every Deployment and Job, by `Kind/name`."""
    return {
        f"{doc['kind']}/{doc['metadata']['name']}": doc
        for _, doc in manifests()
        if doc["kind"] in ("Deployment", "Job")
    }


def expanded_env(container: Document) -> dict[str, str]:
    """A container's environment as the kubelet builds it; secrets stand in as `<secret:key>`."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        assert source["configMapRef"]["name"] == "dla-config"
        env.update(config_data())
    for item in container.get("env", []):
        if "valueFrom" in item:
            ref = item["valueFrom"]["secretKeyRef"]
            env[item["name"]] = f"<{ref['name']}:{ref['key']}>"
        else:
            env[item["name"]] = REFERENCE.sub(lambda m: env[m.group(1)], item["value"])
    return env


@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: str(p.relative_to(KUBERNETES)))
def test_every_manifest_is_valid_against_the_kubernetes_schema(path: Path) -> None:
    docs = load_yaml(path)
    assert docs, f"{path} holds no object"
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_the_schema_check_rejects_an_unknown_field() -> None:
    deployment = copy.deepcopy(objects("Deployment")["catalog"])
    pod_spec(deployment)["containers"][0]["healthcheck"] = {"path": "/health/ready"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest_and_nothing_else() -> None:
    resources = kustomization()["resources"]
    on_disk = [str(p.relative_to(KUBERNETES)) for p in manifest_files()]
    assert len(resources) == len(set(resources)), "a resource is listed twice"
    assert sorted(resources) == sorted(on_disk)
    assert kustomization()["namespace"] == objects("Namespace")["dla"]["metadata"]["name"]


def test_no_two_objects_share_a_kind_and_name() -> None:
    keys = [(doc["kind"], doc["metadata"]["name"]) for _, doc in manifests()]
    assert len(keys) == len(set(keys))


def test_kustomization_tags_exactly_the_images_the_workloads_use() -> None:
    used = {c["image"] for doc in workloads().values() for c in pod_spec(doc)["containers"]}
    assert used == {f"dla/{app}" for app in APPS}, "images are untagged here; the kustomization tags them"
    tagged = {image["name"]: image["newTag"] for image in kustomization()["images"]}
    assert set(tagged) == used
    assert len(set(tagged.values())) == 1, "all images ship as one version"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (with kustomize) is not installed")
def test_kubectl_kustomize_renders_every_object_into_the_namespace() -> None:
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(KUBERNETES)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    docs = [doc for doc in yaml.safe_load_all(rendered) if doc]
    assert {(d["kind"], d["metadata"]["name"]) for d in docs} == {
        (d["kind"], d["metadata"]["name"]) for _, d in manifests()
    }
    for doc in docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "dla"
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        if doc["kind"] in ("Deployment", "Job"):
            for container in pod_spec(doc)["containers"]:
                assert re.fullmatch(r"dla/[a-z]+:\d+\.\d+\.\d+", container["image"])


@pytest.mark.parametrize("app", APPS)
def test_each_app_runs_two_probed_limited_replicas(app: str) -> None:
    deployment = objects("Deployment")[app]
    assert deployment["spec"]["replicas"] == 2
    [container] = pod_spec(deployment)["containers"]
    assert container["image"] == f"dla/{app}"
    assert container["ports"] == [{"name": "http", "containerPort": PORT, "protocol": "TCP"}]
    assert container["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/health/live", "port": "http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/health/live", "port": "http"}
    for bound in ("requests", "limits"):
        assert set(container["resources"][bound]) == {"cpu", "memory"}
    assert (
        deployment["spec"]["selector"]["matchLabels"].items()
        <= deployment["spec"]["template"]["metadata"]["labels"].items()
    )


@pytest.mark.parametrize("name", sorted(workloads()))
def test_every_pod_runs_non_root_read_only_and_without_privileges(name: str) -> None:
    spec = pod_spec(workloads()[name])
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] == UID
    assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert spec["automountServiceAccountToken"] is False
    volumes = {v["name"]: v for v in spec["volumes"]}
    for container in spec["containers"]:
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["readOnlyRootFilesystem"] is True
        assert context["runAsNonRoot"] is True
        assert context["capabilities"] == {"drop": ["ALL"]}
        [tmp] = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
        assert "emptyDir" in volumes[tmp["name"]]


@pytest.mark.parametrize("app", APPS)
def test_each_app_has_a_service_and_a_disruption_budget_selecting_its_pods(app: str) -> None:
    labels = objects("Deployment")[app]["spec"]["template"]["metadata"]["labels"]
    service = objects("Service")[app]
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"] == [
        {"name": "http", "port": PORT, "targetPort": "http", "protocol": "TCP"}
    ]
    budget = objects("PodDisruptionBudget")[app]
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    # Migration pods carry the app's name too; they must not receive traffic.
    for job in objects("Job").values():
        job_labels = job["spec"]["template"]["metadata"]["labels"]
        assert not service["spec"]["selector"].items() <= job_labels.items()


@pytest.mark.parametrize("name", sorted(workloads()))
def test_every_variable_reference_and_secret_key_resolves(name: str) -> None:
    secret_keys = set(objects("Secret")["dla-secrets"]["stringData"])
    for container in pod_spec(workloads()[name])["containers"]:
        env = expanded_env(container)
        for item in container.get("env", []):
            if "valueFrom" in item:
                assert item["valueFrom"]["secretKeyRef"]["key"] in secret_keys
        for argument in container.get("command", []) + container.get("args", []):
            for variable in REFERENCE.findall(argument):
                assert variable in env, f"{name}: $({variable}) is not defined"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_and_its_migration_connect_as_the_service_role(service: str) -> None:
    deployment = pod_spec(objects("Deployment")[service])["containers"][0]
    job = pod_spec(objects("Job")[f"{service}-migrate"])["containers"][0]
    assert job["env"] == deployment["env"]
    assert job["image"] == deployment["image"]
    assert job["command"] == migrate_command(service)
    env = expanded_env(deployment)
    url = make_url(env[f"DLA_{service.upper()}_DATABASE_URL"])
    assert url.drivername == "postgresql+psycopg"
    assert url.username == role_name(service)
    assert url.password == f"<dla-secrets:{service}-database-password>"
    assert (url.host, url.port, url.database) == ("dla-db-rw", 5432, "dla")
    assert env["DLA_WEBHOOK_SECRET"] == "<dla-secrets:webhook-secret>"


def test_provisioning_creates_every_service_role_with_its_password() -> None:
    [container] = pod_spec(objects("Job")["dla-provision"])["containers"]
    env = expanded_env(container)
    command = [REFERENCE.sub(lambda m: env[m.group(1)], part) for part in container["command"]]
    assert command[:6] == [
        "python",
        "-m",
        "kit.provision",
        "<dla-secrets:admin-database-url>",
        "dla",
        "--passwords",
    ]
    passwords = json.loads(command[6])
    assert passwords == {s: f"<dla-secrets:{s}-database-password>" for s in SERVICES}


def test_gateway_routes_to_every_service_and_events_reach_real_services() -> None:
    upstreams = json.loads(config_data()["DLA_GATEWAY_UPSTREAMS"])
    assert upstreams == {s: f"http://{s}:{PORT}" for s in SERVICES}
    wiring = [value for name, value in config_data().items() if name.endswith("_EVENT_SUBSCRIBERS")]
    assert len(wiring) >= 2, "catalog and identity publish to subscribers"
    subscribers = [s for value in wiring for s in TypeAdapter(list[SubscriberConfig]).validate_json(value)]
    for subscriber in subscribers:
        assert subscriber.url == f"http://{subscriber.name}:{PORT}/events"
        assert subscriber.name in objects("Service")


def test_ingress_sends_everything_to_the_gateway() -> None:
    [rule] = objects("Ingress")["gateway"]["spec"]["rules"]
    [path] = rule["http"]["paths"]
    assert (path["path"], path["pathType"]) == ("/", "Prefix")
    assert path["backend"]["service"] == {"name": "gateway", "port": {"name": "http"}}


def test_the_example_secret_holds_placeholders_only() -> None:
    values: dict[str, Any] = objects("Secret")["dla-secrets"]["stringData"]
    assert all("REPLACE_ME" in value for value in values.values())


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "catalog"])
def test_service_manifests_differ_from_the_catalog_only_by_name(service: str) -> None:
    for template in sorted((KUBERNETES / "catalog").iterdir()):
        expected = app_name_swap(template.read_text(), "catalog", service)
        assert (KUBERNETES / service / template.name).read_text() == expected, template.name
