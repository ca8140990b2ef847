"""Merging service contracts into one document (a pure function)."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.openapi import aggregate


def spec(title: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "items-list_items",
                    "tags": ["items"],
                    "responses": {
                        "200": {
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}
                        }
                    },
                }
            },
            "/events": {"post": {"operationId": "events-receive", "responses": {"200": {}}}},
        },
        "components": {
            "schemas": {
                "Page": {
                    "type": "object",
                    "properties": {
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}
                    },
                },
                "Item": {"type": "object"},
            }
        },
        "webhooks": {
            f"{title}.changed": {
                "post": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}
                    },
                    "responses": {"200": {}},
                }
            }
        },
    }


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in all_refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in all_refs(v)]
    return []


def test_paths_ids_and_components_are_prefixed_without_collisions() -> None:
    merged = aggregate({"catalog": spec("catalog"), "identity": spec("identity")})
    assert set(merged["paths"]) == {"/api/catalog/items", "/api/identity/items"}
    ids = [op["operationId"] for item in merged["paths"].values() for op in item.values()]
    assert sorted(ids) == ["catalog-items-list_items", "identity-items-list_items"]
    assert {"catalog.Page", "catalog.Item", "identity.Page", "identity.Item"} == set(
        merged["components"]["schemas"]
    )
    assert set(merged["webhooks"]) == {"catalog.changed", "identity.changed"}


def test_every_reference_resolves_after_merging() -> None:
    merged = aggregate({"catalog": spec("catalog"), "identity": spec("identity")})
    schemas = merged["components"]["schemas"]
    refs = all_refs(merged)
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_unavailable_services_are_named_and_inputs_untouched() -> None:
    original = spec("catalog")
    merged = aggregate({"catalog": original}, unavailable=["pathways"])
    assert "pathways" in merged["info"]["description"]
    assert original["components"]["schemas"]["Page"]["properties"]["items"]["items"]["$ref"] == (
        "#/components/schemas/Item"
    )


def test_webhooks_are_prefixed_once_and_never_collide() -> None:
    plain = spec("catalog")
    plain["webhooks"] = {"changed": plain["webhooks"].pop("catalog.changed")}
    other = spec("identity")
    other["webhooks"] = {"changed": other["webhooks"].pop("identity.changed")}
    merged = aggregate({"catalog": plain, "identity": other, "pathways": spec("pathways")})
    assert set(merged["webhooks"]) == {"catalog.changed", "identity.changed", "pathways.changed"}
    body = merged["webhooks"]["catalog.changed"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/catalog.Item"


def test_discriminator_mappings_and_non_schema_components_are_renamed() -> None:
    source = spec("catalog")
    source["components"]["schemas"]["Union"] = {
        "oneOf": [{"$ref": "#/components/schemas/Item"}, {"$ref": "#/components/schemas/Page"}],
        "discriminator": {"propertyName": "kind", "mapping": {"item": "#/components/schemas/Item"}},
    }
    source["components"]["parameters"] = {"Limit": {"name": "limit", "in": "query"}}
    source["paths"]["/items"]["get"]["parameters"] = [{"$ref": "#/components/parameters/Limit"}]
    merged = aggregate({"catalog": source})
    union = merged["components"]["schemas"]["catalog.Union"]
    assert union["discriminator"]["mapping"] == {"item": "#/components/schemas/catalog.Item"}
    assert merged["paths"]["/api/catalog/items"]["get"]["parameters"] == [
        {"$ref": "#/components/parameters/catalog.Limit"}
    ]
    assert "catalog.Limit" in merged["components"]["parameters"]


def test_security_requirements_follow_their_renamed_schemes() -> None:
    source = spec("identity")
    source["components"]["securitySchemes"] = {"OAuth2": {"type": "oauth2", "flows": {}}}
    source["security"] = [{"OAuth2": ["read"]}]
    source["paths"]["/public"] = {"get": {"operationId": "public", "security": [], "responses": {}}}
    merged = aggregate({"identity": source})
    assert set(merged["components"]["securitySchemes"]) == {"identity.OAuth2"}
    assert merged["paths"]["/api/identity/items"]["get"]["security"] == [{"identity.OAuth2": ["read"]}]
    assert merged["paths"]["/api/identity/public"]["get"]["security"] == []
    assert "security" not in merged


def test_operation_ids_are_unique_and_tags_prefixed_across_services() -> None:
    specs = {name: spec(name) for name in ("assessment", "catalog", "identity", "pathways")}
    own = {"paths": {"/health/live": {"get": {"operationId": "health-live", "responses": {}}}}}
    merged = aggregate(specs, own=own)
    operations = [
        op
        for item in merged["paths"].values()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids)) == 5
    assert "/api/catalog/events" not in merged["paths"]  # service-to-service only
    assert merged["paths"]["/health/live"]["get"]["operationId"] == "gateway-health-live"
    assert merged["paths"]["/api/pathways/items"]["get"]["tags"] == ["pathways: items"]


def test_a_clash_is_refused_rather_than_silently_overwritten() -> None:
    own: dict[str, Any] = {"paths": {"/api/catalog/items": {"get": {"responses": {}}}}}
    with pytest.raises(ValueError, match="/api/catalog/items"):
        aggregate({"catalog": spec("catalog")}, own=own)
