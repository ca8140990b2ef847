"""Calibration end to end on PostgreSQL: simulated responses in, a stored report and new versions out."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import numpy as np
import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.calibration.models import CalibrationRun
from assessment.calibration.service import run_calibration
from assessment.items import workflow
from assessment.items.models import ItemVersion
from assessment.sessions.models import SessionItem, TestSession
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.calibration import Bank, answer
from .factories.sessions import add_item, item_document, load_framework, person

ITEMS, SESSIONS = 12, 600
GUESSING = 0.25  # the documented rule's c of a four-option single-choice item
DIF_ITEM = 5  # b = -0.16: mid-range, where most test-takers are


@dataclass(frozen=True)
class Simulated:
    """A bank written to the tables, the true parameters its answers follow, and the answer count."""

    framework_id: uuid.UUID
    versions: list[ItemVersion]
    truth: Bank
    answered: int


async def _bank(db_session: AsyncSession) -> tuple[uuid.UUID, list[ItemVersion], Bank]:
    framework_id = await load_framework(db_session)
    rng = np.random.default_rng(41)
    truth = Bank(
        a=np.exp(rng.normal(0.2, 0.25, ITEMS)), b=np.linspace(-1.8, 1.8, ITEMS), c=np.full(ITEMS, GUESSING)
    )
    versions = [
        await add_item(db_session, framework_id, item_document(f"cal-item-{n:02d}", f"1.{n % 3 + 1}"))
        for n in range(ITEMS)
    ]
    return framework_id, versions, truth


def _sessions(framework_id: uuid.UUID, lithuanian: np.ndarray) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "person_id": uuid.uuid4(),
            "framework_id": framework_id,
            "framework_key": "digcomp-2.2",
            "language": "lt" if lt else "en",
            "status": "finished",
            "seed": i,
            "engine_config": {},
            "org_path": [],
        }
        for i, lt in enumerate(lithuanian)
    ]


@pytest.fixture
async def simulated(db_session: AsyncSession) -> Simulated:
    """600 finished sessions (half LT, half EN) answering 12 items of area 1; item 5 is 1.0 harder in
    the LT version, and a tenth of the cells are skipped instead of answered."""
    framework_id, versions, truth = await _bank(db_session)
    rng = np.random.default_rng(42)
    theta = rng.normal(0.0, 1.0, SESSIONS)
    lithuanian = np.arange(SESSIONS) < SESSIONS // 2
    responses = answer(rng, theta, truth)
    shifted = Bank(truth.a, truth.b.copy(), truth.c)
    shifted.b[DIF_ITEM] += 1.0
    responses[lithuanian] = answer(rng, theta[lithuanian], shifted)
    skipped = rng.random(responses.shape) < 0.1
    sessions = _sessions(framework_id, lithuanian)
    await db_session.execute(insert(TestSession), sessions)
    now = datetime.now(UTC)
    cells = [
        {
            "session_id": row["id"],
            "position": j + 1,
            "item_version_id": version.id,
            "answered_at": now,
            "correct": None if skipped[i, j] else bool(responses[i, j]),
            "skipped": bool(skipped[i, j]),
            "scored": True,
        }
        for i, row in enumerate(sessions)
        for j, version in enumerate(versions)
    ]
    await db_session.execute(insert(SessionItem), cells)
    await db_session.flush()
    return Simulated(framework_id, versions, truth, int((~skipped).sum()))


async def test_a_run_estimates_flags_dif_and_writes_new_versions_without_touching_the_old(
    db_session: AsyncSession, simulated: Simulated
) -> None:
    run = await run_calibration(db_session, apply=True, min_responses=200)
    assert run.responses == simulated.answered
    assert run.started_at < run.finished_at
    report = run.report
    [area] = report["areas"]
    assert (area["framework"], area["area"], area["scale"], area["sessions"]) == (
        "digcomp-2.2",
        "1",
        "standard",
        600,
    )
    items = {entry["key"]: entry for entry in report["items"]}
    assert len(items) == ITEMS
    ordered = [items[f"cal-item-{n:02d}"] for n in range(ITEMS)]
    estimated_b = np.array([entry["estimate"]["b"] for entry in ordered])
    assert np.corrcoef(estimated_b, simulated.truth.b)[0, 1] >= 0.9
    assert all(entry["estimate"]["c"] == GUESSING for entry in ordered)
    # The LT-harder item is held back for an editor (about 270 respondents in each language).
    dif_item = ordered[DIF_ITEM]
    # Measured: Δ = 2.47, class C; every other item A, r(b) = 0.984, r(a) = 0.85.
    assert dif_item["dif"]["ets_class"] == "C"
    assert sum(entry["dif"]["ets_class"] != "A" for entry in ordered) == 1
    assert dif_item["dif"]["delta"] > 1.0
    assert f"dif_{dif_item['dif']['ets_class']}" in dif_item["flags"]
    assert dif_item["outcome"] == "flagged"
    applied = [entry for entry in ordered if entry["outcome"] == "applied"]
    assert len(applied) >= ITEMS - 3
    assert run.new_versions == len(applied)
    assert run.flagged == sum(entry["outcome"] == "flagged" for entry in ordered)
    await _check_new_versions(db_session, simulated, applied, run.id)


async def _check_new_versions(
    db_session: AsyncSession, simulated: Simulated, applied: list[dict[str, Any]], run_id: uuid.UUID
) -> None:
    old = {version.id: (version.a, version.b, version.c) for version in simulated.versions}
    for entry in applied:
        rows = (
            await db_session.scalars(
                select(ItemVersion)
                .where(ItemVersion.item_id == uuid.UUID(entry["item_id"]))
                .order_by(ItemVersion.version)
                .execution_options(populate_existing=True)
            )
        ).all()
        first, second = rows
        assert (first.status, second.status) == ("active", "in_review")
        assert (first.a, first.b, first.c) == old[first.id]
        assert (second.a, second.b, second.c) == (
            entry["estimate"]["a"],
            entry["estimate"]["b"],
            entry["estimate"]["c"],
        )
        assert second.content == first.content
        assert second.answer == first.answer
        assert str(run_id) in (second.note or "")
        assert (entry["new_version"], entry["new_version_id"]) == (2, str(second.id))


async def test_a_dry_run_writes_no_version(db_session: AsyncSession, simulated: Simulated) -> None:
    run = await run_calibration(db_session, min_responses=200)
    assert not run.applied
    assert run.new_versions == 0
    outcomes = {entry["outcome"] for entry in run.report["items"]}
    assert "ready" in outcomes
    assert "applied" not in outcomes
    count = len((await db_session.scalars(select(ItemVersion.id))).all())
    assert count == ITEMS


async def test_too_few_responses_hold_every_estimate(db_session: AsyncSession, simulated: Simulated) -> None:
    run = await run_calibration(db_session, apply=True, min_responses=1000)
    assert {entry["outcome"] for entry in run.report["items"]} <= {"few_responses"}
    assert run.new_versions == 0


async def test_published_calibrations_become_anchors_of_the_next_run(
    db_session: AsyncSession, simulated: Simulated
) -> None:
    first = await run_calibration(db_session, apply=True, min_responses=200)
    reviewer = uuid.uuid4()
    published = [e for e in first.report["items"] if e["outcome"] == "applied"]
    for entry in published:
        await workflow.publish(db_session, uuid.UUID(entry["item_id"]), reviewer)
    second = await run_calibration(db_session, apply=True, min_responses=200)
    [area] = second.report["areas"]
    assert area["scale"] == "anchored"
    assert area["anchors"] == len(published)
    by_key = {entry["key"]: entry for entry in second.report["items"]}
    for entry in published:
        now = by_key[entry["key"]]
        # The unit pools the responses to version 1 with the published version 2 of the same content.
        assert (now["outcome"], now["version"], now["responses"]) == ("anchored", 2, entry["responses"])
        assert now["current"] == {k: entry["estimate"][k] for k in ("a", "b", "c")}
        assert now["estimate"] is None
    assert by_key[f"cal-item-{DIF_ITEM:02d}"]["outcome"] == "flagged"
    assert second.new_versions == 0


async def test_editors_list_and_read_runs_and_others_may_not(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, simulated: Simulated
) -> None:
    older = await run_calibration(db_session, min_responses=1000)
    newer = await run_calibration(db_session, min_responses=200)
    editor = person(dla_token_mint, roles=("content_editor",))
    body = (await client.get("/calibration/runs", params={"limit": 1}, headers=editor.headers)).json()
    assert (body["total"], body["limit"], [run["id"] for run in body["items"]]) == (2, 1, [str(newer.id)])
    assert body["items"][0]["responses"] == simulated.answered
    assert body["items"][0]["items"] == ITEMS
    assert "report" not in body["items"][0]
    detail = (await client.get(f"/calibration/runs/{older.id}", headers=editor.headers)).json()
    assert detail["min_responses"] == 1000
    assert len(detail["report"]["items"]) == ITEMS
    assert detail["report"]["areas"][0]["area"] == "1"
    admin = person(dla_token_mint, roles=("platform_admin",))
    assert (await client.get(f"/calibration/runs/{older.id}", headers=admin.headers)).status_code == 200
    learner = person(dla_token_mint)
    problem(await client.get("/calibration/runs", headers=learner.headers), 403, "forbidden")
    problem(await client.get("/calibration/runs"), 401, "unauthorized")
    problem(await client.get(f"/calibration/runs/{uuid.uuid4()}", headers=editor.headers), 404, "not-found")


async def test_a_run_with_no_responses_stores_an_empty_report(db_session: AsyncSession) -> None:
    run = await run_calibration(db_session)
    stored = await db_session.get(CalibrationRun, run.id)
    assert stored is not None
    assert (stored.responses, stored.items, stored.report) == (0, 0, {"areas": [], "items": []})
