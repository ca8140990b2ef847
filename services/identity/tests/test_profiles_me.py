"""Me and my digital profile: onboarding on the first save, full replace, validation, events."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from identity.profiles.models import ROLE_PROFILE_KEYS
from kit.testing.plugin import problem

from .factories.people import World, outbox, snapshot


def profile(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "job_title": "Vyresnioji patarėja",
        "job_description": "Rengia teisės aktų projektus.\nKoordinuoja darbo grupes.",
        "role_profile_key": "policy_analyst",
        "preferred_language": "lt",
        "accessibility": {"larger_text": True, "reduced_motion": False, "screen_reader_hints": True},
        "weekly_minutes": 90,
        "goals": "Išmokti dirbti su duomenimis.",
        "share_results_with_supervisor": True,
    }
    body.update(overrides)
    return body


async def test_me_tells_who_i_am_and_what_i_hold(client: httpx.AsyncClient, world: World) -> None:
    me = (await client.get("/me", headers=world.as_("a_report"))).json()
    assert me["id"] == str(world.id("a_report"))
    assert me["email"] == "a.report@a.example.lt"
    assert me["unit"]["id"] == str(world.id("a-unit-1"))
    assert me["supervisor"] == {"id": str(world.id("a_head")), "display_name": "A Head"}
    assert (me["is_supervisor"], me["onboarded"], me["roles"], me["grants"]) == (True, False, ["learner"], [])
    hr = (await client.get("/me", headers=world.as_("a_hr"))).json()
    assert hr["grants"] == [{"role": "hr_manager", "organisation_id": str(world.id("a"))}]
    assert (hr["is_supervisor"], hr["supervisor"]) == (False, None)


async def test_the_first_save_completes_onboarding_and_every_save_is_announced(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    headers = world.as_("a_report")
    assert (await client.get("/me/profile", headers=headers)).json()["onboarded"] is False
    saved = await client.put("/me/profile", headers=headers, json=profile())
    assert saved.status_code == 200, saved.text
    assert saved.json() == {
        **profile(),
        "person_id": str(world.id("a_report")),
        "onboarded": True,
        "updated_at": saved.json()["updated_at"],
    }
    assert (await client.get("/me", headers=headers)).json()["onboarded"] is True
    again = await client.put(
        "/me/profile", headers=headers, json=profile(weekly_minutes=0, role_profile_key=None)
    )
    assert (again.json()["weekly_minutes"], again.json()["role_profile_key"]) == (0, None)
    assert (await client.get("/me/profile", headers=headers)).json() == again.json()
    events = await outbox(db_session, "identity.profile.updated")
    assert sorted(event["weekly_minutes"] for event in events) == [0, 90]
    assert all(set(event) >= {"person_id", "share_results_with_supervisor"} for event in events)
    assert all("goals" not in event for event in events)  # free text stays in identity


@pytest.mark.parametrize("key", ROLE_PROFILE_KEYS)
async def test_every_role_profile_key_is_accepted(client: httpx.AsyncClient, world: World, key: str) -> None:
    saved = await client.put("/me/profile", headers=world.as_("a_head"), json=profile(role_profile_key=key))
    assert saved.json()["role_profile_key"] == key


@pytest.mark.parametrize(
    "body",
    [
        profile(job_description="x" * 4001),
        profile(goals="x" * 2001),
        profile(job_title="x" * 201),
        profile(job_title="tab\there"),
        profile(goals="bell\x07"),
        profile(weekly_minutes=2401),
        profile(weekly_minutes=-1),
        profile(weekly_minutes="lots"),
        profile(role_profile_key="astronaut"),
        profile(preferred_language="de"),
        profile(accessibility={"larger_text": True, "high_contrast": True}),
        profile(share_results_with_supervisor="perhaps"),
        profile(onboarded=True),
        {key: value for key, value in profile().items() if key != "goals"},
        [profile()],
    ],
)
async def test_bad_profiles_change_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: Any
) -> None:
    before = await snapshot(db_session)
    problem(await client.put("/me/profile", headers=world.as_("a_report"), json=body), 422, "validation")
    assert await snapshot(db_session) == before


async def test_the_longest_allowed_texts_are_kept_whole(client: httpx.AsyncClient, world: World) -> None:
    body = profile(job_description="ž" * 4000, goals="ą" * 2000, job_title="ė" * 200, weekly_minutes=2400)
    saved = await client.put("/me/profile", headers=world.as_("a_report"), json=body)
    assert saved.status_code == 200, saved.text
    assert (len(saved.json()["job_description"]), len(saved.json()["goals"])) == (4000, 2000)


async def test_the_sharing_consent_is_what_the_supervisor_sees(
    client: httpx.AsyncClient, world: World
) -> None:
    path = f"/people/{world.id('a_report')}/profile"
    assert (await client.get(path, headers=world.as_("a_head"))).json()[
        "share_results_with_supervisor"
    ] is False
    await client.put(
        "/me/profile", headers=world.as_("a_report"), json=profile(share_results_with_supervisor=True)
    )
    seen = (await client.get(path, headers=world.as_("a_head"))).json()
    assert (seen["share_results_with_supervisor"], seen["goals"], seen["accessibility"]) == (
        True,
        "Išmokti dirbti su duomenimis.",
        None,
    )


async def test_my_reports_are_paginated(client: httpx.AsyncClient, world: World) -> None:
    for n in range(3):
        created = await client.post(
            "/people",
            headers=world.as_("a_hr"),
            json={
                "email": f"report{n}@a.example.lt",
                "display_name": f"Report {n}",
                "unit_id": str(world.id("a-unit-1")),
                "supervisor_id": str(world.id("a_head")),
            },
        )
        assert created.status_code == 201, created.text
    first = (await client.get("/me/reports", headers=world.as_("a_head"), params={"limit": 2})).json()
    second = (
        await client.get("/me/reports", headers=world.as_("a_head"), params={"limit": 2, "offset": 2})
    ).json()
    assert first["total"] == second["total"] == 4
    names = [item["display_name"] for item in first["items"] + second["items"]]
    assert names == ["A Report", "Report 0", "Report 1", "Report 2"]
    assert first["items"][0]["job_title"] == "Job of A Report"
    assert (await client.get("/me/reports", headers=world.as_("a_subreport"))).json()["total"] == 0
