"""Readers for the deploy tree: YAML manifests, Dockerfiles and `.dockerignore`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
COMPOSE = ROOT / "deploy" / "compose"
SERVICES = ("identity", "assessment", "pathways", "catalog")
APPS = (*SERVICES, "gateway")
PORT = 8000
UID = 10001

Document = dict[str, Any]


def migrate_command(service: str) -> list[str]:
    """The one-shot migration step every deployment form must run for a service."""
    return [
        "python",
        "-m",
        "kit.migrate",
        service,
        "--service-dir",
        f"/app/services/{service}",
        "--reference",
    ]


def load_yaml(path: Path) -> list[Document]:
    """Every non-empty document of a YAML file."""
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def manifest_files() -> list[Path]:
    """The Kubernetes manifests: every YAML file under deploy/kubernetes but the kustomization."""
    return sorted(p for p in KUBERNETES.rglob("*.yaml") if p.name != "kustomization.yaml")


@cache
def manifests() -> tuple[tuple[Path, Document], ...]:
    """Every Kubernetes object with the file it comes from."""
    return tuple((path, doc) for path in manifest_files() for doc in load_yaml(path))


def objects(kind: str) -> dict[str, Document]:
    """The objects of one kind, by name."""
    return {doc["metadata"]["name"]: doc for _, doc in manifests() if doc["kind"] == kind}


def config_data() -> dict[str, str]:
    """The shared ConfigMap's keys and values."""
    data: dict[str, str] = objects("ConfigMap")["dla-config"]["data"]
    return data


def app_path(app: str) -> str:
    """An app's project folder, relative to the repository root."""
    return "gateway" if app == "gateway" else f"services/{app}"


def app_name_swap(text: str, source: str, target: str) -> str:
    """`text` written for one service, rewritten for another (names in every case)."""
    return text.replace(source, target).replace(source.upper(), target.upper())


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction, continuation lines joined and comments dropped."""

    keyword: str
    arguments: str

    def exec_form(self) -> list[str]:
        """The JSON (exec form) argument list of CMD, ENTRYPOINT or HEALTHCHECK ... CMD."""
        start = self.arguments.index("[")
        value = json.loads(self.arguments[start:])
        assert isinstance(value, list), f"{self.keyword} is not in exec form"
        return [str(item) for item in value]


def dockerfile(path: Path) -> list[list[Instruction]]:
    """A Dockerfile's stages (the global ARGs before the first FROM are stage 0)."""
    stages: list[list[Instruction]] = [[]]
    pending = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        pending = ""
        if keyword.upper() == "FROM":
            stages.append([])
        stages[-1].append(Instruction(keyword.upper(), " ".join(arguments.split())))
    assert not pending, f"{path} ends inside a continued line"
    return stages


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    # Docker's .dockerignore syntax: Go's filepath.Match per segment, `**` for any folders.
    regex = ""
    for piece in pattern.strip("/").split("/"):
        if piece == "**":
            regex += "(?:[^/]+/)*"
        else:
            regex += re.escape(piece).replace(r"\*", "[^/]*").replace(r"\?", "[^/]") + "/"
    if pattern.rstrip("/").endswith("**"):
        return re.compile(regex + ".*")
    return re.compile(regex.removesuffix("/"))


def dockerignore_excludes(rules: str, path: str) -> bool:
    """Whether Docker leaves `path` out of the build context under these .dockerignore rules."""
    excluded = False
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    for rule in rules.splitlines():
        rule = rule.strip()
        if not rule or rule.startswith("#"):
            continue
        negated = rule.startswith("!")
        regex = _pattern_regex(rule.removeprefix("!"))
        # A pattern that matches a folder matches everything in it.
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            excluded = not negated
    return excluded
