"""Supervisors approve their people's registration requests, as identity names the supervisor."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.people.models import Person
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.workshops import Who, person, register, session, workshop
from .test_people import CREATED, ERASED, created, deliver, erased

SUPERVISOR_CHANGED = "identity.person.supervisor_changed"


@pytest.fixture
def secret(dla_settings: ServiceSettings) -> str:
    return dla_settings.webhook_secret


async def supervised_by(
    client: httpx.AsyncClient, secret: str, who: Who, supervisor: Who | None, name: str = "Ona Example"
) -> None:
    """Identity announces `who`, supervised by `supervisor`."""
    payload = {**created(who.id, name), "supervisor_id": str(supervisor.id) if supervisor else None}
    response = await deliver(client, secret, CREATED, payload)
    assert response.json()["status"] == "processed", response.text


async def supervisor_changed(
    client: httpx.AsyncClient, secret: str, who: Who, before: Who | None, after: Who | None
) -> None:
    """Identity announces that `who` is now supervised by `after`."""
    payload: dict[str, Any] = {
        "id": str(who.id),
        "from_supervisor_id": str(before.id) if before else None,
        "supervisor_id": str(after.id) if after else None,
    }
    response = await deliver(client, secret, SUPERVISOR_CHANGED, payload)
    assert response.json()["status"] == "processed", response.text


async def pending_session(client: httpx.AsyncClient, capacity: int = 5) -> str:
    """A session of a workshop whose registrations wait for approval."""
    item_id = await workshop(client, requires_approval=True, organiser_ids=[uuid.uuid4()])
    return str((await session(client, item_id, capacity=capacity))["id"])


def decide(session_id: str, registration_id: str, decision: str) -> str:
    return f"/workshop-sessions/{session_id}/registrations/{registration_id}/{decision}"


async def test_the_supervisor_approves_a_seat_then_a_place_in_line_when_full(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str
) -> None:
    boss, ona, jonas = (person(dla_token_mint) for _ in range(3))
    await supervised_by(client, secret, ona, boss)
    await supervised_by(client, secret, jonas, boss, "Jonas Example")
    session_id = await pending_session(client, capacity=1)
    requests = [(await register(client, session_id, who)).json() for who in (ona, jonas)]
    assert {r["status"] for r in requests} == {"pending_approval"}
    first = await client.post(decide(session_id, requests[0]["id"], "approve"), headers=boss.headers)
    assert first.json()["status"] == "confirmed", first.text
    second = await client.post(decide(session_id, requests[1]["id"], "approve"), headers=boss.headers)
    assert (second.json()["status"], second.json()["waitlist_position"]) == ("waitlisted", 1), second.text
    again = await client.post(decide(session_id, requests[1]["id"], "approve"), headers=boss.headers)
    assert again.json()["status"] == "waitlisted"


async def test_the_supervisor_declines_a_request_but_cannot_take_back_a_seat(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str
) -> None:
    boss, ona, jonas = (person(dla_token_mint) for _ in range(3))
    for who in (ona, jonas):
        await supervised_by(client, secret, who, boss)
    session_id = await pending_session(client)
    asked, seated = [(await register(client, session_id, who)).json()["id"] for who in (ona, jonas)]
    declined = await client.post(decide(session_id, asked, "decline"), headers=boss.headers)
    assert declined.json()["status"] == "cancelled", declined.text
    await client.post(decide(session_id, seated, "approve"), headers=boss.headers)
    problem(await client.post(decide(session_id, seated, "decline"), headers=boss.headers), 403, "forbidden")


async def test_someone_elses_supervisor_may_not_decide(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str
) -> None:
    boss, other_boss, ona, petras = (person(dla_token_mint) for _ in range(4))
    await supervised_by(client, secret, ona, boss)
    await supervised_by(client, secret, petras, other_boss, "Petras Example")
    session_id = await pending_session(client)
    request = (await register(client, session_id, ona)).json()["id"]
    for decision in ("approve", "decline"):
        url = decide(session_id, request, decision)
        problem(await client.post(url, headers=other_boss.headers), 403, "forbidden")
        problem(await client.post(url, headers=ona.headers), 403, "forbidden")
    # An unknown registration is forbidden to a non-organiser too, not a way to probe ids.
    unknown = decide(session_id, str(uuid.uuid4()), "approve")
    problem(await client.post(unknown, headers=boss.headers), 403, "forbidden")


async def test_a_supervisor_change_moves_the_right_to_decide(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    old_boss, new_boss, ona = (person(dla_token_mint) for _ in range(3))
    await supervised_by(client, secret, ona, old_boss)
    session_id = await pending_session(client)
    request = (await register(client, session_id, ona)).json()["id"]
    await supervisor_changed(client, secret, ona, old_boss, new_boss)
    # A `created` delivered late does not bring the old supervisor back.
    await supervised_by(client, secret, ona, old_boss)
    url = decide(session_id, request, "approve")
    problem(await client.post(url, headers=old_boss.headers), 403, "forbidden")
    approved = await client.post(url, headers=new_boss.headers)
    assert approved.json()["status"] == "confirmed", approved.text
    assert (
        await db_session.scalar(select(Person.supervisor_id).where(Person.person_id == ona.id)) == new_boss.id
    )


async def test_a_supervisor_change_for_an_unknown_person_is_kept_and_erasure_clears_it(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    boss, ona, jonas = (person(dla_token_mint) for _ in range(3))
    await supervisor_changed(client, secret, ona, None, boss)
    await supervised_by(client, secret, jonas, ona)
    row = (await db_session.execute(select(Person).where(Person.person_id == ona.id))).scalar_one()
    assert (row.display_name, row.supervisor_id) == (None, boss.id)
    assert (await deliver(client, secret, ERASED, erased(ona.id))).json()["status"] == "processed"
    supervisors = dict(
        (
            await db_session.execute(
                select(Person.person_id, Person.supervisor_id).execution_options(populate_existing=True)
            )
        ).all()
    )
    # Ona's supervisor is gone, and so is Ona as Jonas's supervisor.
    assert supervisors == {ona.id: None, jonas.id: None}
    await supervisor_changed(client, secret, ona, None, boss)
    assert await db_session.scalar(select(Person.supervisor_id).where(Person.person_id == ona.id)) is None


async def test_my_approvals_lists_only_my_peoples_pending_requests(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str
) -> None:
    boss, other_boss, ona, jonas, petras = (person(dla_token_mint) for _ in range(5))
    await supervised_by(client, secret, ona, boss)
    await supervised_by(client, secret, jonas, boss, "Jonas Example")
    await supervised_by(client, secret, petras, other_boss, "Petras Example")
    session_id = await pending_session(client)
    ona_request, jonas_request, _ = [
        (await register(client, session_id, who)).json()["id"] for who in (ona, jonas, petras)
    ]
    await client.post(decide(session_id, jonas_request, "approve"), headers=boss.headers)
    listed = await client.get("/me/approvals", headers=boss.headers)
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["total"] == 1
    [only] = body["items"]
    assert (only["registration_id"], only["person_id"], only["display_name"]) == (
        ona_request,
        str(ona.id),
        "Ona Example",
    )
    assert only["session_id"] == session_id
    assert only["workshop"]["title"]["en"] == "Data protection in practice"
    assert only["requested_at"]
    assert (await client.get("/me/approvals", headers=ona.headers)).json()["items"] == []
    problem(await client.get("/me/approvals", headers={"Authorization": ""}), 401, "unauthorized")
