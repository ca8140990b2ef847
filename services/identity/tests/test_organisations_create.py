import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.organisations.models import Organisation
from kit.testing.plugin import problem

from .factories.organisations import create, organisation_payload


@pytest.fixture
def client(admin_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """Tree tests call as a platform admin (who may do what: test_organisations_access)."""
    return admin_client


async def count(session: AsyncSession, table: object) -> int:
    return (await session.scalar(select(func.count()).select_from(table))) or 0  # type: ignore[arg-type]


async def test_created_organisation_is_normalised_and_announced_in_the_outbox(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    body = organisation_payload(
        name={"en": "  Ministry of the Interior ", "lt": "Vidaus reikalų ministerija"},
        email_domains=["VRM.lt", "mail.vrm.lt", "vrm.LT"],
    )
    created = await client.post("/organisations", json=body)
    assert created.status_code == 201, created.text
    org = created.json()
    assert org["name"]["en"] == "Ministry of the Interior"
    assert org["email_domains"] == ["mail.vrm.lt", "vrm.lt"]
    assert (org["parent_id"], org["path"]) == (None, [org["id"]])
    assert (await client.get(f"/organisations/{org['id']}")).json() == org
    outbox = (await db_session.execute(select(events.outbox.c.type, events.outbox.c.payload))).all()
    assert len(outbox) == 1
    event_type, payload = outbox[0]
    assert event_type == "identity.organisation.created"
    assert payload == {key: org[key] for key in payload}
    assert set(payload) == {"id", "parent_id", "code", "kind", "name", "email_domains", "path"}


async def test_child_path_extends_its_parents(client: httpx.AsyncClient) -> None:
    country = await create(client, "lt", "country")
    ministry = await create(client, "vrm", "ministry", country)
    unit = await create(client, "vrm-it", "unit", ministry)
    assert ministry["path"] == [country["id"], ministry["id"]]
    assert unit["path"] == [country["id"], ministry["id"], unit["id"]]
    assert unit["parent_id"] == ministry["id"]


async def test_retried_create_returns_the_same_organisation_without_a_second_event(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first = await client.post("/organisations", json=organisation_payload(email_domains=["vrm.lt", "x.lt"]))
    # The same content written differently (domain case and order) is still the same request.
    again = await client.post("/organisations", json=organisation_payload(email_domains=["X.LT", "vrm.lt"]))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert await count(db_session, events.outbox) == 1


async def test_same_code_with_other_content_is_a_conflict_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    country = await create(client, "lt", "country")
    original = (await client.post("/organisations", json=organisation_payload())).json()
    for clash in (
        organisation_payload(name={"en": "Interior"}),
        organisation_payload(kind="department"),
        organisation_payload(email_domains=[]),
        organisation_payload(parent_id=country["id"]),
    ):
        problem(await client.post("/organisations", json=clash), 409, "conflict")
    assert (await client.get(f"/organisations/{original['id']}")).json() == original
    assert await count(db_session, Organisation.__table__) == 2 + 1  # and the admin's own
    assert await count(db_session, events.outbox) == 2


async def test_unknown_parent_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    response = await client.post("/organisations", json=organisation_payload(parent_id=str(uuid.uuid4())))
    assert "parent_id" in problem(response, 422, "validation")["detail"]
    assert await count(db_session, Organisation.__table__) == 1  # the admin's own
    assert await count(db_session, events.outbox) == 0


async def test_a_kind_cannot_sit_under_a_deeper_kind(client: httpx.AsyncClient) -> None:
    country = await create(client, "lt", "country")
    unit = await create(client, "lt-unit", "unit", country)
    problem(
        await client.post("/organisations", json=organisation_payload("m", parent_id=unit["id"])),
        422,
        "validation",
    )
    other = organisation_payload("lv", kind="country", parent_id=country["id"])
    problem(await client.post("/organisations", json=other), 422, "validation")
    # Any depth of the same kind is fine: units inside units.
    await create(client, "lt-unit-team", "unit", unit)


async def test_bad_input_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    malformed = await client.post(
        "/organisations", content=b'{"code": ', headers={"content-type": "application/json"}
    )
    problem(malformed, 400, "malformed-json")
    cases = {
        "kind": organisation_payload(kind="agency"),
        "name": organisation_payload(name="Ministry"),
        "parent_id": organisation_payload(parent_id=42),
        "email_domains": organisation_payload(email_domains="vrm.lt"),
        "budget": organisation_payload(budget=10),
    }
    for field, body in cases.items():
        refused = problem(await client.post("/organisations", json=body), 422, "validation")
        assert refused["errors"][0]["loc"][:2] == ["body", field], refused
    for domain in (
        "vrm",
        "-vrm.lt",
        "vrm-.lt",
        "vrm..lt",
        "vrm.lt.",
        "v rm.lt",
        "vrm.l",
        "vrm.123",
        "ž.lt",
        "@vrm.lt",
        "a" * 64 + ".lt",
    ):
        refused = problem(
            await client.post("/organisations", json=organisation_payload(email_domains=[domain])),
            422,
            "validation",
        )
        assert refused["errors"][0]["loc"][:2] == ["body", "email_domains"], domain
    for code in ("LT-VRM", "lt vrm", "lt--vrm", "-lt", "l", "x" * 101):
        problem(await client.post("/organisations", json=organisation_payload(code)), 422, "validation")
    for name in ({}, {"en": "   "}, {"english": "Interior"}, {"en": "x" * 201}):
        problem(await client.post("/organisations", json=organisation_payload(name=name)), 422, "validation")
    problem(await client.post("/organisations", json=[organisation_payload()]), 422, "validation")
    huge = organisation_payload(name={"en": "x" * (1024 * 1024 + 1)})
    problem(await client.post("/organisations", json=huge), 413, "payload-too-large")
    assert await count(db_session, Organisation.__table__) == 1  # the admin's own
    assert await count(db_session, events.outbox) == 0


async def test_unknown_organisation_is_not_found(client: httpx.AsyncClient) -> None:
    problem(await client.get(f"/organisations/{uuid.uuid4()}"), 404, "not-found")
    problem(await client.get(f"/organisations/{uuid.uuid4()}/children"), 404, "not-found")
    problem(await client.get("/organisations/not-a-uuid"), 422, "validation")


async def test_created_event_is_declared_in_the_contract(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    operation = schema["webhooks"]["identity.organisation.created"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/OrganisationEvent"
    assert set(schema["components"]["schemas"]["OrganisationEvent"]["properties"]) == {
        "id",
        "parent_id",
        "code",
        "kind",
        "name",
        "email_domains",
        "path",
    }
