"""The .ics files parse back with `icalendar` and say the right times, in Europe/Vilnius."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from icalendar import Calendar, Event
from sqlalchemy.ext.asyncio import AsyncSession

from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.workshops import mentor_payload, person, register, session, session_payload, workshop

VILNIUS = ZoneInfo("Europe/Vilnius")


def start_of(event: Event) -> datetime:
    """A timed event's start (never a whole-day date here)."""
    start = event.start
    assert isinstance(start, datetime)
    return start


def parse(response: httpx.Response) -> Calendar:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    return Calendar.from_ical(response.content)


async def test_session_file_has_the_times_in_vilnius_and_a_stable_uid(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    mentor = (await client.post("/mentors", json=mentor_payload())).json()["id"]
    item_id = await workshop(client, mentor_ids=[mentor])
    # 10:00 in Vilnius in summer time (UTC+3) and 10:00 in winter time (UTC+2).
    for local in (datetime(2027, 7, 1, 10, 0, tzinfo=VILNIUS), datetime(2027, 1, 14, 10, 0, tzinfo=VILNIUS)):
        body = session_payload(
            starts_at=local.isoformat(), ends_at=(local + timedelta(hours=2, minutes=30)).isoformat()
        )
        created = await client.post(f"/workshops/{item_id}/sessions", json=body)
        url = f"/workshop-sessions/{created.json()['id']}/calendar.ics"
        cal = parse(await client.get(url, params={"lang": "lt"}))
        [event] = cal.events
        assert start_of(event) == local
        assert start_of(event).tzinfo is not None
        assert event["DTSTART"].params["TZID"] == "Europe/Vilnius"
        assert event.end - event.start == timedelta(hours=2, minutes=30)
        assert start_of(event).astimezone(UTC) == local.astimezone(UTC)
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Vilnius"]
        assert str(event["SUMMARY"]) == "Duomenų apsauga praktikoje"
        assert "Rūta Mentorė" in str(event["DESCRIPTION"])
        assert str(event["LOCATION"]) == "Gedimino pr. 11, Vilnius"
        assert str(event["STATUS"]) == "CONFIRMED"
        again = parse(await client.get(url, headers={"Accept-Language": "en-GB,en;q=0.8"}))
        assert (
            str(again.events[0]["UID"])
            == str(event["UID"])
            == f"session-{created.json()['id']}@workshops.dla"
        )
        assert str(again.events[0]["SUMMARY"]) == "Data protection in practice"


async def test_a_cancelled_session_comes_back_cancelled_and_the_link_is_for_seated_people(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    link = "https://meet.example.org/room-1"
    item_id = await workshop(client, format="online", meeting_url=link, location=None)
    s = await session(client, item_id, capacity=1)
    seated, waiting = person(dla_token_mint), person(dla_token_mint)
    await register(client, s["id"], seated)
    await register(client, s["id"], waiting)
    url = f"/workshop-sessions/{s['id']}/calendar.ics"
    seated_event = parse(await client.get(url, headers=seated.headers)).events[0]
    waiting_event = parse(await client.get(url, headers=waiting.headers)).events[0]
    assert str(seated_event["URL"]) == link
    assert "URL" not in waiting_event
    assert link not in waiting_event.to_ical().decode()
    await client.post(f"/workshop-sessions/{s['id']}/cancel")
    cancelled = parse(await client.get(url, headers=seated.headers)).events[0]
    assert (str(cancelled["STATUS"]), int(str(cancelled["SEQUENCE"]))) == ("CANCELLED", 1)
    assert str(cancelled["UID"]) == str(seated_event["UID"])


async def test_my_calendar_has_every_seat_i_hold_and_nothing_else(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    other_item = await workshop(
        client, "another-workshop", item={"title": {"en": "Sheets", "lt": "Skaičiuoklės"}}
    )
    first = await session(client, item_id, days=3, capacity=5)
    second = await session(client, other_item, days=8, capacity=5)
    full = await session(client, item_id, days=12, capacity=1)
    not_mine = await session(client, other_item, days=15, capacity=5)
    me, someone = person(dla_token_mint), person(dla_token_mint)
    await register(client, full["id"], someone)
    for s in (first, second, full):
        await register(client, s["id"], me)
    await register(client, not_mine["id"], someone)
    cal = parse(await client.get("/me/registrations/calendar.ics", headers=me.headers))
    uids = [str(e["UID"]) for e in cal.events]
    assert uids == [f"session-{first['id']}@workshops.dla", f"session-{second['id']}@workshops.dla"]
    starts = [start_of(e).astimezone(UTC) for e in cal.events]
    assert starts == [datetime.fromisoformat(first["starts_at"]), datetime.fromisoformat(second["starts_at"])]
    assert str(cal["X-WR-CALNAME"]) in {"My DLA workshops", "Mano DLA seminarai"}
    problem(
        await client.get("/me/registrations/calendar.ics", headers={"Authorization": ""}), 401, "unauthorized"
    )
    empty = parse(await client.get("/me/registrations/calendar.ics", headers=person(dla_token_mint).headers))
    assert empty.events == []
