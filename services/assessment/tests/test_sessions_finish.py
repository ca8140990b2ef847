"""Finishing: one result, one `assessment.completed` event in the same transaction; a whole test run."""

import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.database import events
from assessment.items.models import ItemVersion
from assessment.results.models import Result
from assessment.seed import load_reference
from assessment.sessions.models import SessionItem, TestSession
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.sessions import answer_current, load_framework, person, small_bank, start

COMPLETED = "assessment.completed"


async def completed_events(session: AsyncSession) -> list[dict[str, Any]]:
    rows = await session.scalars(select(events.outbox.c.payload).where(events.outbox.c.type == COMPLETED))
    return list(rows)


async def test_finishing_stores_one_result_and_publishes_one_event_with_the_levels(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    await small_bank(db_session, await load_framework(db_session), count=4)
    subscription = uuid.uuid4()
    await db_session.execute(
        insert(events.subscription).values(
            id=subscription,
            name="pathways",
            url="http://pathways/events",
            secret="s",
            event_types=["assessment.*"],
        )
    )
    await db_session.commit()
    who = person(dla_token_mint)
    session_id = (await start(client, who, language="lt"))["id"]
    for _ in range(3):
        await answer_current(client, who, session_id)
    before = await completed_events(db_session)
    first = await client.post(f"/sessions/{session_id}/finish", headers=who.headers)
    again = await client.post(f"/sessions/{session_id}/finish", headers=who.headers)
    assert (first.status_code, again.status_code) == (200, 200)
    result = first.json()
    assert again.json() == result
    assert (result["session_id"], result["person_id"], result["language"]) == (session_id, str(who.id), "lt")
    assert result["items_answered"] == 3
    assert [area["code"] for area in result["areas"]] == ["1", "2", "3", "4", "5"]
    assert len(result["competences"]) == 21
    for entry in result["areas"] + result["competences"]:
        assert 1 <= entry["level_low"] <= entry["level"] <= entry["level_high"] <= 8
        assert entry["se"] > 0

    published = (await completed_events(db_session))[len(before) :]
    assert len(published) == 1
    [event] = published
    assert (event["result_id"], event["session_id"], event["person_id"]) == (
        result["id"],
        session_id,
        str(who.id),
    )
    assert (event["framework"], event["language"], event["items_answered"]) == ("digcomp-2.2", "lt", 3)
    assert event["complete"] is result["complete"]
    levels = ("code", "level", "level_low", "level_high", "theta", "se")
    assert event["areas"] == [{k: area[k] for k in levels} for area in result["areas"]]
    assert [c["code"] for c in event["competences"]] == [c["code"] for c in result["competences"]]
    deliveries = await db_session.scalar(
        select(func.count())
        .select_from(events.delivery)
        .where(events.delivery.c.subscription_id == subscription)
    )
    assert deliveries == 1
    stored = await db_session.get(TestSession, uuid.UUID(session_id))
    assert stored is not None
    assert stored.status == "finished"
    assert stored.finished_at is not None


async def test_finishing_before_any_answer_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    await small_bank(db_session, await load_framework(db_session), count=2)
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    await client.get(f"/sessions/{session_id}/current", headers=who.headers)
    before = await completed_events(db_session)
    problem(await client.post(f"/sessions/{session_id}/finish", headers=who.headers), 409, "nothing-answered")
    assert await completed_events(db_session) == before
    assert (
        await db_session.scalar(select(func.count()).where(Result.session_id == uuid.UUID(session_id))) == 0
    )
    assert (await client.get(f"/sessions/{session_id}", headers=who.headers)).json()[
        "status"
    ] == "in_progress"


def response_for(version: ItemVersion, correct: bool) -> dict[str, Any]:
    """A valid response to the version, right or wrong as asked."""
    key, options = version.answer, [option["key"] for option in version.content["options"]]
    shape = version.interaction or version.type
    if shape == "single_choice":
        return {"choice": key if correct else next(o for o in options if o != key)}
    if shape == "multiple_response":
        wrong = [o for o in options if o not in key][:1] or options[:1]
        return {"choices": key if correct else sorted(set(key) ^ set(wrong)) or options[:1]}
    if shape == "ordering":
        return {"order": key if correct else list(reversed(key))}
    categories = [category["key"] for category in version.content["categories"]]
    wrong_matches = {option: next(c for c in categories if c != key[option]) for option in options}
    return {"matches": key if correct else wrong_matches}


async def test_a_whole_test_on_the_shipped_bank_stops_and_reports_every_area_and_competence(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    await load_reference(db_session)
    who = person(dla_token_mint)
    session_id = (await start(client, who, self_assessment={"1": 4}))["id"]
    positions = 0
    for _ in range(80):
        current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
        if current["complete"]:
            break
        positions += 1
        assert current["position"] == positions
        version = await db_session.get(ItemVersion, uuid.UUID(current["item"]["id"]))
        assert version is not None
        assert version.status == "active"
        # The rule: someone who masters levels 1-4 and nothing above.
        body = {"item_id": current["item"]["id"], "answer": response_for(version, version.level <= 4)}
        put = await client.put(
            f"/sessions/{session_id}/responses/{positions}", json=body, headers=who.headers
        )
        assert put.status_code == 200, put.text
    else:
        raise AssertionError("the test did not stop")
    assert current["position"] is None
    assert current["item"] is None
    scored = await db_session.scalar(
        select(func.count()).where(
            SessionItem.session_id == uuid.UUID(session_id), SessionItem.scored.is_(True)
        )
    )
    assert scored is not None
    assert 10 <= scored <= current["progress"]["max_items"]
    correct = await db_session.scalar(
        select(func.count()).where(
            SessionItem.session_id == uuid.UUID(session_id), SessionItem.correct.is_(True)
        )
    )
    assert correct is not None
    assert 0 < correct < positions
    result = (await client.post(f"/sessions/{session_id}/finish", headers=who.headers)).json()
    assert len(result["areas"]) == 5
    assert len(result["competences"]) == 21
    assert {c["code"] for c in result["competences"]} >= {"1.1", "2.6", "3.4", "4.4", "5.4"}
    assert result["items_answered"] == scored
    assert result["complete"] is all(area["se"] <= 0.35 for area in result["areas"])
    # Mastery up to level 4: every area lands in the middle of the scale, not at an end.
    assert all(2 <= area["level"] <= 6 for area in result["areas"]), result["areas"]
    detail = (await client.get(f"/results/{result['id']}", headers=who.headers)).json()
    assert len(detail["review"]) == positions


async def test_a_session_keeps_the_maximum_length_it_started_with(
    client: httpx.AsyncClient,
    app: FastAPI,
    dla_settings: ServiceSettings,
    db_session: AsyncSession,
    dla_token_mint: TokenMint,
) -> None:
    await load_reference(db_session)
    app.state.settings = dla_settings.model_copy(update={"max_items": 6})
    who = person(dla_token_mint)
    session_id = (await start(client, who))["id"]
    # A deployment that changes the setting later does not change a test already begun.
    app.state.settings = dla_settings.model_copy(update={"max_items": 30})
    served = 0
    while not (current := (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json())[
        "complete"
    ]:
        served += 1
        assert served <= 12, "the test did not stop"
        version = await db_session.get(ItemVersion, uuid.UUID(current["item"]["id"]))
        assert version is not None
        body = {"item_id": current["item"]["id"], "answer": response_for(version, True)}
        put = await client.put(f"/sessions/{session_id}/responses/{served}", json=body, headers=who.headers)
        assert put.status_code == 200, put.text
    scored = await db_session.scalar(
        select(func.count()).where(
            SessionItem.session_id == uuid.UUID(session_id), SessionItem.scored.is_(True)
        )
    )
    assert scored == 6
    assert current["progress"]["max_items"] == 6
