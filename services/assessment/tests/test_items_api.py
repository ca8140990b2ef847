"""The editors' item API: create (idempotent), change (new versions, lost-update guard), the
workflow with four eyes, retirement, history, preview; problems for bad input, unknown ids, roles."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import shipped_documents
from assessment.frameworks.service import import_framework
from assessment.items.models import Item, ItemVersion
from assessment.items.service import servable_versions
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.items import matching, multiple_response, ordering, scenario, single_choice, text

ORG_PATH = (uuid.uuid4(), uuid.uuid4())
ALICE, BOB, CAROL = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
Headers = dict[str, str]


def _bearer(mint: TokenMint, person: uuid.UUID, roles: tuple[str, ...]) -> Headers:
    return {"Authorization": f"Bearer {mint.person(person, ORG_PATH, roles=roles)}"}


@pytest.fixture
def alice(dla_token_mint: TokenMint) -> Headers:
    return _bearer(dla_token_mint, ALICE, ("learner", "content_editor"))


@pytest.fixture
def bob(dla_token_mint: TokenMint) -> Headers:
    return _bearer(dla_token_mint, BOB, ("learner", "content_editor"))


@pytest.fixture(autouse=True)
async def frameworks(db_session: AsyncSession) -> None:
    for document in shipped_documents():
        await import_framework(db_session, document)


def body(document: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"framework": "digcomp-2.2", **document, **extra}


async def _create(client: httpx.AsyncClient, headers: Headers, document: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/items", json=body(document), headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def _published(
    client: httpx.AsyncClient, author: Headers, reviewer: Headers, document: dict[str, Any]
) -> str:
    item_id: str = (await _create(client, author, document))["id"]
    assert (await client.post(f"/items/{item_id}/submit", headers=author)).status_code == 200
    assert (await client.post(f"/items/{item_id}/publish", headers=reviewer)).status_code == 200
    return item_id


async def _counts(session: AsyncSession) -> tuple[int | None, int | None]:
    items = await session.scalar(select(func.count()).select_from(Item))
    versions = await session.scalar(select(func.count()).select_from(ItemVersion))
    return items, versions


async def test_create_gives_a_draft_version_1_by_its_author(
    client: httpx.AsyncClient, alice: Headers, db_session: AsyncSession
) -> None:
    created = await _create(client, alice, scenario())
    assert created["key"] == "c1-1-test-scenario"
    assert (created["framework"], created["competence"], created["area"]) == ("digcomp-2.2", "1.1", "1")
    assert (created["status"], created["head_version"], created["active_version"]) == ("draft", 1, None)
    assert created["languages"] == ["en", "lt"]
    assert created["created_by"] == str(ALICE)
    head = created["head"]
    assert (head["version"], head["status"], head["author"], head["reviewer"]) == (
        1,
        "draft",
        str(ALICE),
        None,
    )
    assert head["document"]["params"] == {"a": 1.6, "b": pytest.approx(0.9), "c": 0.0}
    assert head["document"]["stimulus"]["from"] == "Registry <billing@registry-pay.example>"
    assert head["document"]["answer"] == ["a", "d"]
    assert await servable_versions(db_session, "digcomp-2.2", "en") == []


async def test_create_is_idempotent_by_key(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, db_session: AsyncSession
) -> None:
    created = await _create(client, alice, single_choice())
    again = await client.post("/items", json=body(single_choice()), headers=bob)
    assert again.status_code == 200
    assert again.json()["id"] == created["id"]
    problem(await client.post("/items", json=body(single_choice(level=5)), headers=alice), 409, "conflict")
    assert await _counts(db_session) == (1, 1)


BAD_BODIES = {
    "answer not an option": body(single_choice(answer="z")),
    "extra field": body(single_choice(), colour="red"),
    "no framework": single_choice(),
    "unknown framework": body(single_choice(), framework="digcomp-9.9"),
    "unknown competence": body(single_choice(competence="6.1")),
    "bad key": body(single_choice("X")),
    "not an object": [single_choice()],
}


@pytest.mark.parametrize("payload", BAD_BODIES.values(), ids=BAD_BODIES.keys())
async def test_create_refuses_bad_bodies_and_writes_nothing(
    client: httpx.AsyncClient, alice: Headers, db_session: AsyncSession, payload: Any
) -> None:
    problem(await client.post("/items", json=payload, headers=alice), 422, "validation")
    assert await _counts(db_session) == (0, 0)


async def test_malformed_json_is_a_400(
    client: httpx.AsyncClient, alice: Headers, db_session: AsyncSession
) -> None:
    headers = {**alice, "Content-Type": "application/json"}
    problem(await client.post("/items", content=b"{", headers=headers), 400, "malformed-json")
    assert await _counts(db_session) == (0, 0)


async def test_publishing_needs_another_editor_than_the_author(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, db_session: AsyncSession
) -> None:
    item_id = (await _create(client, alice, single_choice()))["id"]
    problem(await client.post(f"/items/{item_id}/publish", headers=bob), 409, "conflict")
    submitted = await client.post(f"/items/{item_id}/submit", headers=alice)
    assert submitted.json()["status"] == "in_review"
    assert (await client.post(f"/items/{item_id}/submit", headers=alice)).json()["status"] == "in_review"
    problem(await client.post(f"/items/{item_id}/publish", headers=alice), 403, "forbidden")
    published = (await client.post(f"/items/{item_id}/publish", headers=bob)).json()
    assert (published["status"], published["active_version"]) == ("active", 1)
    assert published["head"]["reviewer"] == str(BOB)
    assert published["head"]["reviewed_at"] is not None
    served = await servable_versions(db_session, "digcomp-2.2", "lt")
    assert [str(v.id) for v in served] == [published["head"]["id"]]


async def test_an_active_item_stays_served_while_its_change_is_reviewed(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, db_session: AsyncSession
) -> None:
    item_id = await _published(client, alice, bob, single_choice())
    first = (await servable_versions(db_session, "digcomp-2.2", "en"))[0].id
    change = {**single_choice(stem=text("A clearer question?")), "base_version": 1, "note": "Clearer stem"}
    changed = await client.put(f"/items/{item_id}", json=change, headers=bob)
    assert changed.status_code == 200, changed.text
    view = changed.json()
    assert (view["status"], view["head_version"], view["active_version"]) == ("draft", 2, 1)
    assert (view["head"]["author"], view["head"]["note"]) == (str(BOB), "Clearer stem")
    assert [v.id for v in await servable_versions(db_session, "digcomp-2.2", "en")] == [first]
    listed = (await client.get("/items", params={"status": "active"}, headers=alice)).json()
    assert [i["id"] for i in listed["items"]] == [item_id]
    await client.post(f"/items/{item_id}/submit", headers=bob)
    published = (await client.post(f"/items/{item_id}/publish", headers=alice)).json()
    assert (published["status"], published["active_version"]) == ("active", 2)
    history = (await client.get(f"/items/{item_id}/versions", headers=alice)).json()
    assert [(v["version"], v["status"]) for v in history] == [(1, "superseded"), (2, "active")]
    assert history[0]["document"]["stem"]["en"] == "Which search finds the official form?"
    served = await servable_versions(db_session, "digcomp-2.2", "en")
    assert [str(v.id) for v in served] == [history[1]["id"]]


async def test_a_stale_base_version_is_a_conflict_and_changes_nothing(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, db_session: AsyncSession
) -> None:
    item_id = (await _create(client, alice, single_choice()))["id"]
    change = {**single_choice(level=4), "base_version": 1}
    assert (await client.put(f"/items/{item_id}", json=change, headers=alice)).status_code == 200
    retried = await client.put(f"/items/{item_id}", json=change, headers=alice)
    assert retried.status_code == 200
    assert retried.json()["head_version"] == 2
    other = {**single_choice(level=6), "base_version": 1}
    problem(await client.put(f"/items/{item_id}", json=other, headers=bob), 409, "conflict")
    assert await _counts(db_session) == (1, 2)
    versions = (await client.get(f"/items/{item_id}/versions", headers=alice)).json()
    assert [(v["version"], v["status"], v["document"]["level"]) for v in versions] == [
        (1, "superseded", 3),
        (2, "draft", 4),
    ]


@pytest.mark.parametrize(
    "change",
    [
        {**single_choice("c1-1-other-key"), "base_version": 1},
        {**single_choice(competence="1.2"), "base_version": 1},
        {**single_choice(answer="x"), "base_version": 1},
        single_choice(),
        {**single_choice(), "base_version": 0},
    ],
    ids=["key", "competence", "answer", "no base version", "base version 0"],
)
async def test_a_change_cannot_move_or_break_the_item(
    client: httpx.AsyncClient, alice: Headers, db_session: AsyncSession, change: dict[str, Any]
) -> None:
    item_id = (await _create(client, alice, single_choice()))["id"]
    problem(await client.put(f"/items/{item_id}", json=change, headers=alice), 422, "validation")
    assert await _counts(db_session) == (1, 1)


async def test_a_rejected_version_goes_back_to_draft_with_the_comment(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, dla_token_mint: TokenMint
) -> None:
    item_id = (await _create(client, alice, ordering()))["id"]
    problem(
        await client.post(f"/items/{item_id}/reject", json={"comment": "No"}, headers=bob), 409, "conflict"
    )
    await client.post(f"/items/{item_id}/submit", headers=alice)
    problem(await client.post(f"/items/{item_id}/reject", json={}, headers=bob), 422, "validation")
    rejected = await client.post(
        f"/items/{item_id}/reject", json={"comment": "Step 3 is unclear."}, headers=bob
    )
    head = rejected.json()["head"]
    assert (head["status"], head["reviewer"], head["review_comment"]) == (
        "draft",
        str(BOB),
        "Step 3 is unclear.",
    )
    assert (head["submitted_by"], head["rejected_by"]) == (str(ALICE), str(BOB))
    carol = _bearer(dla_token_mint, CAROL, ("content_editor",))
    await client.post(f"/items/{item_id}/submit", headers=alice)
    published = (await client.post(f"/items/{item_id}/publish", headers=carol)).json()["head"]
    # The publisher is the last reviewer; the rejection before it stays on record.
    assert (published["status"], published["reviewer"]) == ("active", str(CAROL))
    assert (published["rejected_by"], published["review_comment"]) == (str(BOB), "Step 3 is unclear.")
    assert published["rejected_at"] is not None


async def test_a_guard_on_a_transition_refuses_an_unseen_version(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    item_id = (await _create(client, alice, single_choice()))["id"]
    await client.put(f"/items/{item_id}", json={**single_choice(level=4), "base_version": 1}, headers=alice)
    await client.post(f"/items/{item_id}/submit", headers=alice)
    problem(await client.post(f"/items/{item_id}/publish", json={"version": 1}, headers=bob), 409, "conflict")
    published = await client.post(f"/items/{item_id}/publish", json={"version": 2}, headers=bob)
    assert published.json()["active_version"] == 2


async def test_a_retired_item_is_never_served_again(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, db_session: AsyncSession
) -> None:
    item_id = await _published(client, alice, bob, matching())
    assert len(await servable_versions(db_session, "digcomp-2.2", "en")) == 1
    retired = (await client.post(f"/items/{item_id}/retire", headers=alice)).json()
    assert (retired["status"], retired["active_version"], retired["head"]["retired_by"]) == (
        "retired",
        None,
        str(ALICE),
    )
    assert (await client.post(f"/items/{item_id}/retire", headers=alice)).status_code == 200
    assert await servable_versions(db_session, "digcomp-2.2", "en") == []
    listed = (await client.get("/items", params={"status": "retired"}, headers=alice)).json()
    assert [i["id"] for i in listed["items"]] == [item_id]
    draft_id = (await _create(client, alice, single_choice()))["id"]
    problem(await client.post(f"/items/{draft_id}/retire", headers=alice), 409, "conflict")


async def test_one_version_of_the_history(client: httpx.AsyncClient, alice: Headers) -> None:
    item_id = (await _create(client, alice, multiple_response()))["id"]
    await client.put(
        f"/items/{item_id}", json={**multiple_response(answer=["a"]), "base_version": 1}, headers=alice
    )
    second = (await client.get(f"/items/{item_id}/versions/2", headers=alice)).json()
    assert (second["version"], second["document"]["answer"]) == (2, ["a"])
    first = (await client.get(f"/items/{item_id}/versions/1", headers=alice)).json()
    assert first["document"]["answer"] == ["a", "c"]
    problem(await client.get(f"/items/{item_id}/versions/3", headers=alice), 404, "not-found")
    problem(await client.get(f"/items/{item_id}/versions/0", headers=alice), 422, "validation")


async def test_the_preview_is_what_a_learner_sees(client: httpx.AsyncClient, alice: Headers) -> None:
    created = await _create(client, alice, scenario(explanation=text("Look at the domain.", "")))
    item_id = created["id"]
    shown = await client.get(f"/items/{item_id}/preview", params={"language": "en", "seed": 5}, headers=alice)
    assert shown.status_code == 200
    learner = shown.json()
    assert learner["id"] == created["head"]["id"]
    assert set(learner) == {
        "id",
        "type",
        "interaction",
        "language",
        "stem",
        "stimulus",
        "options",
        "categories",
    }
    assert "Look at the domain." not in shown.text
    # The whole stimulus in one language, `from` under its own name: nothing dropped on the way out.
    assert learner["stimulus"] == {
        "kind": "email",
        "from": "Registry <billing@registry-pay.example>",
        "to": "you@agency.example.lt",
        "subject": "Unpaid invoice",
        "body": "Pay within 24 hours.",
        "links": [{"text": "Pay now", "url": "http://registry-pay.example/pay"}],
        "attachments": ["invoice.zip"],
    }
    problem(
        await client.get(f"/items/{item_id}/preview", params={"language": "lt"}, headers=alice),
        422,
        "validation",
    )
    problem(await client.get(f"/items/{item_id}/preview", headers=alice), 422, "validation")


async def test_the_list_filters_sorts_and_pages(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    await _create(
        client,
        alice,
        single_choice(
            "c1-2-judge-source",
            competence="1.2",
            stem=text("Is this source reliable?", "Ar šis šaltinis patikimas?"),
        ),
    )
    await _create(client, alice, matching())
    await _create(client, alice, ordering(explanation=text("Order.", "")))
    await _published(client, alice, bob, single_choice())

    async def keys(**params: Any) -> list[str]:
        page = (await client.get("/items", params=params, headers=bob)).json()
        return [item["key"] for item in page["items"]]

    assert await keys() == [
        "c1-1-test-matching",
        "c1-1-test-ordering",
        "c1-1-test-single",
        "c1-2-judge-source",
    ]
    assert await keys(status="draft") == ["c1-1-test-matching", "c1-1-test-ordering", "c1-2-judge-source"]
    assert await keys(status="active") == ["c1-1-test-single"]
    assert await keys(competence="1.2") == ["c1-2-judge-source"]
    assert await keys(type="ordering") == ["c1-1-test-ordering"]
    assert await keys(level=2) == ["c1-1-test-matching"]
    assert await keys(language="lt") == ["c1-1-test-matching", "c1-1-test-single", "c1-2-judge-source"]
    assert await keys(q="ŠALTINIS") == ["c1-2-judge-source"]
    assert await keys(q="100%") == []
    page = (await client.get("/items", params={"limit": 2, "offset": 1}, headers=bob)).json()
    assert (page["total"], [i["key"] for i in page["items"]]) == (
        4,
        ["c1-1-test-ordering", "c1-1-test-single"],
    )
    summary = page["items"][1]
    assert (summary["type"], summary["level"], summary["stem"]["en"]) == (
        "single_choice",
        3,
        "Which search finds the official form?",
    )


@pytest.mark.parametrize(
    "params",
    [
        {"status": "published"},
        {"type": "essay"},
        {"level": 9},
        {"competence": "1"},
        {"language": "EN"},
        {"q": ""},
    ],
)
async def test_the_list_refuses_bad_filters(
    client: httpx.AsyncClient, alice: Headers, params: dict[str, Any]
) -> None:
    problem(await client.get("/items", params=params, headers=alice), 422, "validation")


def _every_route(item_id: str) -> list[tuple[str, str, Any]]:
    change = {**single_choice(), "base_version": 1}
    return [
        ("GET", "/items", None),
        ("POST", "/items", body(single_choice())),
        ("GET", f"/items/{item_id}", None),
        ("PUT", f"/items/{item_id}", change),
        ("GET", f"/items/{item_id}/versions", None),
        ("GET", f"/items/{item_id}/versions/1", None),
        ("POST", f"/items/{item_id}/submit", None),
        ("POST", f"/items/{item_id}/publish", None),
        ("POST", f"/items/{item_id}/reject", {"comment": "No"}),
        ("POST", f"/items/{item_id}/retire", None),
        ("GET", f"/items/{item_id}/preview?language=en", None),
    ]


async def test_every_route_needs_a_token_and_the_editor_role(
    client: httpx.AsyncClient, alice: Headers, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = (await _create(client, alice, single_choice()))["id"]
    learner = _bearer(dla_token_mint, uuid.uuid4(), ("learner",))
    machine = {"Authorization": "Bearer " + dla_token_mint.client("hr-system", ORG_PATH, scope="dla")}
    for method, path, payload in _every_route(item_id):
        problem(await client.request(method, path, json=payload), 401, "unauthorized")
        problem(await client.request(method, path, json=payload, headers=learner), 403, "forbidden")
        problem(await client.request(method, path, json=payload, headers=machine), 403, "forbidden")
    assert await _counts(db_session) == (1, 1)


async def test_a_platform_admin_may_edit(client: httpx.AsyncClient, dla_token_mint: TokenMint) -> None:
    admin = _bearer(dla_token_mint, uuid.uuid4(), ("platform_admin",))
    assert (await client.post("/items", json=body(single_choice()), headers=admin)).status_code == 201


async def test_unknown_items_are_not_found(
    client: httpx.AsyncClient, alice: Headers, db_session: AsyncSession
) -> None:
    for method, path, payload in _every_route(str(uuid.uuid4()))[2:]:
        problem(await client.request(method, path, json=payload, headers=alice), 404, "not-found")
    problem(await client.get("/items/not-a-uuid", headers=alice), 422, "validation")
    assert await _counts(db_session) == (0, 0)
