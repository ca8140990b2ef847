"""Starting, reading, pausing and resuming sessions; the retake cool-down; who may see a session."""

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.sessions.models import TestSession
from kit.auth import Grant
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.sessions import (
    Person,
    answer_current,
    finished_result,
    load_framework,
    person,
    small_bank,
    start,
)


@pytest.fixture
async def bank(db_session: AsyncSession) -> None:
    await small_bank(db_session, await load_framework(db_session), count=4)


async def sessions_of(session: AsyncSession, who: Person) -> int:
    return (await session.scalar(select(func.count()).where(TestSession.person_id == who.id))) or 0


@pytest.mark.usefixtures("bank")
async def test_start_creates_a_session_and_a_second_start_returns_the_open_one(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    first = await client.post("/sessions", json={"language": "en"}, headers=who.headers)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["framework"], body["language"], body["status"]) == ("digcomp-2.2", "en", "in_progress")
    assert (body["answered"], body["position"], body["result_id"]) == (0, 1, None)
    assert body["progress"]["answered"] == 0
    assert body["progress"]["max_items"] >= 10
    assert 0 <= body["progress"]["fraction"] < 1
    # Another device, even asking for another language, gets the session already open.
    again = await client.post("/sessions", json={"language": "lt"}, headers=who.headers)
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert again.json()["language"] == "en"
    assert await sessions_of(db_session, who) == 1
    stored = await db_session.get(TestSession, body["id"])
    assert stored is not None
    assert tuple(stored.org_path) == who.org_path
    listed = (await client.get("/sessions", headers=who.headers)).json()
    assert (listed["total"], [s["id"] for s in listed["items"]]) == (1, [body["id"]])
    assert (await client.get(f"/sessions/{body['id']}", headers=who.headers)).json() == body


@pytest.mark.parametrize(
    "body",
    [
        {"language": "de"},
        {"language": "en", "framework": "digcomp-9.9"},
        {"language": "en", "self_assessment": {"9": 3}},
        {"language": "en", "self_assessment": {"1": 9}},
        {"language": "en", "self_assessment": {"1": 0}},
        {"language": "english"},
        {"language": "en", "extra": True},
    ],
)
@pytest.mark.usefixtures("bank")
async def test_start_refuses_what_the_framework_does_not_have(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, body: dict[str, Any]
) -> None:
    who = person(dla_token_mint)
    problem(await client.post("/sessions", json=body, headers=who.headers), 422, "validation")
    assert await sessions_of(db_session, who) == 0


@pytest.mark.usefixtures("bank")
async def test_a_self_assessment_shifts_the_prior_a_little(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who, self_assessment={"1": 8, "4": 1}))["id"]
    stored = await db_session.get(TestSession, session_id)
    assert stored is not None
    assert stored.prior is not None
    assert stored.prior["ratings"] == {"1": 8, "4": 1}
    mean = stored.prior["mean"]
    assert len(mean) == 5
    assert 0 < mean[0] <= 1
    assert -1 <= mean[3] < 0
    assert mean[1] == 0


@pytest.mark.usefixtures("bank")
async def test_a_retake_within_the_cooldown_is_refused_with_the_date_and_history_is_kept(
    client: httpx.AsyncClient, app: FastAPI, dla_settings: ServiceSettings, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    result = await finished_result(client, who, answers=1)
    refused = problem(
        await client.post("/sessions", json={"language": "en"}, headers=who.headers), 409, "retake-cooldown"
    )
    finished_at = datetime.fromisoformat(result["finished_at"])
    assert datetime.fromisoformat(refused["available_at"]) == finished_at + timedelta(days=30)
    app.state.settings = dla_settings.model_copy(update={"retake_cooldown_days": 0})
    retake = await client.post("/sessions", json={"language": "en"}, headers=who.headers)
    assert retake.status_code == 201
    listed = (await client.get("/sessions", headers=who.headers)).json()
    assert [s["status"] for s in listed["items"]] == ["in_progress", "finished"]
    assert listed["items"][1]["result_id"] == result["id"]


@pytest.mark.usefixtures("bank")
async def test_pause_and_resume_are_idempotent_and_a_paused_session_serves_nothing(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    await answer_current(client, who, session_id)
    paused = [await client.post(f"/sessions/{session_id}/pause", headers=who.headers) for _ in range(2)]
    assert [r.status_code for r in paused] == [200, 200]
    assert paused[0].json() == paused[1].json()
    assert paused[0].json()["status"] == "paused"
    assert paused[0].json()["paused_at"] is not None
    problem(await client.get(f"/sessions/{session_id}/current", headers=who.headers), 409, "session-paused")
    resumed = [await client.post(f"/sessions/{session_id}/resume", headers=who.headers) for _ in range(2)]
    assert [r.json()["status"] for r in resumed] == ["in_progress", "in_progress"]
    assert resumed[0].json() == resumed[1].json()
    assert (resumed[0].json()["paused_at"], resumed[0].json()["position"]) == (None, 2)
    assert (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()["position"] == 2


@pytest.mark.usefixtures("bank")
async def test_nobody_else_sees_or_changes_a_session_not_even_an_admin(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    owner = person(dla_token_mint)
    session_id = (await start(client, owner))["id"]
    current = (await client.get(f"/sessions/{session_id}/current", headers=owner.headers)).json()
    colleague = person(dla_token_mint, owner.org_path)
    stranger = person(dla_token_mint)
    admin = person(dla_token_mint, owner.org_path, roles=("platform_admin",))
    hr = person(dla_token_mint, grants=(Grant("hr_manager", owner.org_path[0]),))
    answer = {"item_id": current["item"]["id"], "answer": {"choice": "b"}}
    for other in (colleague, stranger, admin, hr):
        h = other.headers
        problem(await client.get(f"/sessions/{session_id}", headers=h), 404, "not-found")
        problem(await client.get(f"/sessions/{session_id}/current", headers=h), 404, "not-found")
        problem(
            await client.put(f"/sessions/{session_id}/responses/1", json=answer, headers=h), 404, "not-found"
        )
        for action in ("pause", "resume", "finish"):
            problem(await client.post(f"/sessions/{session_id}/{action}", headers=h), 404, "not-found")
        assert (await client.get("/sessions", headers=h)).json()["total"] == 0
    machine = dla_token_mint.client("hr-system", list(owner.org_path[:2]), scope="dla")
    problem(
        await client.get(f"/sessions/{session_id}", headers={"Authorization": f"Bearer {machine}"}),
        403,
        "forbidden",
    )
    problem(await client.get(f"/sessions/{session_id}"), 401, "unauthorized")
    view = (await client.get(f"/sessions/{session_id}", headers=owner.headers)).json()
    assert (view["status"], view["answered"]) == ("in_progress", 0)
