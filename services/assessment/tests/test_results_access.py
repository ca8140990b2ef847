"""Results: mine newest first with growth, one with its review, and who else may read them."""

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.directory.service import on_person_created, on_profile_updated, on_supervisor_changed
from kit.auth import Grant
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.sessions import SECRET, Person, finished_result, load_framework, person, small_bank, start


@pytest.fixture
async def bank(db_session: AsyncSession) -> None:
    await small_bank(db_session, await load_framework(db_session), count=4)


@pytest.fixture
def no_cooldown(app: FastAPI, dla_settings: ServiceSettings) -> None:
    app.state.settings = dla_settings.model_copy(update={"retake_cooldown_days": 0})


async def report_to(session: AsyncSession, who: Person, supervisor: Person, *, share: bool) -> None:
    """Tell the directory, as identity's events would, that `who` reports to `supervisor`."""
    created = {
        "id": str(who.id),
        "org_path": [str(o) for o in who.org_path],
        "supervisor_id": str(supervisor.id),
    }
    await on_person_created(session, created)
    await on_profile_updated(session, {"person_id": str(who.id), "share_results_with_supervisor": share})
    await session.commit()


@pytest.mark.usefixtures("bank", "no_cooldown")
async def test_my_results_come_newest_first_with_growth_since_the_previous_one(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    first = await finished_result(client, who, answers=1)
    second = await finished_result(client, who, answers=3)
    await finished_result(client, person(dla_token_mint), answers=1)  # someone else's
    page = (await client.get("/results", headers=who.headers)).json()
    assert page["total"] == 2
    assert [r["id"] for r in page["items"]] == [second["id"], first["id"]]
    newest, oldest = page["items"]
    assert oldest["growth"] is None
    before = {area["code"]: area for area in first["areas"]}
    assert [g["code"] for g in newest["growth"]] == ["1", "2", "3", "4", "5"]
    for growth, area in zip(newest["growth"], second["areas"], strict=True):
        assert growth["theta"] == pytest.approx(area["theta"] - before[area["code"]]["theta"], abs=1e-3)
        assert growth["level"] == area["level"] - before[area["code"]]["level"]
    paged = (await client.get("/results", params={"limit": 1, "offset": 1}, headers=who.headers)).json()
    assert [r["id"] for r in paged["items"]] == [first["id"]]
    assert paged["items"][0]["growth"] is None


@pytest.mark.usefixtures("bank")
async def test_a_result_shows_the_review_in_the_session_language(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    who = person(dla_token_mint)
    session_id = (await start(client, who, language="lt"))["id"]
    for answer in ({"choice": "b"}, {"choice": "a"}):
        current = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
        body = {"item_id": current["item"]["id"], "answer": answer}
        await client.put(
            f"/sessions/{session_id}/responses/{current['position']}", json=body, headers=who.headers
        )
    skip = (await client.get(f"/sessions/{session_id}/current", headers=who.headers)).json()
    body = {"item_id": skip["item"]["id"], "skipped": True}
    await client.put(f"/sessions/{session_id}/responses/3", json=body, headers=who.headers)
    result = (await client.post(f"/sessions/{session_id}/finish", headers=who.headers)).json()
    detail = (await client.get(f"/results/{result['id']}", headers=who.headers)).json()
    assert {k: v for k, v in detail.items() if k != "review"} == result
    review = detail["review"]
    assert [(r["position"], r["correct"], r["skipped"]) for r in review] == [
        (1, True, False),
        (2, False, False),
        (3, None, True),
    ]
    assert review[0]["item"]["answer"] == "b"
    assert review[0]["item"]["explanation"].startswith(f"{SECRET} kodėl")
    assert review[0]["item"]["stem"].startswith("Klausimas")


@pytest.mark.usefixtures("bank")
async def test_nobody_else_reads_a_result_not_an_admin_nor_hr(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    owner = person(dla_token_mint)
    result = await finished_result(client, owner, answers=1)
    others = [
        person(dla_token_mint, owner.org_path),
        person(dla_token_mint),
        person(dla_token_mint, owner.org_path, roles=("platform_admin",)),
        person(dla_token_mint, grants=(Grant("hr_manager", owner.org_path[1]),)),
    ]
    for other in others:
        problem(await client.get(f"/results/{result['id']}", headers=other.headers), 404, "not-found")
        problem(await client.get(f"/people/{owner.id}/results", headers=other.headers), 404, "not-found")
        assert (await client.get("/results", headers=other.headers)).json()["total"] == 0
    problem(await client.get(f"/results/{uuid.uuid4()}", headers=owner.headers), 404, "not-found")
    problem(await client.get(f"/results/{result['id']}"), 401, "unauthorized")
    mine = (await client.get(f"/people/{owner.id}/results", headers=owner.headers)).json()
    assert [r["id"] for r in mine["items"]] == [result["id"]]


@pytest.mark.usefixtures("bank")
async def test_the_direct_supervisor_sees_results_only_while_they_are_shared(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    boss = person(dla_token_mint)
    report = person(dla_token_mint, boss.org_path)
    result = await finished_result(client, report, answers=1)
    url = f"/people/{report.id}/results"

    problem(await client.get(url, headers=boss.headers), 404, "not-found")  # unknown link
    await report_to(db_session, report, boss, share=False)
    problem(await client.get(url, headers=boss.headers), 404, "not-found")  # not shared
    await report_to(db_session, report, boss, share=True)
    shared = (await client.get(url, headers=boss.headers)).json()
    assert (shared["total"], shared["items"][0]["id"]) == (1, result["id"])
    # The detail with the review stays the person's own.
    problem(await client.get(f"/results/{result['id']}", headers=boss.headers), 404, "not-found")
    # Another supervisor, even one level up, does not see them.
    grand_boss = person(dla_token_mint, boss.org_path, roles=("learner", "supervisor"))
    problem(await client.get(url, headers=grand_boss.headers), 404, "not-found")
    # A new supervisor takes over the view; the old one loses it.
    change = {"id": str(report.id), "from_supervisor_id": str(boss.id), "supervisor_id": str(grand_boss.id)}
    await on_supervisor_changed(db_session, change)
    await db_session.commit()
    problem(await client.get(url, headers=boss.headers), 404, "not-found")
    assert (await client.get(url, headers=grand_boss.headers)).json()["total"] == 1
