"""One OpenAPI document for the whole platform, merged from each service's contract."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

REF_PREFIX = "#/components/"
# Service-to-service endpoints: reachable inside the platform only, so not in the public document.
INTERNAL_PATHS = frozenset({"/events"})
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def component_name(service: str, name: str) -> str:
    """`<service>.<Name>`: dots are allowed in OpenAPI component keys and kept by openapi-typescript."""
    return f"{service}.{name}"


def _rewrite_ref(value: str, service: str) -> str:
    if not value.startswith(REF_PREFIX):
        return value  # external or relative references are not ours to rename
    section, _, rest = value[len(REF_PREFIX) :].partition("/")
    return f"{REF_PREFIX}{section}/{component_name(service, rest)}"


def _rewrite_refs(node: Any, service: str) -> Any:
    """Point every local `$ref` (and discriminator mapping) at the service-prefixed component."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = _rewrite_ref(value, service)
            elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
                mapping = {k: _rewrite_ref(v, service) for k, v in value["mapping"].items()}
                out[key] = {**value, "mapping": mapping}
            else:
                out[key] = _rewrite_refs(value, service)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, service) for item in node]
    return node


def _prefix_security(requirements: list[dict[str, Any]], service: str) -> list[dict[str, Any]]:
    # Security requirements name security schemes by key, not by $ref, so rename them here.
    return [{component_name(service, k): v for k, v in req.items()} for req in requirements]


def _prefix_operations(
    path_item: dict[str, Any], service: str, default_security: list[dict[str, Any]] | None
) -> dict[str, Any]:
    for method, operation in path_item.items():
        if method not in HTTP_METHODS or not isinstance(operation, dict):
            continue
        if "operationId" in operation:
            operation["operationId"] = f"{service}-{operation['operationId']}"
        operation["tags"] = [f"{service}: {tag}" for tag in operation.get("tags", [])] or [service]
        # A service's top-level `security` does not survive the merge, so each operation carries it.
        security = operation.get("security", default_security)
        if security is not None:
            operation["security"] = _prefix_security(security, service)
    return path_item


def _put(target: dict[str, Any], key: str, value: Any, what: str) -> None:
    if key in target:
        raise ValueError(f"two services define the {what} {key!r}")
    target[key] = value


def _describe(unavailable: list[str] | None) -> str:
    description = (
        "The DLA platform API, one document for every service behind the gateway. "
        "Errors are RFC 9457 problem details (`application/problem+json`)."
    )
    if unavailable:
        description += f"\n\nNot reachable when this document was built: {', '.join(sorted(unavailable))}."
    return description


def aggregate(
    specs: Mapping[str, Mapping[str, Any]],
    *,
    own: Mapping[str, Any] | None = None,
    unavailable: list[str] | None = None,
) -> dict[str, Any]:
    """Merge service specs under `/api/<service>`; components become `<service>.<Name>`.

    `own` is the gateway's own document (its paths are kept as they are, components prefixed
    `gateway.`); `unavailable` names services whose contract could not be read. Raises
    ValueError if two sources would define the same path, webhook or component.
    """
    merged: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "DLA platform API", "version": "0.1.0", "description": _describe(unavailable)},
        "paths": {},
        "components": {},
    }
    webhooks: dict[str, Any] = {}
    tags: dict[str, Any] = {}
    sources: list[tuple[str, str, Mapping[str, Any]]] = [
        (name, f"/api/{name}", spec) for name, spec in sorted(specs.items())
    ]
    if own is not None:
        sources.append(("gateway", "", own))
    for service, prefix, spec in sources:
        spec = _rewrite_refs(copy.deepcopy(dict(spec)), service)
        security = spec.get("security")
        for path, item in spec.get("paths", {}).items():
            if path in INTERNAL_PATHS and prefix:
                continue
            _put(merged["paths"], f"{prefix}{path}", _prefix_operations(item, service, security), "path")
        for name, item in spec.get("webhooks", {}).items():
            # Services already name their events `<service>.<event>`; prefix only when they do not.
            full = name if name.startswith(f"{service}.") else f"{service}.{name}"
            _put(webhooks, full, _prefix_operations(item, service, security), "webhook")
        for tag in spec.get("tags", []):
            tags[f"{service}: {tag['name']}"] = {**tag, "name": f"{service}: {tag['name']}"}
        for section, entries in spec.get("components", {}).items():
            target = merged["components"].setdefault(section, {})
            for name, value in entries.items():
                _put(target, component_name(service, name), value, f"component {section}")
    if webhooks:
        merged["webhooks"] = dict(sorted(webhooks.items()))
    if tags:
        merged["tags"] = [tags[name] for name in sorted(tags)]
    merged["paths"] = dict(sorted(merged["paths"].items()))
    return merged
