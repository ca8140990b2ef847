"""The current item and answers: chosen once, never revealing the key, one answer per position."""

import json
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.sessions.models import SessionItem
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.sessions import (
    SECRET,
    Person,
    add_item,
    item_document,
    load_framework,
    multiple_response,
    person,
    small_bank,
    start,
)


@pytest.fixture
async def framework_id(db_session: AsyncSession) -> uuid.UUID:
    return await load_framework(db_session)


@pytest.fixture
async def bank(db_session: AsyncSession, framework_id: uuid.UUID) -> None:
    await small_bank(db_session, framework_id, count=4)


async def rows(session: AsyncSession, session_id: str) -> list[tuple[Any, ...]]:
    found = await session.execute(
        select(
            SessionItem.position,
            SessionItem.item_version_id,
            SessionItem.response,
            SessionItem.correct,
            SessionItem.skipped,
            SessionItem.time_ms,
            SessionItem.answered_at,
        )
        .where(SessionItem.session_id == uuid.UUID(session_id))
        .order_by(SessionItem.position)
    )
    return [tuple(row) for row in found]


async def serve_all(client: httpx.AsyncClient, who: Person, session_id: str) -> list[str]:
    """Answer every item until the test is complete; the version ids served, in order."""
    served: list[str] = []
    for _ in range(50):
        current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
        if current["complete"]:
            return served
        served.append(current["item"]["id"])
        body = {"item_id": current["item"]["id"], "answer": {"choice": "b"}}
        put = await client.put(
            f"/sessions/{session_id}/responses/{current['position']}", json=body, headers=who.headers
        )
        assert put.status_code == 200, put.text
    raise AssertionError("the test never completed")


