import uuid
from typing import Any

import httpx
import pytest

from kit.testing.plugin import problem

from .factories.organisations import HOME, create, small_tree


@pytest.fixture
def client(admin_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """Tree tests call as a platform admin (who may do what: test_organisations_access)."""
    return admin_client


async def codes(client: httpx.AsyncClient, path: str = "/organisations", **params: Any) -> list[str]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [org["code"] for org in response.json()["items"] if org["code"] != HOME]


async def test_children_are_the_direct_children_only(client: httpx.AsyncClient) -> None:
    tree = await small_tree(client)
    assert await codes(client, f"/organisations/{tree['lt']['id']}/children") == ["eimin", "vrm"]
    assert await codes(client, f"/organisations/{tree['vrm-hr']['id']}/children") == [
        "vrm-hr-recruitment",
        "vrm-hr-training",
    ]
    assert await codes(client, f"/organisations/{tree['vrm-hr-training']['id']}/children") == []


async def test_children_are_paginated(client: httpx.AsyncClient) -> None:
    country = await create(client, "lt", "country")
    for n in range(5):
        await create(client, f"ministry-{n}", "ministry", country)
    path = f"/organisations/{country['id']}/children"
    pages = [(await client.get(path, params={"limit": 2, "offset": o})).json() for o in (0, 2, 4)]
    assert [[org["code"] for org in page["items"]] for page in pages] == [
        ["ministry-0", "ministry-1"],
        ["ministry-2", "ministry-3"],
        ["ministry-4"],
    ]
    assert {page["total"] for page in pages} == {5}
    problem(await client.get(path, params={"limit": 101}), 422, "validation")


async def test_within_gives_the_whole_subtree_and_nothing_else(client: httpx.AsyncClient) -> None:
    tree = await small_tree(client)
    assert await codes(client, within=tree["vrm"]["id"]) == [
        "vrm",
        "vrm-hr",
        "vrm-hr-recruitment",
        "vrm-hr-training",
    ]
    assert await codes(client, within=tree["eimin"]["id"]) == ["eimin", "eimin-digital"]
    assert await codes(client, within=tree["vrm-hr-training"]["id"]) == ["vrm-hr-training"]
    assert len(await codes(client, within=tree["lt"]["id"])) == len(tree)
    assert await codes(client, within=str(uuid.uuid4())) == []
    assert await codes(client, within=tree["vrm"]["id"], kind="unit") == [
        "vrm-hr-recruitment",
        "vrm-hr-training",
    ]


async def test_filters_by_parent_kind_and_root(client: httpx.AsyncClient) -> None:
    tree = await small_tree(client)
    assert await codes(client, parent_id=tree["lt"]["id"]) == ["eimin", "vrm"]
    assert await codes(client, kind="department") == ["eimin-digital", "vrm-hr"]
    assert await codes(client, root="true") == ["lt"]
    assert len(await codes(client, root="false")) == len(tree) - 1
    assert await codes(client, parent_id=str(uuid.uuid4())) == []
    problem(await client.get("/organisations", params={"kind": "agency"}), 422, "validation")
    problem(await client.get("/organisations", params={"parent_id": "lt"}), 422, "validation")


async def test_search_matches_code_or_name_in_any_language_ignoring_case(client: httpx.AsyncClient) -> None:
    country = await create(client, "lt", "country")
    await create(
        client,
        "vrm",
        "ministry",
        country,
        name={"en": "Ministry of the Interior", "lt": "Vidaus reikalų ministerija"},
    )
    await create(
        client,
        "eimin",
        "ministry",
        country,
        name={"en": "Ministry of the Economy and Innovation", "lt": "Ekonomikos ir inovacijų ministerija"},
    )
    await create(
        client,
        "sam",
        "ministry",
        country,
        name={"en": "Ministry of Social Security and Labour", "lt": "Socialinės apsaugos ir darbo"},
    )
    assert await codes(client, q="INTERIOR") == ["vrm"]
    assert await codes(client, q="vidaus REIKALŲ") == ["vrm"]
    assert await codes(client, q="SOCIALINĖS") == ["sam"]
    assert await codes(client, q="ministr") == ["eimin", "sam", "vrm"]
    assert await codes(client, q="eimi") == ["eimin"]
    # The language keys are not searched, and LIKE wildcards are taken literally.
    assert await codes(client, q="lt") == ["lt"]
    assert await codes(client, q="%") == []
    assert await codes(client, q="_") == []
    problem(await client.get("/organisations", params={"q": ""}), 422, "validation")
    problem(await client.get("/organisations", params={"q": "x" * 101}), 422, "validation")
    problem(await client.get("/organisations", params={"q": "a\x00b"}), 422, "validation")


async def test_list_is_paginated_with_a_stable_order(client: httpx.AsyncClient) -> None:
    tree = await small_tree(client)
    seen: list[str] = []
    for offset in range(0, len(tree) + 1, 3):
        page = (await client.get("/organisations", params={"limit": 3, "offset": offset})).json()
        assert (page["total"], page["limit"], page["offset"]) == (len(tree) + 1, 3, offset)
        seen += [org["code"] for org in page["items"]]
    assert seen == sorted([*tree, HOME])  # the platform admin's own organisation too
    problem(await client.get("/organisations", params={"offset": -1}), 422, "validation")