@pytest.mark.usefixtures("bank")
async def test_the_current_item_is_chosen_once_and_is_the_same_on_every_device(
    client: httpx.AsyncClient, app: FastAPI, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    first = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    again = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://phone") as phone:
        other = (await phone.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    assert first == again == other
    assert (first["position"], first["complete"]) == (1, False)
    assert [(p, str(v)) for p, v, *_ in await rows(db_session, session_id)] == [(1, first["item"]["id"])]


@pytest.mark.usefixtures("bank")
async def test_a_resumed_session_continues_at_the_same_position_on_another_device(
    client: httpx.AsyncClient, app: FastAPI, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    body = {"item_id": current["item"]["id"], "answer": {"choice": "a"}}
    await client.put(f"/sessions/{session_id}/responses/1", json=body, headers=who.headers)
    second = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    await client.post(f"/sessions/{session_id}/pause", headers=who.headers)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://laptop") as laptop:
        assert (await laptop.post("/sessions", json={"language": "en"}, headers=who.headers)).json()[
            "id"
        ] == session_id
        resumed = (await laptop.post(f"/sessions/{session_id}/resume", headers=who.headers)).json()
        assert (resumed["status"], resumed["position"], resumed["answered"]) == ("in_progress", 2, 1)
        there = (await laptop.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    assert there == second
    assert there["position"] == 2
    assert there["item"]["id"] != current["item"]["id"]


async def test_an_item_missing_its_lithuanian_text_is_never_served_in_lithuanian(
    client: httpx.AsyncClient, db_session: AsyncSession, framework_id: uuid.UUID, dla_token_mint: TokenMint
) -> None:
    both = [
        await add_item(db_session, framework_id, item_document(f"t-both-{n}", f"1.{n + 1}")) for n in range(2)
    ]
    english = [
        await add_item(db_session, framework_id, item_document(f"t-en-{n}", f"2.{n + 1}", lt=False))
        for n in range(2)
    ]
    learner = person(dla_token_mint)
    served = await serve_all(client, learner, (await start(client, learner, language="lt"))["id"])
    assert sorted(served) == sorted(str(v.id) for v in both)
    reader = person(dla_token_mint)
    served_en = await serve_all(client, reader, (await start(client, reader, language="en"))["id"])
    assert sorted(served_en) == sorted(str(v.id) for v in both + english)


async def test_retired_and_unpublished_items_are_never_served(
    client: httpx.AsyncClient, db_session: AsyncSession, framework_id: uuid.UUID, dla_token_mint: TokenMint
) -> None:
    active = [
        await add_item(db_session, framework_id, item_document(f"t-act-{n}", f"3.{n + 1}")) for n in range(3)
    ]
    for status in ("retired", "draft", "in_review"):
        key = f"t-{status.replace('_', '-')}"
        await add_item(db_session, framework_id, item_document(key, "4.1"), status=status)
    who = person(dla_token_mint)
    served = await serve_all(client, who, (await start(client, who))["id"])
    assert sorted(served) == sorted(str(v.id) for v in active)


def keys_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


async def test_the_served_item_never_carries_the_answer_key_or_explanation(
    client: httpx.AsyncClient, db_session: AsyncSession, framework_id: uuid.UUID, dla_token_mint: TokenMint
) -> None:
    await add_item(db_session, framework_id, multiple_response("t-multi"))
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    response = await client.get(f"/sessions/{session_id}/current", headers=who.headers)
    item = response.json()["item"]
    assert item["stem"] == "Question t-multi?"
    assert len(item["options"]) == 4
    assert SECRET not in response.text
    assert not keys_in(response.json()) & {"answer", "explanation", "correct", "params", "a", "b", "c"}
    assert '["a","c"]' not in response.text.replace(" ", "")
    body = {"item_id": item["id"], "answer": {"choices": ["c", "a"]}}
    put = await client.put(f"/sessions/{session_id}/responses/1", json=body, headers=who.headers)
    assert SECRET not in put.text
    assert "correct" not in json.dumps(put.json())


@pytest.mark.usefixtures("bank")
async def test_a_retried_answer_is_recorded_once_and_a_different_one_is_refused(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    url = f"/sessions/{session_id}/responses/1"
    body = {"item_id": current["item"]["id"], "answer": {"choice": "b"}, "time_ms": 12_000}
    first = await client.put(url, json=body, headers=who.headers)
    recorded = await rows(db_session, session_id)
    retry = await client.put(url, json=body, headers=who.headers)
    assert (first.status_code, retry.status_code) == (200, 200)
    assert first.json() == retry.json()
    assert first.json()["recorded"] is True
    assert first.json()["position"] == 1
    assert first.json()["progress"]["answered"] == 1
    assert await rows(db_session, session_id) == recorded
    [(_, _, response, correct, skipped, time_ms, _answered_at)] = recorded
    assert (response, correct, skipped, time_ms) == ({"choice": "b"}, True, False, 12_000)
    # The next item is served; a late retry of the first answer still gets the same receipt.
    await client.get(f"/sessions/{session_id}/current", headers=who.headers)
    assert (await client.put(url, json=body, headers=who.headers)).json() == first.json()

    other = {**body, "answer": {"choice": "a"}}
    problem(await client.put(url, json=other, headers=who.headers), 409, "already-answered")
    skip = {"item_id": body["item_id"], "skipped": True}
    problem(await client.put(url, json=skip, headers=who.headers), 409, "already-answered")
    assert (await rows(db_session, session_id))[0] == recorded[0]


@pytest.mark.usefixtures("bank")
async def test_a_skip_is_recorded_without_a_score_and_the_test_moves_on(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    skip = {"item_id": current["item"]["id"], "skipped": True, "time_ms": 3000}
    assert (
        await client.put(f"/sessions/{session_id}/responses/1", json=skip, headers=who.headers)
    ).status_code == 200
    nxt = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    assert nxt["position"] == 2
    assert nxt["item"]["id"] != current["item"]["id"]
    first = (await rows(db_session, session_id))[0]
    assert first[2:6] == (None, None, True, 3000)


@pytest.mark.parametrize(
    ("position", "body", "status", "slug"),
    [
        (2, {"answer": {"choice": "b"}}, 409, "item-not-served"),
        (1, {"item_id": str(uuid.uuid4()), "answer": {"choice": "b"}}, 409, "item-not-served"),
        (1, {"answer": {"choice": "z"}}, 422, "validation"),
        (1, {"answer": {"choice": 2}}, 422, "validation"),
        (1, {"answer": {"choices": ["b"]}}, 422, "validation"),
        (1, {"answer": "b"}, 422, "validation"),
        (1, {"answer": {"choice": "b"}, "skipped": True}, 422, "validation"),
        (1, {}, 422, "validation"),
        (1, {"skipped": False}, 422, "validation"),
        (1, {"answer": {"choice": "b"}, "time_ms": -1}, 422, "validation"),
        (1, {"answer": {"choice": "b"}, "time_ms": 3 * 3600 * 1000 + 1}, 422, "validation"),
        (0, {"answer": {"choice": "b"}}, 422, "validation"),
    ],
)
@pytest.mark.usefixtures("bank")
async def test_bad_answers_are_problems_and_change_nothing(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    dla_token_mint: TokenMint,
    position: int,
    body: dict[str, Any],
    status: int,
    slug: str,
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    before = await rows(db_session, session_id)
    sent = {"item_id": current["item"]["id"], **body}
    response = await client.put(
        f"/sessions/{session_id}/responses/{position}", json=sent, headers=who.headers
    )
    problem(response, status, slug)
    assert await rows(db_session, session_id) == before
    assert before[0][6] is None


@pytest.mark.usefixtures("bank")
async def test_a_body_that_is_not_json_is_a_400_problem(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    await client.get(f"/sessions/{session_id}/current", headers=who.headers)
    response = await client.put(
        f"/sessions/{session_id}/responses/1",
        content=b"{not json",
        headers={**who.headers, "Content-Type": "application/json"},
    )
    problem(response, 400, "malformed-json")


@pytest.mark.usefixtures("bank")
async def test_a_finished_session_takes_no_more_answers_and_serves_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    first = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    body = {"item_id": first["item"]["id"], "answer": {"choice": "b"}}
    await client.put(f"/sessions/{session_id}/responses/1", json=body, headers=who.headers)
    second = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    assert (await client.post(f"/sessions/{session_id}/finish", headers=who.headers)).status_code == 200
    before = await rows(db_session, session_id)
    late = {"item_id": second["item"]["id"], "answer": {"choice": "b"}}
    problem(
        await client.put(f"/sessions/{session_id}/responses/2", json=late, headers=who.headers),
        409,
        "session-finished",
    )
    problem(await client.get(f"/sessions/{session_id}/current", headers=who.headers), 409, "session-finished")
    problem(await client.post(f"/sessions/{session_id}/pause", headers=who.headers), 409, "session-finished")
    assert await rows(db_session, session_id) == before
    assert (await client.get(f"/sessions/{session_id}", headers=who.headers)).json()["position"] is None
